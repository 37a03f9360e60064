"""The admin login: lockout after repeated failures (django-axes) and password length."""

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "a-long-enough-password-for-tests"  # noqa: S105


@pytest.fixture
def editor():
    user = User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    return user


def log_in(client, password):
    return client.post(LOGIN, {"username": "editor", "password": password, "next": "/admin/"})


def test_the_right_password_is_refused_after_the_failure_limit(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "wrong-guess-123").status_code == 200
    assert log_in(client, "wrong-guess-123").status_code == 429

    locked = log_in(client, PASSWORD)

    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_one_failure_short_of_the_limit_still_lets_the_right_password_in(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "wrong-guess-123")

    assert log_in(client, PASSWORD).status_code == 302


def test_another_address_is_not_locked_out_by_someone_elses_failures(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong-guess-123")

    other = client.__class__(REMOTE_ADDR="10.0.0.7")

    assert log_in(other, PASSWORD).status_code == 302


@pytest.mark.parametrize("password", ["runner2026", "short-pass1"])
def test_a_password_shorter_than_twelve_characters_is_refused(password):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)

    assert "password_too_short" in [e.code for e in refused.value.error_list]


def test_a_long_uncommon_password_is_accepted():
    validate_password("knee-lift-Tuesday-hills-42")


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/admin/", "javascript:alert(1)"]
)
def test_a_login_with_an_unsafe_next_lands_on_the_admin_index(client, editor, next_url):
    response = client.post(LOGIN, {"username": "editor", "password": PASSWORD, "next": next_url})

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_a_login_with_a_safe_next_goes_there(client, editor):
    response = client.post(
        LOGIN, {"username": "editor", "password": PASSWORD, "next": "/admin/triage/rule/"}
    )

    assert response["Location"] == "/admin/triage/rule/"
