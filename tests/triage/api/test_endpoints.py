import copy
import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.test import Client

from triage import engine
from triage.api.examples import EXAMPLE_ASSESSMENT, EXAMPLE_REQUEST
from triage.api.schemas import AssessmentOut
from triage.compile import published_ruleset
from triage.engine import contract
from triage.models import Assessment, Cause, RulesetVersion
from triage.results import full_result

pytestmark = pytest.mark.django_db

TRIAGE_URL = "/api/v1/triage"


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.API_TRIAGE_RATE = "100000/min"
    cache.clear()
    yield
    cache.clear()


def post(client, body, **extra):
    data = body if isinstance(body, bytes) else json.dumps(body)
    return client.post(TRIAGE_URL, data, content_type="application/json", **extra)


def example_answers(**changes):
    answers = copy.deepcopy(EXAMPLE_REQUEST["answers"])
    answers.update(changes)
    return answers


# --- Questionnaire ----------------------------------------------------------------------------


def test_questionnaire_lists_every_published_question_in_order(client):
    ruleset, _ = published_ruleset()

    body = client.get("/api/v1/questionnaire").json()

    assert body["ruleset_version"] == ruleset.version
    published = sorted(ruleset.questions, key=lambda q: q.order)
    assert [q["slug"] for q in body["questions"]] == [q.slug for q in published]
    assert [s["slug"] for s in body["sections"]] == list(
        dict.fromkeys(q.section for q in published)
    )
    assert {"slug": "warning_signs", "title": "Warning signs"} in body["sections"]


def test_questionnaire_gives_every_contract_question_its_kind_choices_range_and_rule():
    questions = {q["slug"]: q for q in Client().get("/api/v1/questionnaire").json()["questions"]}

    for slug, (kind, choices, bounds, required) in contract.QUESTIONS.items():
        question = questions[slug]
        assert question["kind"] == kind, slug
        assert question["required"] is required, slug
        assert [c["slug"] for c in question["choices"]][: len(choices)] == list(choices), slug
        assert all(c["label"] for c in question["choices"]), slug
        if bounds:
            assert (question["min_value"], question["max_value"]) == bounds
    for slug, (on, operator, value) in contract.SHOWN_WHEN.items():
        assert questions[slug]["shown_when"] == {
            "question": on,
            "operator": operator,
            "value": value,
        }
    assert questions["age"]["shown_when"] is None


def test_questionnaire_reads_one_row_per_request(client, django_assert_num_queries):
    client.get("/api/v1/questionnaire")

    with django_assert_num_queries(1):
        assert client.get("/api/v1/questionnaire").status_code == 200


def test_questionnaire_without_a_published_ruleset_answers_503_json(client):
    Assessment.objects.all().delete()
    RulesetVersion.objects.all().delete()

    response = client.get("/api/v1/questionnaire")

    assert response.status_code == 503
    assert "not published" in response.json()["message"]


# --- Triage -----------------------------------------------------------------------------------


def test_triage_stores_an_anonymous_assessment_and_answers_201_with_its_id(client):
    response = post(client, EXAMPLE_REQUEST)

    assert response.status_code == 201
    body = response.json()
    assessment = Assessment.objects.get(pk=body["id"])
    assert response["Location"] == f"/api/v1/assessments/{assessment.pk}"
    assert body["result"]["urgency"] == assessment.urgency == "self_care"
    assert body["result"]["causes"] == assessment.result["causes"]
    assert body["result"]["red_flags"] == assessment.result["red_flags"] == []
    # Stored compact: the safety net is the version's, put back when the result is read.
    assert "safety_net" not in assessment.result
    assert body["result"]["safety_net"] == full_result(assessment)["safety_net"]
    assert "999" in body["result"]["safety_net"]
    assert body["result"]["ruleset_version"] == 1
    assert "not a diagnosis" in body["result"]["disclaimer"]
    assert assessment.answers == engine.validate_answers(
        published_ruleset()[0], EXAMPLE_REQUEST["answers"]
    )


def test_triage_result_speaks_the_contract(client):
    result = post(client, EXAMPLE_REQUEST).json()["result"]

    assert set(result) >= {
        "urgency",
        "red_flags",
        "causes",
        "advice",
        "prevention",
        "safety_net",
        "ruleset_version",
    }
    assert result["causes"][0]["slug"] == "overuse"
    assert set(result["causes"][0]) >= {"slug", "name", "likelihood", "score", "reasons"}
    assert all(set(item) >= {"slug", "title", "body"} for item in result["advice"])
    assert all(set(item) == {"slug", "title", "body"} for item in result["prevention"])


def test_a_warning_sign_makes_the_api_answer_emergency(client):
    body = post(client, {"answers": example_answers(saddle_numbness="yes")}).json()

    assert body["result"]["urgency"] == "emergency"
    assert body["result"]["red_flags"][0]["urgency"] == "emergency"
    assert Assessment.objects.get(pk=body["id"]).urgency == "emergency"


def test_triage_needs_no_csrf_token(client):
    response = post(Client(enforce_csrf_checks=True), EXAMPLE_REQUEST)

    assert response.status_code == 201


def test_invalid_answers_get_400_with_the_engines_message_per_field_and_store_nothing(client):
    answers = example_answers(age=200, favourite_colour="blue", pain_location="buttock")
    del answers["fever"]
    with pytest.raises(engine.InvalidAnswers) as refused:
        engine.validate_answers(published_ruleset()[0], answers)
    before = Assessment.objects.count()

    response = post(client, {"answers": answers})

    assert response.status_code == 400
    assert response.json()["errors"] == refused.value.errors
    assert set(refused.value.errors) == {"age", "favourite_colour", "pain_location", "fever"}
    assert "Nothing was stored" in response.json()["message"]
    assert Assessment.objects.count() == before


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"answers": {}, "extra": 1}, "extra", "Unknown field"),
        ({"answers": {}, "Answers": {}}, "Answers", "Unknown field"),
        ({}, "answers", "required"),
        ({"answers": []}, "answers", "object of question: answer"),
        ({"answers": "age=34"}, "answers", "object of question: answer"),
        ([], "body", "JSON object"),
        ("answers", "body", "JSON object"),
        (None, "body", "JSON object"),
        (b"", "body", "JSON object"),
        (b"{", "body", "not valid JSON"),
        (b"answers=1", "body", "not valid JSON"),
        (b"\xff\xfe\x00", "body", "not valid JSON"),
        (b'{"answers": {"age": NaN}}', "body", "not valid JSON"),
        (b'{"answers": {"age": Infinity}}', "body", "not valid JSON"),
        (b"[" * 5000 + b"]" * 5000, "body", "not valid JSON"),
        (b'{"answers": {"age": ' + b"9" * 5000 + b"}}", "body", "not valid JSON"),
    ],
)
def test_a_malformed_request_is_refused_with_a_message_for_the_field(client, body, field, words):
    before = Assessment.objects.count()

    response = post(client, body)

    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert words in response.json()["errors"][field]
    assert Assessment.objects.count() == before


@pytest.mark.parametrize(
    ("answers", "field", "words"),
    [
        ({"age": 1e308}, "age", "from 10 to 100"),
        ({"age": 10**300}, "age", "from 10 to 100"),
        ({"age": -(10**300)}, "age", "from 10 to 100"),
        ({"age": 34.5}, "age", "whole number"),
        ({"age": "34"}, "age", "whole number"),
        ({"age": True}, "age", "whole number"),
        ({"fever": True}, "fever", '"yes" or "no"'),
        ({"sex": ["female"]}, "sex", "Choose one of"),
        ({"pain_location": [["buttock"]]}, "pain_location", "list of choices"),
        ({"pain_location": ["buttock", "buttock"]}, "pain_location", "only once"),
        ({"sex": "female\x00"}, "sex", "NUL character"),
        ({"sex": "\ud800"}, "sex", "broken Unicode"),
        ({"pain_location": ["buttock", "\udfff"]}, "pain_location", "broken Unicode"),
        ({"\x00": "yes"}, "answers", "NUL character"),
        ({"fever\udc80": "yes"}, "answers", "broken Unicode"),
    ],
)
def test_a_wrong_answer_is_refused_by_name_and_nothing_is_stored(client, answers, field, words):
    before = Assessment.objects.count()

    response = post(client, {"answers": example_answers(**answers)})

    assert response.status_code == 400
    assert words in response.json()["errors"][field]
    assert Assessment.objects.count() == before


def test_unicode_oddities_in_an_unknown_top_level_key_are_refused(client):
    response = post(client, b'{"answers": {}, "\\ud800": 1}')

    assert response.status_code == 400
    assert "lone surrogates" in response.json()["errors"]["body"]


def test_an_oversized_body_gets_413_json_and_stores_nothing(client):
    answers = example_answers(padding="x" * 40_000)
    before = Assessment.objects.count()

    response = post(client, {"answers": answers})

    assert response.status_code == 413
    assert response.json() == {"message": "The request is too large: send at most 32 KB."}
    assert Assessment.objects.count() == before


def test_a_body_just_under_the_limit_is_read(client):
    padding = "x" * (32 * 1024 - len(json.dumps(EXAMPLE_REQUEST)) - 100)
    response = post(client, {"answers": example_answers(padding=padding)})

    assert response.status_code == 400
    assert response.json()["errors"] == {"padding": "Unknown question."}


def test_a_triage_reads_only_the_version_check_and_writes_one_row(
    client, django_assert_max_num_queries
):
    post(client, EXAMPLE_REQUEST)  # compiles and caches the published ruleset

    # SAVEPOINT, version check, INSERT, RELEASE SAVEPOINT.
    with django_assert_max_num_queries(4) as captured:
        assert post(client, EXAMPLE_REQUEST).status_code == 201

    sql = " ".join(query["sql"] for query in captured.captured_queries)
    assert sql.count("INSERT") == 1
    for table in ("triage_question", "triage_rule", "triage_cause", "triage_advice"):
        assert f'"{table}"' not in sql


def test_an_invalid_triage_writes_nothing(client, django_assert_max_num_queries):
    post(client, EXAMPLE_REQUEST)

    # SAVEPOINT, version check, ROLLBACK TO SAVEPOINT, RELEASE SAVEPOINT.
    with django_assert_max_num_queries(4) as captured:
        assert post(client, {"answers": example_answers(age=5)}).status_code == 400

    assert "INSERT" not in " ".join(query["sql"] for query in captured.captured_queries)


# --- Assessments ------------------------------------------------------------------------------


def test_a_stored_assessment_is_found_by_its_id(client):
    created = post(client, EXAMPLE_REQUEST).json()

    response = client.get(f"/api/v1/assessments/{created['id']}")

    assert response.status_code == 200
    assert response.json() == created
    assert "answers" not in response.json()


@pytest.mark.parametrize(
    "assessment_id",
    ["5b0e6c2a-9f1d-4c3e-8a7b-2d4f6e8a0c1b", "not-a-uuid", "1", "%00", "0" * 500, "x%ud800"],
)
def test_an_unknown_or_malformed_id_gets_404_json(client, assessment_id):
    response = client.get(f"/api/v1/assessments/{assessment_id}")

    assert response.status_code == 404
    assert response.json() == {"message": "No assessment has this id."}


# --- Causes -----------------------------------------------------------------------------------


def test_causes_lists_every_cause_with_self_care_and_treatments(client, django_assert_num_queries):
    with django_assert_num_queries(2):
        causes = client.get("/api/v1/causes").json()

    assert [c["slug"] for c in causes] == list(Cause.objects.values_list("slug", flat=True))
    assert set(contract.RUNNER_CAUSES + contract.SERIOUS_CAUSES) <= {c["slug"] for c in causes}
    overuse = next(c for c in causes if c["slug"] == "overuse")
    assert overuse["self_care"]
    assert overuse["serious"] is False
    rest = next(t for t in overuse["treatments"] if t["slug"] == "rest")
    assert rest["pros"] and rest["cons"]
    assert rest["evidence"] == "consider"
    assert rest["evidence_label"] == "Worth considering"


def test_a_cause_is_found_by_its_slug(client):
    cause = Cause.objects.get(slug="cauda_equina_syndrome")

    body = client.get("/api/v1/causes/cauda_equina_syndrome").json()

    assert body["name"] == cause.name
    assert body["serious"] is True
    assert [t["slug"] for t in body["treatments"]] == list(
        cause.treatments.values_list("slug", flat=True)
    )


def test_an_unknown_cause_gets_404_json(client):
    response = client.get("/api/v1/causes/no_such_cause")

    assert response.status_code == 404
    assert response.json() == {"message": "No cause has this slug."}


# --- Schema and docs --------------------------------------------------------------------------


def _properties_without_description(schema):
    for name, component in schema["components"]["schemas"].items():
        for field, spec in component.get("properties", {}).items():
            if not spec.get("description"):
                yield f"{name}.{field}"


def test_openapi_schema_describes_every_field(client):
    schema = client.get("/api/v1/openapi.json").json()

    assert list(_properties_without_description(schema)) == []
    assert set(schema["paths"]) == {
        "/api/v1/questionnaire",
        "/api/v1/questionnaire/next",
        "/api/v1/triage",
        "/api/v1/assessments/{assessment_id}",
        "/api/v1/causes",
        "/api/v1/causes/{slug}",
    }
    triage = schema["paths"]["/api/v1/triage"]["post"]
    assert set(triage["responses"]) >= {"201", "400", "413", "429"}
    for path in schema["paths"].values():
        for operation in path.values():
            assert operation["summary"] and operation["description"]
            assert all(parameter["description"] for parameter in operation.get("parameters", ()))
    detail = schema["paths"]["/api/v1/assessments/{assessment_id}"]["get"]
    assert detail["parameters"][0]["schema"]["format"] == "uuid"


def test_openapi_schema_shows_an_example_request_and_response(client):
    triage = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/triage"]["post"]

    request = triage["requestBody"]["content"]["application/json"]
    assert request["example"] == EXAMPLE_REQUEST
    response = triage["responses"]["201"]["content"]["application/json"]
    assert response["example"] == EXAMPLE_ASSESSMENT
    assert triage["responses"]["400"]["content"]["application/json"]["example"]["errors"]


def test_the_example_request_is_accepted_and_the_example_response_fits_the_schema(client):
    assert post(client, EXAMPLE_REQUEST).status_code == 201
    AssessmentOut.model_validate(EXAMPLE_ASSESSMENT)


def test_docs_page_loads_nothing_from_another_site(client):
    html = client.get("/api/v1/docs").content.decode()

    urls = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert any(url.endswith("swagger-ui-bundle.js") for url in urls)
    assert all(url.startswith("/static/") for url in urls)
    assert all(finders.find(url.removeprefix("/static/")) for url in urls)
    assert '"validatorUrl": null' in html
