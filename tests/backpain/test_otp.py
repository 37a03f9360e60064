"""Two-factor login for whoever can publish rules (backpain.otp)."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _otp_required(settings):
    settings.OTP_REQUIRED_FOR_PUBLISHERS = True


def make_staff(group, username):
    user = User.objects.create_user(username, password="not-used-in-these-tests", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def code_for(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_a_reviewer_signed_in_with_a_password_only_is_sent_to_the_code_step(client):
    client.force_login(make_staff("Clinical reviewer", "rita"))

    response = client.get("/admin/triage/rule/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/verify/?next=/admin/triage/rule/")


def test_a_reviewer_with_the_right_code_reaches_the_admin(client):
    reviewer = make_staff("Clinical reviewer", "rita")
    device = TOTPDevice.objects.create(user=reviewer, name="phone", confirmed=True)
    client.force_login(reviewer)

    response = client.post(
        "/admin/verify/",
        {"otp_device": device.persistent_id, "otp_token": code_for(device), "next": "/admin/"},
    )

    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_refused(client):
    reviewer = make_staff("Clinical reviewer", "rita")
    device = TOTPDevice.objects.create(user=reviewer, name="phone", confirmed=True)
    client.force_login(reviewer)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"

    client.post("/admin/verify/", {"otp_device": device.persistent_id, "otp_token": wrong})

    assert client.get("/admin/").status_code == 302


def test_a_reviewer_without_a_device_is_told_how_to_get_one(client):
    client.force_login(make_staff("Clinical reviewer", "rita"))

    response = client.get("/admin/verify/")

    assert response.status_code == 403
    assert "add_totp_device" in response.content.decode()


def test_an_editor_who_cannot_publish_needs_no_code(client):
    client.force_login(make_staff("Editor", "eddie"))

    assert client.get("/admin/").status_code == 200


def test_the_public_pages_never_ask_for_a_code(client):
    client.force_login(make_staff("Clinical reviewer", "rita"))

    assert client.get("/").status_code == 200


def test_the_command_sets_up_a_confirmed_device_and_prints_its_link(capsys):
    reviewer = make_staff("Clinical reviewer", "rita")

    call_command("add_totp_device", "rita")

    device = TOTPDevice.objects.get(user=reviewer)
    assert device.confirmed
    assert "otpauth://totp/" in capsys.readouterr().out
