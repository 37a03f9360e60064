"""The compiled engine (triage.engine.compiled) gives exactly what trying every rule in turn
gives: on every clinical test case, on generated answers, and on a ruleset ten times the size."""

import pytest
from hypothesis import HealthCheck, given, settings

from tests.triage.test_properties import answers_strategy
from triage import content, engine
from triage.engine.compiled import compile_ruleset, reference_fired
from triage.engine.evaluate import evaluate_reference
from triage.engine.scaling import scaled_ruleset

CASES = content.read_cases()


@pytest.fixture(scope="module")
def big_ruleset(default_snapshot):
    return scaled_ruleset(default_snapshot, 10)


@pytest.mark.parametrize("case", CASES, ids=[case["name"][:60] for case in CASES])
def test_compiled_engine_matches_every_rule_tried_in_turn_on_each_case(default_ruleset, case):
    answers = engine.validate_answers(default_ruleset, case["answers"])
    assert compile_ruleset(default_ruleset).fired(answers) == reference_fired(
        default_ruleset, answers
    )
    assert engine.evaluate(default_ruleset, answers) == evaluate_reference(
        default_ruleset, answers
    )


def test_compiled_engine_matches_the_reference_on_generated_answers(default_ruleset):
    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
    @given(answers=answers_strategy(default_ruleset))
    def check(answers):
        clean = engine.validate_answers(default_ruleset, answers)
        assert engine.evaluate(default_ruleset, clean) == evaluate_reference(
            default_ruleset, clean
        )

    check()


def test_compiled_engine_matches_the_reference_with_ten_times_the_rules(big_ruleset):
    assert len(big_ruleset.rules) >= 10 * 200
    for case in CASES:
        answers = engine.validate_answers(big_ruleset, case["answers"])
        assert compile_ruleset(big_ruleset).fired(answers) == reference_fired(big_ruleset, answers)


def test_a_rule_of_any_condition_fires_from_whichever_condition_holds(default_snapshot):
    rule = {
        "slug": "either",
        "kind": "evidence",
        "title": "Either",
        "match": "any",
        "cause": "overuse",
        "weight": 1.0,
        "conditions": [
            {"question": "age", "operator": "gte", "value": "60"},
            {"question": "severity", "operator": "lte", "value": "2"},
            {"question": "sex", "operator": "eq", "value": "other"},
        ],
    }
    ruleset = engine.Ruleset.from_snapshot(dict(default_snapshot, rules=[rule]))
    compiled = compile_ruleset(ruleset)
    for answers, fires in [
        ({"age": 61, "severity": 5, "sex": "male"}, True),
        ({"age": 30, "severity": 1, "sex": "male"}, True),
        ({"age": 30, "severity": 5, "sex": "other"}, True),
        ({"age": 30, "severity": 5, "sex": "male"}, False),
        ({}, False),
    ]:
        assert bool(compiled.fired(answers)) is fires, answers
