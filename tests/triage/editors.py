"""Builders for the admin tests: users in each role, and a complete set of answers."""

from django.contrib.auth.models import Group, User

NO_WARNING_SIGNS = {
    slug: "no"
    for slug in (
        "saddle_numbness",
        "bladder_change",
        "bowel_change",
        "sexual_change",
        "both_legs_worsening",
        "serious_accident",
        "sudden_tearing_pain",
        "chest_pain",
        "fever",
        "cancer_history",
        "weight_loss",
        "night_pain",
        "osteoporosis_or_steroids",
        "infection_risk",
        "back_shape_change",
        "urinary_symptoms",
        "groin_pain_weight_bearing",
    )
}

# A runner with an everyday ache and no warning sign: self-care.
CALM_ANSWERS = {
    "age": 35,
    "sex": "male",
    "running_experience": "over_1_year",
    "load_change": "none",
    "pain_location": ["low_back_centre"],
    "onset": "gradual",
    "onset_trigger": "run",
    "duration": "under_1_week",
    "trend": "improving",
    "severity": 3,
    "leg_symptoms": "none",
    "leg_weakness": "none",
    "daily_impact": "some",
    **NO_WARNING_SIGNS,
}


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
