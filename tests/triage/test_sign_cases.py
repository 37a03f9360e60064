"""Every warning-sign rule gets a generated test case: its trigger on a calm runner's answers
must reach its floor (triage.engine.sign_cases)."""

from triage import engine
from triage.engine.sign_cases import sign_cases, trigger_answers


def test_every_warning_sign_of_the_default_content_reaches_its_floor_on_its_own(
    default_ruleset,
):
    cases = sign_cases(default_ruleset)
    signs = [rule for rule in default_ruleset.rules if rule.kind == "red_flag"]
    assert len(cases) == len(signs)
    assert [(c.rule.slug, c.urgency) for c in cases if not c.passed] == []


def test_a_warning_sign_shown_only_after_another_answer_gets_that_answer_too(default_ruleset):
    rule = next(r for r in default_ruleset.rules if r.slug == "rf_missed_periods")
    answers = trigger_answers(default_ruleset, rule)
    assert answers["periods_missed"] == "yes"
    assert answers["sex"] == "female"


def test_a_warning_sign_that_no_answers_can_fire_fails_its_generated_case(default_snapshot):
    broken = {
        "slug": "rf_broken",
        "kind": "red_flag",
        "title": "Saddle numbness, narrowed too far",
        "urgency": "emergency",
        "conditions": [
            {"question": "saddle_numbness", "operator": "eq", "value": "yes"},
            {"question": "saddle_numbness", "operator": "eq", "value": "no"},
        ],
    }
    ruleset = engine.Ruleset.from_snapshot(dict(default_snapshot, rules=[broken]))
    [case] = sign_cases(ruleset)
    assert case.answers is None
    assert not case.passed
