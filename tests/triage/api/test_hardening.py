"""The API's production hardening: JSON only, idempotent triage, no answers in the trace, every
database failure a JSON 503, path parameters that cannot reach a query with a NUL."""

import json

import pytest
from django.db import ProgrammingError
from django.test import Client

from triage.api.examples import EXAMPLE_REQUEST
from triage.models import Assessment

pytestmark = pytest.mark.django_db
TRIAGE_URL = "/api/v1/triage"


def post(client, body=EXAMPLE_REQUEST, **headers):
    return client.post(
        TRIAGE_URL, json.dumps(body), content_type="application/json", headers=headers
    )


def test_a_triage_body_that_is_not_json_gets_415_and_stores_nothing(client):
    before = Assessment.objects.count()
    response = client.post(TRIAGE_URL, {"answers": "x"})  # a cross-site form's encoding
    assert response.status_code == 415
    assert "application/json" in response.json()["message"]
    assert Assessment.objects.count() == before


def test_the_same_idempotency_key_returns_the_same_assessment(client):
    first = post(client, **{"Idempotency-Key": "retry-7f3a"})
    again = post(client, **{"Idempotency-Key": "retry-7f3a"})
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert Assessment.objects.filter(pk=first.json()["id"]).count() == 1
    other = post(client, **{"Idempotency-Key": "retry-8c1b"})
    assert other.json()["id"] != first.json()["id"]


def test_an_idempotency_key_sent_again_with_other_answers_gets_422(client):
    post(client, **{"Idempotency-Key": "k-1"})
    changed = {"answers": {**EXAMPLE_REQUEST["answers"], "age": 61}}
    before = Assessment.objects.count()
    response = post(client, changed, **{"Idempotency-Key": "k-1"})
    assert response.status_code == 422
    assert Assessment.objects.count() == before


def test_an_idempotency_key_too_long_is_refused_by_field(client):
    response = post(client, **{"Idempotency-Key": "x" * 256})
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["errors"]


def test_the_api_trace_says_which_rules_fired_but_never_the_answers(client):
    body = post(client).json()
    assert body["result"]["trace"]
    assert all(set(step) == {"rule", "kind", "effect"} for step in body["result"]["trace"])
    stored = client.get(f"/api/v1/assessments/{body['id']}").json()
    assert all("answers" not in step for step in stored["result"]["trace"])
    # The stored record keeps them for editors' audit.
    assert Assessment.objects.get(pk=body["id"]).result["trace"][0]["answers"] is not None


def test_a_nul_in_a_cause_slug_is_not_found_as_json(client):
    response = client.get("/api/v1/causes/over%00use")
    assert response.status_code == 404
    assert response.json() == {"message": "No cause has this slug."}


def test_any_database_error_in_the_api_answers_json_503_with_retry_after(monkeypatch):
    def missing_tables(*args, **kwargs):
        raise ProgrammingError('relation "triage_rulesetversion" does not exist')

    monkeypatch.setattr("triage.api.published_ruleset", missing_tables, raising=False)
    monkeypatch.setattr("triage.services.published_ruleset", missing_tables)
    response = post(Client(raise_request_exception=False))
    assert response.status_code == 503
    assert response["Retry-After"]
    assert "message" in response.json()
