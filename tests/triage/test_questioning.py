"""The engine works out which questions are still worth asking (triage.engine.questioning)."""

from tests.factories import make_answers
from triage import engine
from triage.engine.questioning import outcome, worth_asking


def slugs(questions):
    return [question.slug for question in questions]


def test_required_questions_and_every_warning_sign_are_always_worth_asking(default_ruleset):
    asked = slugs(worth_asking(default_ruleset, {}))
    for question in default_ruleset.questions:
        if question.required or question.section == "warning_signs":
            assert question.slug in asked


def test_a_question_that_cannot_change_the_outcome_is_left_out(default_snapshot):
    snapshot = dict(
        default_snapshot,
        rules=[r for r in default_snapshot["rules"] if r["slug"] != "pv_shoes"],
    )
    ruleset = engine.Ruleset.from_snapshot(snapshot)
    answers = engine.validate_answers(ruleset, make_answers())
    # Shoes only ever chose a prevention tip: they change neither urgency nor causes.
    assert "shoes_worn" not in slugs(worth_asking(ruleset, answers))


def test_a_question_whose_answer_can_raise_the_urgency_is_asked(default_ruleset):
    answers = engine.validate_answers(default_ruleset, make_answers(age=66))
    # Pain the same whatever you do, at 66: the aorta is to be ruled out today.
    assert "pain_with_movement" in slugs(worth_asking(default_ruleset, answers))
    changed = outcome(default_ruleset, {**answers, "pain_with_movement": "same_whatever_i_do"})
    assert changed[0] == "urgent"
    assert outcome(default_ruleset, answers)[0] == "self_care"


def test_answered_and_hidden_questions_are_not_asked_again(default_ruleset):
    answers = engine.validate_answers(default_ruleset, make_answers(sex="male"))
    asked = slugs(worth_asking(default_ruleset, answers))
    assert "age" not in asked
    assert "periods_missed" not in asked  # shown only to women
