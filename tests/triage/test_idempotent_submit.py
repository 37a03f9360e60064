"""A submission sent twice (a double tap, a retry) stores one assessment."""

import pytest

from tests.factories import make_answers
from tests.triage.journey.walking import MORE, SARAH, post_step, walk
from triage import services
from triage.compile import published_ruleset
from triage.journey.session import SESSION_KEY
from triage.models import Assessment

pytestmark = pytest.mark.django_db


def submit(key):
    ruleset, version_id = published_ruleset()
    return services.assessment_submit(
        answers=make_answers(), ruleset=ruleset, version_id=version_id, key=key
    )


def test_a_submission_sent_twice_with_its_key_is_stored_once():
    key = services.submission_key("journey", "a1b2", "fingerprint")
    first, second = submit(key), submit(key)
    assert first.pk == second.pk
    assert Assessment.objects.filter(submission_key=key).count() == 1


def test_without_a_key_every_submission_is_its_own():
    assert submit("").pk != submit("").pk


def test_when_another_request_wins_the_race_its_assessment_is_returned(monkeypatch):
    key = services.submission_key("journey", "race", "fingerprint")
    winner = submit(key)
    # This request looked before the other one wrote: it finds nothing, then its INSERT meets
    # the unique key, and it must answer with the row the other request stored.
    real_filter = Assessment.objects.filter
    looks = iter([Assessment.objects.none()])
    monkeypatch.setattr(
        Assessment.objects,
        "filter",
        lambda *args, **kwargs: next(looks, None) or real_filter(*args, **kwargs),
    )
    assert submit(key).pk == winner.pk
    assert Assessment.objects.filter(submission_key=key).count() == 1


def test_the_journey_stores_one_assessment_for_a_finished_check_sent_twice(client):
    first = walk(client, **SARAH)
    assert first.status_code == 302
    count = Assessment.objects.count()
    # The runner's browser sends the last step again (a double tap, back then forward).
    journey = client.session[SESSION_KEY]
    journey["submitted"] = None  # as if the first answer had not reached the session yet
    session = client.session
    session[SESSION_KEY] = journey
    session.save()
    again = post_step(client, MORE, {**SARAH["about"], **SARAH["pain"]})
    assert again["Location"] == first["Location"]
    assert Assessment.objects.count() == count
