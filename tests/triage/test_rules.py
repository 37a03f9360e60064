"""The engine's own semantics, on small hand-made rulesets (no database)."""

import pytest

from triage import engine


def snapshot(**parts):
    base = {
        "questions": [
            {
                "slug": "age",
                "kind": "number",
                "section": "about_you",
                "required": True,
                "min_value": 10,
                "max_value": 100,
                "order": 1,
            },
            {
                "slug": "sex",
                "kind": "single",
                "section": "about_you",
                "required": True,
                "choices": ["female", "male"],
                "order": 2,
            },
            {
                "slug": "pregnant",
                "kind": "yes_no",
                "section": "about_you",
                "choices": ["yes", "no"],
                "order": 3,
                "shown_when": {"question": "sex", "operator": "eq", "value": "female"},
            },
            {
                "slug": "numb",
                "kind": "yes_no",
                "section": "warning_signs",
                "required": True,
                "choices": ["yes", "no"],
                "text": "Numb?",
                "order": 4,
            },
            {
                "slug": "where",
                "kind": "multi",
                "section": "pain",
                "required": True,
                "choices": ["back", "leg", "hip"],
                "order": 5,
            },
        ],
        "causes": [
            {"slug": "strain", "name": "Strain", "prior": 1.0, "order": 1},
            {"slug": "nerve", "name": "Nerve", "prior": 0.0, "order": 2},
            {"slug": "ces", "name": "CES", "is_serious": True, "prior": 0.0, "order": 3},
        ],
        "rules": [
            {
                "slug": "rf_numb",
                "kind": "red_flag",
                "title": "Numbness",
                "urgency": "emergency",
                "cause": "ces",
                "weight": 5,
                "conditions": [{"question": "numb", "operator": "eq", "value": "yes"}],
            },
            {
                "slug": "ev_leg",
                "kind": "evidence",
                "title": "Leg",
                "cause": "nerve",
                "weight": 4,
                "reason": "You said your leg hurts.",
                "conditions": [{"question": "where", "operator": "includes", "value": "leg"}],
            },
            {
                "slug": "ev_ces_leg",
                "kind": "evidence",
                "title": "CES leg",
                "cause": "ces",
                "weight": 2,
                "conditions": [{"question": "where", "operator": "includes", "value": "leg"}],
            },
        ],
        "advice": [
            {
                "slug": "walk",
                "title": "Walk",
                "body": "Keep walking.",
                "kind": "home_care",
                "include_by_default": True,
                "max_urgency": "emergency",
                "order": 1,
            },
            {
                "slug": "heat",
                "title": "Heat",
                "body": "Use heat.",
                "kind": "home_care",
                "include_by_default": True,
                "order": 2,
                "contraindications": [
                    {"question": "where", "operator": "includes", "value": "leg"}
                ],
            },
            {
                "slug": "call",
                "title": "Call",
                "body": "Call {emergency_number} now.",
                "kind": "emergency_action",
                "include_by_default": True,
                "min_urgency": "emergency",
                "max_urgency": "emergency",
                "order": 3,
            },
            {
                "slug": "nerve_plan",
                "title": "Nerve plan",
                "body": "Plan",
                "kind": "return_to_running",
                "causes": ["nerve"],
                "replaces": ["walk"],
                "order": 4,
                "stages": [
                    {"number": 1, "title": "Walk", "activity": "Walk", "progress_when": "OK"}
                ],
            },
        ],
        "prevention": [
            {
                "slug": "strength",
                "title": "Strength",
                "body": "Do strength work.",
                "include_by_default": True,
            },
        ],
    }
    base.update(parts)
    return engine.Ruleset.from_snapshot(base, version=7)


def answers(**overrides):
    return {"age": 30, "sex": "male", "numb": "no", "where": ["back"]} | overrides


@pytest.mark.parametrize(
    ("operator", "value", "answer", "expected"),
    [
        ("eq", "yes", "yes", True),
        ("eq", "yes", "no", False),
        ("ne", "yes", "no", True),
        ("in", "a,b", "b", True),
        ("in", "a,b", "c", False),
        ("not_in", "a,b", "c", True),
        ("gte", "60", 60, True),
        ("gte", "60", 59, False),
        ("lte", "17", 17, True),
        ("lte", "17", 18, False),
        ("includes", "leg", ["back", "leg"], True),
        ("includes", "leg", ["back"], False),
        ("excludes", "leg", ["back"], True),
        ("includes_any", "leg,hip", ["hip"], True),
        ("includes_any", "leg,hip", ["back"], False),
        ("empty", "", [], True),
        ("not_empty", "", ["back"], True),
        ("not_empty", "", [], False),
    ],
)
def test_condition_operators(operator, value, answer, expected):
    assert engine.Condition("q", operator, value).holds({"q": answer}) is expected


@pytest.mark.parametrize("operator", ["eq", "ne", "not_in", "excludes", "empty", "lte"])
def test_condition_on_unanswered_question_is_false_whatever_the_operator(operator):
    assert engine.Condition("q", operator, "x").holds({}) is False


def test_red_flag_sets_the_urgency_and_lists_its_serious_cause():
    result = engine.evaluate(snapshot(), answers(numb="yes"))
    assert result["urgency"] == "emergency"
    assert result["red_flags"][0]["slug"] == "rf_numb"
    assert result["causes"][0]["slug"] == "ces"


def test_serious_cause_is_not_listed_without_its_warning_sign():
    result = engine.evaluate(snapshot(), answers(where=["leg"]))
    assert "ces" not in [cause["slug"] for cause in result["causes"]]
    assert result["causes"][0] == {
        "slug": "nerve",
        "name": "Nerve",
        "likelihood": "high",
        "score": 4.0,
        "reasons": ["You said your leg hurts."],
        "reasons_against": [],
        "serious": False,
    }


def test_unanswered_warning_sign_is_never_read_as_no():
    clean = answers()
    del clean["numb"]
    result = engine.evaluate(snapshot(), clean)
    assert result["urgency"] == "soon"
    assert result["red_flags"][0]["slug"] == "unanswered_numb"


def test_no_combination_of_evidence_lowers_a_red_flag():
    result = engine.evaluate(snapshot(), answers(numb="yes", where=["back", "leg", "hip"]))
    assert result["urgency"] == "emergency"


def test_emergency_result_carries_only_emergency_action_advice_and_no_prevention():
    result = engine.evaluate(snapshot(), answers(numb="yes"), emergency_number="112")
    assert [item["slug"] for item in result["advice"]] == ["call"]
    assert result["advice"][0]["body"] == "Call 112 now."
    assert result["prevention"] == []
    assert "112" in result["safety_net"]


def test_home_care_is_capped_at_soon_even_when_content_allows_more():
    # "walk" says max_urgency emergency, but home care never goes above "soon".
    assert engine.evaluate(snapshot(), answers(numb="yes"))["advice"][0]["slug"] == "call"


def test_contraindicated_advice_is_left_out():
    slugs = [
        item["slug"] for item in engine.evaluate(snapshot(), answers(where=["leg"]))["advice"]
    ]
    assert "heat" not in slugs


def test_advice_of_a_top_cause_is_included_and_replaces_what_it_names():
    result = engine.evaluate(snapshot(), answers(where=["leg"]))
    slugs = [item["slug"] for item in result["advice"]]
    assert "nerve_plan" in slugs
    assert "walk" not in slugs
    assert result["advice"][-1]["stages"][0]["title"] == "Walk"


def test_self_care_result_has_default_advice_and_prevention_and_version():
    result = engine.evaluate(snapshot(), answers())
    assert result["urgency"] == "self_care"
    assert [item["slug"] for item in result["advice"]] == ["walk", "heat"]
    assert [tip["slug"] for tip in result["prevention"]] == ["strength"]
    assert result["ruleset_version"] == 7
    assert "not a diagnosis" in result["disclaimer"]


def test_trace_names_each_rule_that_fired_with_its_answers():
    trace = engine.evaluate(snapshot(), answers(numb="yes", where=["leg"]))["trace"]
    assert {
        "rule": "rf_numb",
        "kind": "red_flag",
        "answers": {"numb": "yes"},
        "effect": "urgency floor emergency",
    } in trace
    assert {
        "rule": "ev_leg",
        "kind": "evidence",
        "answers": {"where": ["leg"]},
        "effect": "+4 to nerve",
    } in trace


def test_any_match_fires_on_one_condition():
    rule = engine.Rule(
        "r",
        "red_flag",
        "T",
        conditions=(engine.Condition("a", "eq", "yes"), engine.Condition("b", "eq", "yes")),
        match="any",
    )
    assert rule.fires({"a": "no", "b": "yes"})
    assert not rule.fires({"a": "no", "b": "no"})


def test_cause_floor_applies_only_to_a_strong_top_three_cause():
    ruleset = snapshot(
        causes=[
            {"slug": "strain", "name": "Strain", "prior": 1.0},
            {"slug": "nerve", "name": "Nerve", "prior": 0.0, "urgency_if_likely": "soon"},
            {"slug": "ces", "name": "CES", "is_serious": True},
        ]
    )
    assert engine.evaluate(ruleset, answers(where=["leg"]))["urgency"] == "soon"
    assert engine.evaluate(ruleset, answers())["urgency"] == "self_care"


def test_problems_name_a_missing_question_a_bad_choice_a_wrong_operator_and_no_conditions():
    data = {
        "questions": [
            {
                "slug": "numb",
                "kind": "yes_no",
                "section": "warning_signs",
                "required": True,
                "choices": ["yes", "no"],
            }
        ],
        "causes": [],
        "rules": [
            {
                "slug": "a",
                "kind": "red_flag",
                "title": "A",
                "urgency": "urgent",
                "conditions": [{"question": "ghost", "operator": "eq", "value": "yes"}],
            },
            {
                "slug": "b",
                "kind": "red_flag",
                "title": "B",
                "urgency": "urgent",
                "conditions": [{"question": "numb", "operator": "eq", "value": "maybe"}],
            },
            {
                "slug": "c",
                "kind": "red_flag",
                "title": "C",
                "urgency": "urgent",
                "conditions": [{"question": "numb", "operator": "gte", "value": "3"}],
            },
            {"slug": "d", "kind": "red_flag", "title": "D", "urgency": "urgent", "conditions": []},
        ],
    }
    codes = {code for code, _ in engine.problems(data)}
    assert {"triage.E001", "triage.E002", "triage.E003", "triage.E005", "triage.E008"} <= codes


def test_answers_that_lower_a_cause_are_kept_apart_from_those_that_raise_it():
    ruleset = snapshot(
        rules=[
            {
                "slug": "rf_numb",
                "kind": "red_flag",
                "title": "Numbness",
                "urgency": "emergency",
                "conditions": [{"question": "numb", "operator": "eq", "value": "yes"}],
            },
            {
                "slug": "ev_back",
                "kind": "evidence",
                "title": "Back",
                "cause": "strain",
                "weight": 2,
                "reason": "You said your back hurts.",
                "conditions": [{"question": "where", "operator": "includes", "value": "back"}],
            },
            {
                "slug": "ev_old",
                "kind": "evidence",
                "title": "Old",
                "cause": "strain",
                "weight": -1,
                "reason": "You are older.",
                "conditions": [{"question": "age", "operator": "gte", "value": "60"}],
            },
        ]
    )
    cause = engine.evaluate(ruleset, answers(age=65))["causes"][0]
    assert cause["reasons"] == ["You said your back hurts."]
    assert cause["reasons_against"] == ["You are older."]
    assert cause["score"] == 2.0
