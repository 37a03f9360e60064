"""What a step says when an answer is missing or not offered."""

import pytest
from pytest_django.asserts import assertContains

from tests.triage.journey.walking import (
    ABOUT,
    PAIN,
    SARAH,
    SIGNS,
    post_step,
    stored_answers,
    walk_to_pain,
)
from triage.journey.session import SESSION_KEY
from triage.models import Assessment

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("age", ["", "abc", "9", "101", "35.5"])
def test_an_age_that_is_missing_or_out_of_range_says_how_to_fix_it(client, age):
    response = post_step(client, ABOUT, {"age": age, "sex": "male"})

    assertContains(response, "Enter a whole number from 10 to 100, for example 55.", count=2)
    assertContains(response, "Please check your answers")
    assert SESSION_KEY not in client.session


def test_severity_above_ten_says_how_to_fix_it(client):
    walk_to_pain(client, SARAH)

    response = post_step(client, PAIN, {**SARAH["pain"], "severity": "11"})

    assertContains(response, "Enter a whole number from 0 to 10, for example 5.", count=2)
    assert Assessment.objects.count() == 0


def test_a_missing_choice_says_how_to_fix_it(client):
    response = post_step(client, ABOUT, {"age": "35"})

    assertContains(response, "Choose one answer.", count=2)
    assertContains(response, 'href="#question-sex"')


def test_a_choice_that_is_not_offered_says_how_to_fix_it(client):
    response = post_step(client, ABOUT, {"age": "35", "sex": "alien"})

    assertContains(response, "Choose one of the answers shown.", count=2)


def test_no_pain_location_says_how_to_fix_it(client):
    walk_to_pain(client, SARAH)
    pain = {k: v for k, v in SARAH["pain"].items() if k != "pain_location"}

    response = post_step(client, PAIN, pain)

    assertContains(response, "Tick at least one box.", count=2)


def test_a_pain_location_that_is_not_offered_says_how_to_fix_it(client):
    walk_to_pain(client, SARAH)

    response = post_step(client, PAIN, {**SARAH["pain"], "pain_location": ["elbow"]})

    assertContains(response, "Tick only the boxes shown.", count=2)


def test_an_empty_warning_sign_checklist_is_not_read_as_no(client):
    post_step(client, ABOUT, SARAH["about"])

    response = post_step(client, SIGNS, {})

    assertContains(response, "If you have none of them, tick “None of these”", count=2)
    assert "saddle_numbness" not in stored_answers(client)
    assert "warning_signs" not in client.session[SESSION_KEY]["done"]


def test_none_of_these_with_a_sign_ticked_is_refused(client):
    post_step(client, ABOUT, SARAH["about"])

    response = post_step(client, SIGNS, {"none": "on", "saddle_numbness": "on"})

    assertContains(response, "You ticked “None of these” and a warning sign.", count=2)
    assert Assessment.objects.count() == 0
    assert "saddle_numbness" not in stored_answers(client)
