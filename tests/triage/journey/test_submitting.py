"""Submitting the last step: one assessment per set of answers, nothing personal stored."""

import pytest
from pytest_django.asserts import assertContains, assertRedirects

from tests.triage.journey.walking import (
    ABOUT,
    MORE,
    RUNNING,
    SARAH,
    SIGNS,
    post_step,
    result_of,
    stored_answers,
    walk,
    walk_to_more,
    walk_to_pain,
)
from triage import engine
from triage.compile import NoPublishedRuleset
from triage.engine import contract
from triage.models import Assessment

pytestmark = pytest.mark.django_db


def test_submitting_the_last_step_twice_stores_one_assessment(client):
    walk_to_more(client, SARAH)

    first = post_step(client, MORE, SARAH["pain"])
    second = post_step(client, MORE, SARAH["pain"])

    assert first["Location"] == second["Location"]
    assert Assessment.objects.count() == 1


def test_submitting_an_emergency_twice_stores_one_assessment(client):
    post_step(client, ABOUT, SARAH["about"])

    first = post_step(client, SIGNS, {"chest_pain": "on"})
    second = post_step(client, SIGNS, {"chest_pain": "on"})

    assert first["Location"] == second["Location"]
    assert Assessment.objects.count() == 1


def test_changed_answers_make_a_new_assessment(client):
    walk_to_more(client, SARAH)
    first = post_step(client, MORE, SARAH["pain"])

    second = post_step(client, MORE, {**SARAH["pain"], "character": ["sharp"]})

    assert first["Location"] != second["Location"]
    assert Assessment.objects.count() == 2


def test_the_stored_assessment_holds_answers_only(client):
    assessment = result_of(walk(client, **SARAH))

    assert set(assessment.answers) <= set(contract.QUESTIONS) | set(contract.WARNING_SIGNS)
    assert all(assessment.answers[sign] == "no" for sign in contract.WARNING_SIGNS)
    assert assessment.answers["age"] == 35


def test_start_again_clears_the_answers(client):
    walk_to_pain(client, SARAH)

    assertRedirects(client.post("/check/"), ABOUT)

    assert stored_answers(client) == {}
    assertRedirects(client.get(RUNNING), ABOUT)


def test_starting_after_a_finished_check_starts_afresh(client):
    walk(client, **SARAH)

    response = client.get("/check/")

    assertRedirects(response, f"{ABOUT}?new=1", fetch_redirect_response=False)
    assert 'value="35"' not in client.get(response["Location"]).content.decode()
    client.post(response["Location"], {"age": "60", "sex": "male"})
    assert stored_answers(client) == {"age": 60, "sex": "male"}


def test_the_check_says_so_when_nothing_is_published(client, monkeypatch):
    def nothing_published():
        raise NoPublishedRuleset("none")

    monkeypatch.setattr("triage.journey.views.published_ruleset", nothing_published)

    response = client.get(ABOUT)

    assertContains(response, "the check is not available right now", status_code=503)
    assertContains(response, "Call 999 now", status_code=503)


def test_questions_changed_during_the_check_send_the_runner_back_to_them(client, monkeypatch):
    walk_to_more(client, SARAH)

    def refuse(*, answers, **published):
        raise engine.InvalidAnswers({"load_change": "This question is required."})

    monkeypatch.setattr("triage.journey.views.assessment_submit", refuse)

    response = post_step(client, MORE, SARAH["pain"])

    assertRedirects(response, RUNNING, fetch_redirect_response=False)
    assertContains(client.get(RUNNING), "Some questions have changed since you started.")
    assert Assessment.objects.count() == 0


# Counts include the savepoints of the test's transaction (two per write).
def test_submitting_makes_few_queries(client, django_assert_max_num_queries):
    walk_to_more(client, SARAH)

    # One more than a submit from the pain page took: the last page's session is read again.
    with django_assert_max_num_queries(12):
        post_step(client, MORE, SARAH["pain"])
