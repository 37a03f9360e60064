"""The engine works out which questions are still worth asking (triage.engine.questioning)."""

from tests.factories import make_answers
from triage import engine
from triage.engine.questioning import could_raise_urgency, outcome, worth_asking


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


def test_questions_a_warning_sign_needs_together_are_both_asked(default_ruleset):
    # Bone stress needs pain standing on one leg *and* a previous bone stress injury
    # (rf_bone_stress_history): neither answer alone changes the urgency, so trying one question
    # at a time could leave both out. The engine keeps both while that rule could still fire.
    answers = engine.validate_answers(default_ruleset, make_answers())
    assert outcome(default_ruleset, answers)[0] == "self_care"
    alone = {**answers, "previous_bone_stress": "yes"}
    assert outcome(default_ruleset, alone)[0] == "self_care"
    both = {**alone, "worse_with": ["one_leg_standing"]}
    assert outcome(default_ruleset, both)[0] == "soon"

    assert outcome(default_ruleset, {**answers, "worse_with": ["one_leg_standing"]})[0] == (
        "self_care"
    )

    raising = could_raise_urgency(default_ruleset, answers, "self_care")

    assert {"previous_bone_stress", "worse_with"} <= raising
    assert {"previous_bone_stress", "worse_with"} <= set(
        slugs(worth_asking(default_ruleset, answers))
    )


def test_a_question_no_rule_that_raises_the_urgency_still_needs_is_left_out(default_ruleset):
    # A man is never asked about periods, so no rule waits for that answer.
    answers = engine.validate_answers(default_ruleset, make_answers(sex="male", severity=3))
    raising = could_raise_urgency(default_ruleset, answers, outcome(default_ruleset, answers)[0])
    assert "periods_missed" not in raising
    assert "pain_with_movement" in raising  # constant pain: rf_constant_pain, "soon"
