"""The per-client limit on finishing the questionnaire (backpain.limits)."""

import pytest
from pytest_django.asserts import assertContains

from backpain.limits import hit
from tests.backpain.journey import LAST_STEP, finish, walk_to_last_step

pytestmark = pytest.mark.django_db


def test_finishing_more_often_than_the_rate_is_refused_with_the_emergency_signs(client, settings):
    settings.JOURNEY_FINISH_RATE = "2/hour"

    for _ in range(2):
        walk_to_last_step(client)
        assert finish(client).status_code == 302
        client.post("/check/")
    walk_to_last_step(client)
    refused = finish(client)

    assertContains(refused, "Too many attempts", status_code=429)
    assertContains(refused, "Call 999 now", status_code=429)
    assert int(refused["Retry-After"]) > 0


def test_going_back_from_the_last_step_is_not_counted(client, settings):
    settings.JOURNEY_FINISH_RATE = "1/hour"
    walk_to_last_step(client)

    for _ in range(3):
        assert client.post(LAST_STEP, {"back": "1"}).status_code == 302

    assert finish(client).status_code == 302


def test_other_steps_are_never_limited(client, settings):
    settings.JOURNEY_FINISH_RATE = "1/hour"
    walk_to_last_step(client)
    finish(client)

    for _ in range(3):
        client.post("/check/")
        walk_to_last_step(client)


def test_each_client_has_its_own_count(client, settings):
    settings.JOURNEY_FINISH_RATE = "1/hour"
    walk_to_last_step(client)
    assert finish(client).status_code == 302

    other = client.__class__(REMOTE_ADDR="10.0.0.9")
    walk_to_last_step(other)

    assert finish(other).status_code == 302


def test_the_count_is_per_window():
    assert [hit("test", "2/day")[0] for _ in range(3)] == [True, True, False]
