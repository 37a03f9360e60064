"""Schemathesis against the served API: requests generated from /api/v1/openapi.json, valid
and invalid, sent to the WSGI app in process; every check of the responses passes.

The schema is read inside the test (it describes the answers from the published questionnaire,
which lives in the test database). Each operation gets a bounded number of examples of each
kind: about 650 requests in 25 s.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from backpain.wsgi import application

pytestmark = pytest.mark.django_db

EXAMPLES = {GenerationMode.POSITIVE: 150, GenerationMode.NEGATIVE: 100}


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.API_TRIAGE_RATE = "100000/min"


def run_operation(operation, mode, sent):
    @hypothesis_settings(
        max_examples=EXAMPLES[mode],
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case):
        sent.append(case)
        case.call_and_validate()

    try:
        check()
    except Unsatisfiable:
        # No invalid request exists for an operation that takes no input (GET /questionnaire).
        if mode is not GenerationMode.NEGATIVE:
            raise


def test_generated_requests_find_no_failure():
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    sent = []
    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations:
        for mode in EXAMPLES:
            run_operation(operation, mode, sent)

    assert {operation.label for operation in operations} >= {
        "GET /api/v1/questionnaire",
        "POST /api/v1/triage",
        "GET /api/v1/assessments/{assessment_id}",
    }
    assert len(sent) >= 600
