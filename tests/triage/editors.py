"""Builders for the admin tests: users in each role, and a complete set of answers."""

from django.contrib.auth.models import Group, User

from tests.factories import make_answers
from triage.engine import contract

NO_WARNING_SIGNS = {slug: "no" for slug in contract.WARNING_SIGNS}

# A runner with an everyday ache and no warning sign: self-care.
CALM_ANSWERS = make_answers(
    onset_trigger="run", duration="under_1_week", trend="improving", severity=3
)


def make_user(role=None, *, username=None, **kwargs):
    """A staff user in the named group ("Editor", "Clinical reviewer"), or in none."""
    username = username or f"{(role or 'staff').lower().replace(' ', '_')}_user"
    kwargs.setdefault("is_staff", True)
    user = User.objects.create_user(username=username, password="pw-for-tests-only", **kwargs)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def answer_data(answers, **extra):
    """Answers as the admin's answer_<slug> form fields would post them."""
    data = dict(extra)
    for slug, value in answers.items():
        data[f"answer_{slug}"] = [str(v) for v in value] if isinstance(value, list) else str(value)
    return data
