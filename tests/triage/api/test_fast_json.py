"""The triage answer is built without pydantic (triage.api.fast_json): it must be exactly what
the schema would send, for every clinical test case, and for a result stored before a field
was added."""

import datetime
import json
import uuid

import pytest

from triage import engine
from triage.api.fast_json import assessment_json, project
from triage.api.schemas import AssessmentOut, ResultOut
from triage.content import read_cases
from triage.engine.evaluate import evaluate

CASES = read_cases()


def _pydantic(assessment):
    return json.loads(AssessmentOut.model_validate(assessment).model_dump_json())


class Stored:
    """What the views read of an Assessment row."""

    def __init__(self, result):
        self.pk = self.id = uuid.UUID("12345678-1234-5678-1234-567812345678")
        self.created = datetime.datetime(2026, 12, 1, 9, 30, 15, 123456, tzinfo=datetime.UTC)
        self.result = result


@pytest.mark.parametrize("case", CASES, ids=[case["name"][:60] for case in CASES])
def test_the_fast_answer_is_what_the_schema_would_send(default_ruleset, case):
    answers = engine.validate_answers(default_ruleset, case["answers"])
    stored = Stored(evaluate(default_ruleset, answers))

    fast = json.loads(json.dumps(assessment_json(stored, ResultOut)))

    assert fast == _pydantic(stored)
    # The trace keeps the answers a rule read for editors; the API never sends them back.
    assert all("answers" not in step for step in fast["result"]["trace"])


def test_a_result_stored_before_a_field_existed_gets_the_schemas_default(default_ruleset):
    answers = engine.validate_answers(default_ruleset, CASES[0]["answers"])
    result = evaluate(default_ruleset, answers)
    for key in ("safety_net_items", "disclaimer", "trace"):
        del result[key]

    fast = project(ResultOut, result)

    assert fast["safety_net_items"] is None
    assert fast["disclaimer"] == ""
    assert fast["trace"] == []
    assert fast == _pydantic(Stored(result))["result"]


def test_a_result_missing_a_required_field_is_refused_not_sent_half(default_ruleset):
    answers = engine.validate_answers(default_ruleset, CASES[0]["answers"])
    result = evaluate(default_ruleset, answers)
    del result["urgency"]

    with pytest.raises(KeyError):
        project(ResultOut, result)
