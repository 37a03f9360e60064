"""A stored result is compact (triage.engine.stored): the version's texts are named by slug and
put back on reading, exactly as the engine gave them."""

import json

import pytest

from triage import engine
from triage.api.examples import EXAMPLE_REQUEST
from triage.content import read_cases
from triage.engine.evaluate import evaluate
from triage.engine.stored import compact, expand

CASES = read_cases()


@pytest.mark.parametrize("case", CASES, ids=[case["name"][:60] for case in CASES])
def test_a_compact_result_expands_to_exactly_what_the_engine_gave(default_ruleset, case):
    answers = engine.validate_answers(default_ruleset, case["answers"])
    result = evaluate(default_ruleset, answers, emergency_number="112", non_emergency_number="116")

    stored = json.loads(json.dumps(compact(result)))  # as the database gives it back

    again = expand(stored, default_ruleset, emergency_number="112", non_emergency_number="116")
    assert again == result
    assert list(again) == list(result)


def test_a_compact_result_is_a_fraction_of_the_whole(default_ruleset):
    sizes = []
    for case in CASES:
        result = evaluate(
            default_ruleset, engine.validate_answers(default_ruleset, case["answers"])
        )
        sizes.append((len(json.dumps(compact(result))), len(json.dumps(result))))
    stored, whole = map(sum, zip(*sizes, strict=True))
    # Measured: 54% over the 281 cases (warning signs and the trace stay whole), and 26% for
    # the API's example runner (3.1 KB against 12.1 KB).
    assert stored < whole * 0.6
    example = evaluate(
        default_ruleset, engine.validate_answers(default_ruleset, EXAMPLE_REQUEST["answers"])
    )
    assert len(json.dumps(compact(example))) < len(json.dumps(example)) / 3


def test_a_result_stored_whole_before_is_read_as_it_is(default_ruleset):
    result = evaluate(
        default_ruleset, engine.validate_answers(default_ruleset, CASES[0]["answers"])
    )

    assert expand(result, default_ruleset) is result
