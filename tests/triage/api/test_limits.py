"""The API's rate limit on triage, and its last defence: JSON, never a stack trace."""

import json
import threading

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import OperationalError
from django.test import Client

from triage import api, services
from triage.api.examples import EXAMPLE_REQUEST
from triage.models import Assessment

pytestmark = pytest.mark.django_db

TRIAGE_URL = "/api/v1/triage"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def post(client=None, body=EXAMPLE_REQUEST, **extra):
    client = client or Client()
    return client.post(TRIAGE_URL, json.dumps(body), content_type="application/json", **extra)


def test_past_the_rate_a_client_gets_429_json_with_retry_after(settings):
    settings.API_TRIAGE_RATE = "3/min"

    statuses = [post().status_code for _ in range(3)]
    refused = post()

    assert statuses == [201, 201, 201]
    assert refused.status_code == 429
    assert "Too many requests" in refused.json()["message"]
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert Assessment.objects.count() == 3


def test_invalid_requests_count_towards_the_rate(settings):
    settings.API_TRIAGE_RATE = "2/min"

    assert [post(body={"answers": {}}).status_code for _ in range(2)] == [400, 400]
    assert post().status_code == 429


def test_the_rate_is_counted_per_client(settings):
    settings.API_TRIAGE_RATE = "1/min"

    assert post(REMOTE_ADDR="192.0.2.1").status_code == 201
    assert post(REMOTE_ADDR="192.0.2.1").status_code == 429
    assert post(REMOTE_ADDR="192.0.2.2").status_code == 201


def test_a_forged_forwarded_for_header_does_not_dodge_the_rate(settings):
    settings.API_TRIAGE_RATE = "1/min"

    assert post(HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 201
    assert post(HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 429


def test_the_rate_setting_applies_without_a_restart(settings):
    settings.API_TRIAGE_RATE = "1/min"
    assert post().status_code == 201
    assert post().status_code == 429

    settings.API_TRIAGE_RATE = "5/min"

    assert post().status_code == 201


def test_other_endpoints_are_not_limited(settings, client):
    settings.API_TRIAGE_RATE = "1/min"
    post()

    assert client.get("/api/v1/questionnaire").status_code == 200
    assert client.get("/api/v1/causes/overuse").status_code == 200


def test_a_malformed_rate_setting_fails_loudly(settings):
    settings.API_TRIAGE_RATE = "lots"

    with pytest.raises(ImproperlyConfigured, match="API_TRIAGE_RATE"):
        api.TriageRateThrottle()


@pytest.mark.parametrize("debug", [False, True])
def test_an_unexpected_error_answers_500_json_without_a_stack_trace(
    settings, monkeypatch, debug, caplog
):
    settings.DEBUG = debug
    settings.API_TRIAGE_RATE = "100/min"

    def broken(*, answers, **stored):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(services, "assessment_submit", broken)

    response = post()

    assert response.status_code == 500
    assert response.json() == {"message": "Something went wrong on our side. Try again later."}
    assert b"Traceback" not in response.content
    assert b"secret internals" not in response.content
    assert "secret internals" in caplog.text  # logged for us, not shown to the client


def test_a_failure_before_the_view_also_answers_json(settings, monkeypatch):
    settings.API_TRIAGE_RATE = "100/min"

    def cache_down(self, request):
        raise ConnectionError("cache unreachable")

    monkeypatch.setattr(api.TriageRateThrottle, "allow_request", cache_down)

    response = post()

    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert b"cache unreachable" not in response.content


def test_a_busy_database_answers_503_json_with_retry_after(settings, monkeypatch):
    settings.API_TRIAGE_RATE = "100/min"

    def locked(*, answers, **stored):
        raise OperationalError("database is locked")

    monkeypatch.setattr(services, "assessment_submit", locked)

    response = post()

    assert response.status_code == 503
    assert response.json() == {"message": "The service is busy. Try again in a moment."}
    assert response["Retry-After"] == "1"


def test_the_throttle_keeps_each_threads_request_apart():
    # One throttle serves every thread; a client's history must never land under another's key.
    throttle = api.TriageRateThrottle()
    throttle.key = "throttle_api_triage_192.0.2.1"
    seen_in_other_thread = []

    def other_request():
        throttle.key = "throttle_api_triage_192.0.2.2"
        seen_in_other_thread.append(throttle.key)

    thread = threading.Thread(target=other_request)
    thread.start()
    thread.join()

    assert seen_in_other_thread == ["throttle_api_triage_192.0.2.2"]
    assert throttle.key == "throttle_api_triage_192.0.2.1"
