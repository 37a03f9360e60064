"""The back button keeps what the runner answered."""

import re

import pytest
from pytest_django.asserts import assertRedirects

from tests.triage.journey.walking import (
    ABOUT,
    MORE_SIGNS,
    PAIN,
    RUNNING,
    SARAH,
    SIGNS,
    post_step,
    stored_answers,
    ticked_signs,
    walk_to_pain,
)

pytestmark = pytest.mark.django_db


def test_back_button_keeps_every_answer(client):
    walk_to_pain(client, SARAH, signs=["fever"])
    pain = {"onset": "sudden", "severity": "6", "pain_location": ["buttock"]}

    response = client.post(PAIN, {**pain, "back": "1"})

    assertRedirects(response, RUNNING, fetch_redirect_response=False)
    running = client.get(RUNNING).content.decode()
    assert re.search(r'value="under_3_months"[^>]*checked', running)
    signs = client.get(MORE_SIGNS).content.decode()
    assert re.search(r'name="fever"[^>]*checked', signs)
    assert not re.search(r'name="none"[^>]*checked', signs)
    about = client.get(ABOUT).content.decode()
    assert re.search(r'name="age"[^>]*value="35"', about)
    again = client.get(PAIN).content.decode()
    assert re.search(r'value="sudden"[^>]*checked', again)
    assert re.search(r'name="severity"[^>]*value="6"', again)
    assert re.search(r'value="buttock"[^>]*checked', again)


def test_back_button_keeps_none_of_these(client):
    post_step(client, ABOUT, SARAH["about"])
    post_step(client, SIGNS, ticked_signs(()))

    client.post(RUNNING, {"back": "1"})

    assert re.search(r'name="none"[^>]*checked', client.get(SIGNS).content.decode())


def test_back_with_a_wrong_answer_keeps_the_others_and_reopens_the_step(client):
    walk_to_pain(client, SARAH)

    client.post(RUNNING, {"running_experience": "over_1_year", "load_change": "", "back": "1"})

    answers = stored_answers(client)
    assert answers["running_experience"] == "over_1_year"
    assert "load_change" not in answers
    assertRedirects(client.get(PAIN), RUNNING)
