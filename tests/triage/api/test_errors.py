"""What the API answers before any of its routes runs: JSON for a wrong path or method too."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/api/v1/nothing-here", "/api/v1/assessments/", "/api/v2/triage", "/api/", "/api"]
)
def test_an_unknown_api_path_answers_a_json_404(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "/api/v1/docs" in response.json()["message"]


def test_a_post_to_an_unknown_api_path_is_a_json_404_not_a_csrf_failure(client):
    client = type(client)(enforce_csrf_checks=True)

    response = client.post("/api/v1/triag", "{}", content_type="application/json")

    assert response.status_code == 404
    assert response.json()["message"]


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("delete", "/api/v1/questionnaire", "GET"),
        ("get", "/api/v1/triage", "POST"),
        ("put", "/api/v1/causes/overuse", "GET"),
    ],
)
def test_a_method_a_path_does_not_take_answers_a_json_405_with_allow(
    client, method, path, allowed
):
    response = getattr(client, method)(path)

    assert response.status_code == 405
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Allow"] == allowed
    assert allowed in response.json()["message"]


def test_the_right_method_is_answered_as_before(client):
    response = client.get("/api/v1/questionnaire")

    assert response.status_code == 200
    assert response.json()["questions"]


def test_a_page_outside_the_api_still_gets_the_html_404(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
