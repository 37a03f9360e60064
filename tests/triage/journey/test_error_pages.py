"""Friendly error pages that still show the emergency signs."""

import pytest
from django.db import OperationalError, connection
from django.test import Client
from pytest_django.asserts import assertContains

from tests.triage.journey.walking import (
    ABOUT,
)

pytestmark = pytest.mark.django_db


def test_a_bad_request_gets_a_friendly_page(client):
    response = client.get("/", headers={"host": "evil.example"})

    assertContains(response, "Sorry, something went wrong with that request", status_code=400)


def test_a_timed_out_form_gets_a_friendly_page():
    client = Client(enforce_csrf_checks=True)

    response = client.post(ABOUT, {"age": "35", "sex": "male"})

    assertContains(response, "Sorry, this page timed out", status_code=403)
    assertContains(response, "Call 999 now", status_code=403)


def test_a_server_error_shows_the_emergency_signs_and_no_stack_trace(monkeypatch):
    # Not a database error: those answer 503 (tests/backpain/test_errors.py).
    def broken():
        raise RuntimeError("the ruleset cache broke")

    monkeypatch.setattr("triage.journey.views.published_ruleset", broken)
    client = Client(raise_request_exception=False)

    response = client.get(ABOUT)

    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, something went wrong on our side" in html
    assert "Call 999 now if you have back pain" in html
    assert "Traceback" not in html and "RuntimeError" not in html


def test_the_server_error_page_renders_without_the_database(rf, settings):
    from triage.journey.views import server_error

    settings.EMERGENCY_NUMBER = "112"

    def database_down(*args):
        raise OperationalError("could not connect to server")

    with connection.execute_wrapper(database_down):
        response = server_error(rf.get("/"))

    assert response.status_code == 500
    assert b"Call 112 now" in response.content
