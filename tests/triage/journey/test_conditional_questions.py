"""Questions shown only when an earlier answer calls for them."""

import re

import pytest
from pytest_django.asserts import assertContains

from tests.triage.journey.walking import (
    ABOUT,
    JOHN,
    MORE,
    SARAH,
    post_step,
    result_of,
    stored_answers,
    walk_to_more,
)

pytestmark = pytest.mark.django_db


def _wrapper(html, slug):
    match = re.search(rf'<div class="question[^"]*" id="question-{slug}"[^>]*>', html)
    return match.group(0) if match else None


def test_pregnancy_and_periods_questions_are_put_only_to_women(client):
    walk_to_more(client, JOHN)
    html = client.get(MORE).content.decode()
    assert 'name="pregnant_or_postpartum"' not in html
    assert 'name="periods_missed"' not in html

    client.post("/check/")
    walk_to_more(client, SARAH)
    html = client.get(MORE).content.decode()
    assert 'name="pregnant_or_postpartum"' in html
    assert 'name="periods_missed"' in html


def test_a_revealed_question_is_asked_before_moving_on_without_javascript(client):
    walk_to_more(client, JOHN)

    response = client.post(MORE, {**JOHN["pain"], "self_care_tried": ["heat"]})

    assert response.status_code == 200
    assertContains(response, "Your answer brings up one more question.")
    assert " hidden" not in _wrapper(response.content.decode(), "self_care_helped")
    assert stored_answers(client)["self_care_tried"] == ["heat"]

    response = post_step(client, MORE, {**JOHN["pain"], "self_care_tried": ["heat"]})
    assert result_of(response).answers["self_care_tried"] == ["heat"]


def test_self_care_helped_waits_hidden_until_something_was_tried(client):
    walk_to_more(client, JOHN)
    wrapper = _wrapper(client.get(MORE).content.decode(), "self_care_helped")

    assert " hidden" in wrapper
    assert 'data-condition-question="self_care_tried"' in wrapper
    assert 'data-condition-operator="not_empty"' in wrapper


def test_an_answer_to_a_hidden_question_is_dropped(client):
    post_step(client, ABOUT, {"age": "40", "sex": "male", "pregnant_or_postpartum": "yes"})

    assert "pregnant_or_postpartum" not in stored_answers(client)


def test_changing_an_answer_drops_the_later_answers_it_hides(client):
    walk_to_more(client, SARAH)
    post_step(client, MORE, {"periods_missed": "yes", "pregnant_or_postpartum": "no"})
    assert stored_answers(client)["periods_missed"] == "yes"

    post_step(client, ABOUT, {"age": "35", "sex": "male"})

    assert "periods_missed" not in stored_answers(client)
    assert "pregnant_or_postpartum" not in stored_answers(client)


def test_self_care_helped_is_dropped_when_nothing_was_tried(client):
    walk_to_more(client, JOHN)

    assessment = result_of(post_step(client, MORE, {**JOHN["pain"], "self_care_helped": "no"}))

    assert "self_care_helped" not in assessment.answers
    assert assessment.answers["self_care_tried"] == []
