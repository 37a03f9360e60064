"""manage.py create_editor: an editor's account in a role, with a password asked for twice."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-uncommon-passphrase"  # noqa: S105


def typed(monkeypatch, *answers):
    """Answer getpass's prompts with these, in order."""
    answers = iter(answers)
    prompts = []

    def fake_getpass(prompt):
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    return prompts


def create(*args, **kwargs):
    out, err = StringIO(), StringIO()
    call_command("create_editor", *args, stdout=out, stderr=err, **kwargs)
    return out.getvalue(), err.getvalue()


def test_an_editor_is_created_as_staff_in_the_editor_group(monkeypatch):
    prompts = typed(monkeypatch, PASSWORD, PASSWORD)

    out, _ = create("alice", "--role", "editor", "--email", "alice@example.org")

    user = User.objects.get(username="alice")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Editor"]
    assert user.email == "alice@example.org"
    assert user.check_password(PASSWORD)
    assert prompts == ["Password: ", "Password (again): "]
    assert "Created alice (Editor)." in out
    assert "add_totp_device" not in out


def test_a_reviewer_is_created_in_the_clinical_reviewer_group_and_pointed_to_2fa(monkeypatch):
    typed(monkeypatch, PASSWORD, PASSWORD)

    out, _ = create("rita", "--role", "reviewer")

    user = User.objects.get(username="rita")
    assert list(user.groups.values_list("name", flat=True)) == ["Clinical reviewer"]
    assert user.has_perm("triage.publish_rulesetversion")
    assert "manage.py add_totp_device rita" in out


def test_passwords_that_differ_or_are_too_short_are_asked_for_again(monkeypatch):
    prompts = typed(monkeypatch, PASSWORD, "something else", "short", "short", PASSWORD, PASSWORD)

    _, err = create("alice", "--role", "editor")

    assert len(prompts) == 6
    assert "the two passwords differ" in err
    assert "at least 12 characters" in err
    assert User.objects.get(username="alice").check_password(PASSWORD)


def test_a_password_like_the_username_is_refused(monkeypatch):
    typed(monkeypatch, "alicealicealice", "alicealicealice", PASSWORD, PASSWORD)

    _, err = create("alicealicealice", "--role", "editor")

    assert "too similar" in err


def test_noinput_reads_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", PASSWORD)
    typed(monkeypatch)  # any prompt would fail the test

    create("alice", "--role", "editor", "--noinput", verbosity=0)

    assert User.objects.get(username="alice").check_password(PASSWORD)


def test_noinput_without_the_variable_or_with_a_weak_password_creates_nobody(monkeypatch):
    monkeypatch.delenv("DJANGO_EDITOR_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="DJANGO_EDITOR_PASSWORD"):
        create("alice", "--role", "editor", "--noinput")

    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", "123456789012")
    with pytest.raises(CommandError, match="entirely numeric"):
        create("alice", "--role", "editor", "--noinput")

    assert not User.objects.filter(username="alice").exists()


def test_an_existing_username_or_an_unknown_role_is_refused(monkeypatch, admin_user):
    typed(monkeypatch)

    with pytest.raises(CommandError, match="already exists"):
        create(admin_user.username, "--role", "editor")
    with pytest.raises(CommandError, match="invalid choice"):
        create("bob", "--role", "admin")


def test_an_invalid_username_is_refused_before_the_password_is_asked(monkeypatch):
    typed(monkeypatch)

    with pytest.raises(CommandError, match="username"):
        create("no spaces allowed", "--role", "editor")


def test_the_new_editor_can_log_in_to_the_admin(monkeypatch, client):
    typed(monkeypatch, PASSWORD, PASSWORD)
    create("alice", "--role", "editor", verbosity=0)

    response = client.post(
        reverse("admin:login"), {"username": "alice", "password": PASSWORD, "next": "/admin/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
