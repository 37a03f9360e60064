"""The OpenAPI schema describes the answers exactly as POST /triage checks them."""

import pytest

from triage.models import Choice, Question, RulesetVersion
from triage.services import ruleset_publish

pytestmark = pytest.mark.django_db


def answers_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    return schema["components"]["schemas"]["TriageIn"]["properties"]["answers"]


def test_each_published_question_is_a_property_and_no_other_key_is_allowed(client):
    questions = client.get("/api/v1/questionnaire").json()["questions"]

    answers = answers_schema(client)

    assert list(answers["properties"]) == [question["slug"] for question in questions]
    assert answers["additionalProperties"] is False
    assert answers["required"] == [
        question["slug"]
        for question in questions
        if question["required"] and question["shown_when"] is None
    ]


def test_each_property_has_its_questions_kind_choices_and_range(client):
    properties = answers_schema(client)["properties"]

    assert properties["age"] | {"description": ""} == {
        "description": "",
        "type": "integer",
        "minimum": 10,
        "maximum": 100,
    }
    assert properties["fever"]["enum"] == ["yes", "no"]
    assert properties["sex"]["enum"] == ["female", "male", "other"]
    pain = properties["pain_location"]
    assert pain["type"] == "array" and pain["uniqueItems"] and pain["minItems"] == 1
    assert "buttock" in pain["items"]["enum"]
    assert "minItems" not in properties["character"]
    assert "Asked only when sex eq female" in properties["pregnant_or_postpartum"]["description"]


def test_the_schema_follows_a_newly_published_questionnaire(client):
    surface = Question.objects.get(slug="running_surface")
    Choice.objects.create(question=surface, slug="sand", label="Sand", order=99)
    # A draft is not what POST /triage checks against, so not what the schema says.
    assert "sand" not in answers_schema(client)["properties"]["running_surface"]["enum"]

    ruleset_publish(note="Beach runners", failures_confirmed=True)

    assert answers_schema(client)["properties"]["running_surface"]["enum"][-1] == "sand"


def test_without_a_published_version_the_default_questions_are_described(client):
    RulesetVersion.objects.all().delete()

    assert answers_schema(client)["properties"]["age"]["maximum"] == 100
