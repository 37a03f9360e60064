"""The article's three stories, walked through every step, and the emergency short-cut."""

import pytest
from pytest_django.asserts import assertContains, assertRedirects

from tests.triage.journey.walking import (
    ABOUT,
    JOHN,
    MARY,
    MORE_SIGNS,
    PAIN,
    RUNNING,
    SARAH,
    SIGNS,
    post_step,
    result_of,
    stored_answers,
    walk,
    walk_to_pain,
)
from triage.models import Assessment

pytestmark = pytest.mark.django_db


def test_sarah_who_ran_more_and_more_is_told_home_care_or_soon_with_overuse_first(client):
    assessment = result_of(walk(client, **SARAH))

    assert assessment.urgency in ("self_care", "soon")
    assert assessment.result["causes"][0]["slug"] == "overuse"
    assert assessment.answers["load_change"] == "sharp"
    response = client.get(assessment.get_absolute_url())
    assertContains(response, "Overuse (doing too much too soon)")
    assertContains(response, "Your home-care plan")


def test_john_with_sudden_stabbing_pain_is_told_soon_or_sooner_with_a_disc_in_the_top_three(
    client,
):
    assessment = result_of(walk(client, **JOHN))

    assert assessment.urgency in ("soon", "urgent", "emergency")
    top_three = [cause["slug"] for cause in assessment.result["causes"][:3]]
    assert "disc_herniation" in top_three
    assertContains(client.get(assessment.get_absolute_url()), "Bulging disc")


def test_mary_whose_home_care_did_not_help_is_told_soon_with_spinal_stenosis_first(client):
    assessment = result_of(walk(client, **MARY))

    assert assessment.urgency == "soon"
    assert assessment.result["causes"][0]["slug"] == "spinal_stenosis"
    # Both legs already make it "soon": whether home care helped could not change the result,
    # so it is not asked, and the result is the one all her answers give.
    assert "self_care_helped" not in assessment.answers
    everything = submit_answers({**MARY["about"], **MARY["running"], **MARY["pain"]})
    assert everything.urgency == assessment.urgency
    assert _top_three(everything) == _top_three(assessment)


def _top_three(assessment):
    return [cause["slug"] for cause in assessment.result["causes"][:3]]


def submit_answers(answers):
    from triage.engine import contract
    from triage.services import assessment_submit

    numbers = {"age", "severity"}
    answers = {k: int(v) if k in numbers else v for k, v in answers.items()}
    return assessment_submit(answers={**dict.fromkeys(contract.WARNING_SIGNS, "no"), **answers})


def test_an_emergency_sign_goes_straight_to_the_emergency_result(client):
    post_step(client, ABOUT, JOHN["about"])

    response = post_step(client, SIGNS, {"saddle_numbness": "on"})

    assessment = result_of(response)
    assert assessment.urgency == "emergency"
    assert assessment.answers["saddle_numbness"] == "yes"
    assert assessment.answers["bladder_change"] == "no"
    assert "running_experience" not in assessment.answers
    assert "pain_location" not in assessment.answers
    page = client.get(response["Location"])
    assertContains(page, "Call 999 now, or go to A&amp;E")
    assertContains(page, "New numbness or tingling between your legs")


def test_a_sign_that_is_not_an_emergency_carries_on_to_the_next_step(client):
    post_step(client, ABOUT, JOHN["about"])
    post_step(client, SIGNS, {"none": "on"})

    response = post_step(client, MORE_SIGNS, {"fever": "on"})

    assertRedirects(response, RUNNING, fetch_redirect_response=False)
    assert stored_answers(client)["fever"] == "yes"
    assert Assessment.objects.count() == 0


def test_half_answered_later_step_does_not_end_the_check_early(client):
    walk_to_pain(client, JOHN)
    client.post(PAIN, {"leg_symptoms": "both_legs", "leg_weakness": "worsening", "back": "1"})

    response = post_step(client, RUNNING, JOHN["running"])

    assertRedirects(response, PAIN, fetch_redirect_response=False)
    assert Assessment.objects.count() == 0
