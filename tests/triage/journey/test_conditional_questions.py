"""Questions shown only when an earlier answer calls for them."""

import re

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from tests.triage.journey.walking import (
    ABOUT,
    JOHN,
    PAIN,
    RUNNING,
    SARAH,
    SIGNS,
    post_step,
    result_of,
    stored_answers,
    ticked_signs,
    walk_to_pain,
)
from triage.journey.session import SESSION_KEY

pytestmark = pytest.mark.django_db


def _wrapper(html, slug):
    match = re.search(rf'<div class="question[^"]*" id="question-{slug}"[^>]*>', html)
    return match.group(0) if match else None


def test_pregnancy_question_is_shown_only_to_women(client):
    session = client.session
    session[SESSION_KEY] = {"answers": {"sex": "male"}, "done": [], "submitted": None}
    session.save()
    assert " hidden" in _wrapper(client.get(ABOUT).content.decode(), "pregnant_or_postpartum")

    session[SESSION_KEY] = {"answers": {"sex": "female"}, "done": [], "submitted": None}
    session.save()
    shown = _wrapper(client.get(ABOUT).content.decode(), "pregnant_or_postpartum")
    assert " hidden" not in shown
    assert 'data-condition-question="sex"' in shown


def test_periods_question_on_a_later_step_is_left_out_for_men(client):
    post_step(client, ABOUT, JOHN["about"])
    post_step(client, SIGNS, ticked_signs(()))
    assertNotContains(client.get(RUNNING), 'name="periods_missed"')

    post_step(client, ABOUT, SARAH["about"])
    assertContains(client.get(RUNNING), 'name="periods_missed"')


def test_a_revealed_question_is_asked_before_moving_on_without_javascript(client):
    response = client.post(ABOUT, {"age": "35", "sex": "female"})

    assert response.status_code == 200
    assertContains(response, "Your answer brings up one more question.")
    assert " hidden" not in _wrapper(response.content.decode(), "pregnant_or_postpartum")
    assert stored_answers(client)["sex"] == "female"

    response = post_step(client, ABOUT, {"age": "35", "sex": "female"})
    assertRedirects(response, SIGNS, fetch_redirect_response=False)


def test_an_answer_to_a_hidden_question_is_dropped(client):
    post_step(client, ABOUT, {"age": "40", "sex": "male", "pregnant_or_postpartum": "yes"})

    assert "pregnant_or_postpartum" not in stored_answers(client)


def test_changing_an_answer_drops_the_later_answers_it_hides(client):
    walk_to_pain(client, {**SARAH, "running": {**SARAH["running"], "periods_missed": "yes"}})
    assert stored_answers(client)["periods_missed"] == "yes"

    post_step(client, ABOUT, {"age": "35", "sex": "male"})

    assert "periods_missed" not in stored_answers(client)
    assert "pregnant_or_postpartum" not in stored_answers(client)


def test_self_care_helped_is_asked_only_when_something_was_tried(client):
    walk_to_pain(client, SARAH)
    html = client.get(PAIN).content.decode()
    wrapper = _wrapper(html, "self_care_helped")
    assert " hidden" in wrapper
    assert 'data-condition-question="self_care_tried"' in wrapper
    assert 'data-condition-operator="not_empty"' in wrapper

    response = client.post(PAIN, {**SARAH["pain"], "self_care_tried": ["heat"]})
    assert response.status_code == 200
    assertContains(response, "Your answer brings up one more question.")
    assert " hidden" not in _wrapper(response.content.decode(), "self_care_helped")


def test_self_care_helped_is_dropped_when_nothing_was_tried(client):
    walk_to_pain(client, SARAH)

    assessment = result_of(post_step(client, PAIN, {**SARAH["pain"], "self_care_helped": "no"}))

    assert "self_care_helped" not in assessment.answers
    assert assessment.answers["self_care_tried"] == []
