"""Database errors answer 503, logs are JSON lines with the request's id."""

import json
import logging

import pytest
from django.db import InterfaceError, OperationalError, ProgrammingError
from django.http import HttpResponse
from django.test import Client, RequestFactory

from backpain.logs import JsonFormatter, RequestIdFilter
from backpain.middleware import DatabaseUnavailableMiddleware, RequestIdMiddleware

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "error", [OperationalError("server closed"), InterfaceError("gone"), ProgrammingError("x")]
)
def test_a_database_error_on_a_page_is_a_503_with_the_emergency_signs(error):
    middleware = DatabaseUnavailableMiddleware(lambda request: HttpResponse())

    response = middleware.process_exception(RequestFactory().get("/check/pain/"), error)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Call 999 now" in html and "not available right now" in html


def test_a_database_error_on_the_api_is_a_json_503():
    middleware = DatabaseUnavailableMiddleware(lambda request: HttpResponse())

    response = middleware.process_exception(
        RequestFactory().get("/api/v1/causes"), OperationalError("down")
    )

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == "30"
    assert "message" in json.loads(response.content)


def test_other_errors_are_left_to_the_500_page():
    middleware = DatabaseUnavailableMiddleware(lambda request: HttpResponse())

    assert middleware.process_exception(RequestFactory().get("/"), ValueError()) is None


def test_a_page_served_while_the_database_is_down_answers_503(monkeypatch):
    def broken():
        raise OperationalError("could not connect to server")

    monkeypatch.setattr("triage.journey.views.published_ruleset", broken)

    response = Client(raise_request_exception=False).get("/check/about-you/")

    assert response.status_code == 503
    assert "Call 999 now" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_every_response_carries_a_request_id(client):
    first, second = client.get("/"), client.get("/")

    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_the_proxys_request_id_is_kept_and_a_malformed_one_replaced(client):
    kept = client.get("/", headers={"X-Request-ID": "0123456789abcdef0123456789abcdef"})
    replaced = client.get("/", headers={"X-Request-ID": "<script>"})

    assert kept["X-Request-ID"] == "0123456789abcdef0123456789abcdef"
    assert replaced["X-Request-ID"] != "<script>"


def test_log_lines_are_json_with_the_request_id():
    lines = []

    def view(request):
        record = logging.makeLogRecord({"name": "t", "levelname": "INFO", "msg": "hello %s"})
        record.args = ("runner",)
        RequestIdFilter().filter(record)
        lines.append(JsonFormatter().format(record))
        return HttpResponse()

    request = RequestFactory().get("/", headers={"X-Request-ID": "abcdef0123456789"})
    RequestIdMiddleware(view)(request)

    entry = json.loads(lines[0])
    assert entry["message"] == "hello runner"
    assert entry["request_id"] == "abcdef0123456789"
    assert entry["level"] == "INFO"


def test_logging_writes_json_to_stderr_and_mails_nobody(settings):
    handlers = settings.LOGGING["handlers"]
    assert list(handlers) == ["stderr"]
    assert handlers["stderr"]["class"] == "logging.StreamHandler"
    assert settings.LOGGING["loggers"]["django"]["handlers"] == ["stderr"]
