"""Bad answers are refused with one clear message per field (QUESTIONNAIRE.md, Answers)."""

import pytest

from tests.factories import make_answers
from triage import engine


def errors(ruleset, answers):
    with pytest.raises(engine.InvalidAnswers) as caught:
        engine.validate_answers(ruleset, answers)
    return caught.value.errors


def test_valid_answers_come_back_clean(default_ruleset):
    clean = engine.validate_answers(default_ruleset, make_answers(severity=7.0))
    assert clean["severity"] == 7


def test_missing_required_answer_is_refused(default_ruleset):
    answers = make_answers()
    del answers["age"]
    assert errors(default_ruleset, answers) == {"age": "This question is required."}


def test_missing_warning_sign_is_refused_never_read_as_no(default_ruleset):
    answers = make_answers()
    del answers["saddle_numbness"]
    assert errors(default_ruleset, answers) == {"saddle_numbness": "This question is required."}


def test_unknown_question_is_refused(default_ruleset):
    assert errors(default_ruleset, make_answers(shoe_size=9)) == {"shoe_size": "Unknown question."}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("age", 9, "Enter a number from 10 to 100."),
        ("age", 101, "Enter a number from 10 to 100."),
        ("age", "35", "Enter a whole number."),
        ("age", 35.5, "Enter a whole number."),
        ("age", True, "Enter a whole number."),
        ("severity", 11, "Enter a number from 0 to 10."),
        ("fever", "maybe", 'Answer "yes" or "no".'),
        ("fever", True, 'Answer "yes" or "no".'),
        ("sex", "unknown", "Choose one of: female, male, other."),
        ("sex", ["male"], "Choose one of: female, male, other."),
        ("pain_location", "buttock", "Give a list of choices from:"),
        ("pain_location", ["elbow"], "Unknown choice 'elbow'"),
        ("pain_location", ["buttock", "buttock"], "Give each choice only once."),
        ("pain_location", [], "Choose at least one."),
    ],
)
def test_wrong_kind_or_out_of_range_is_refused_with_its_message(
    default_ruleset, field, value, message
):
    found = errors(default_ruleset, make_answers(**{field: value}))
    assert list(found) == [field]
    assert found[field].startswith(message)


def test_every_bad_field_gets_its_own_message(default_ruleset):
    found = errors(default_ruleset, make_answers(age=5, fever="perhaps", colour="blue"))
    assert set(found) == {"age", "fever", "colour"}


def test_answer_to_a_hidden_question_is_dropped(default_ruleset):
    clean = engine.validate_answers(
        default_ruleset, make_answers(sex="male", pregnant_or_postpartum="yes")
    )
    assert "pregnant_or_postpartum" not in clean


def test_conditional_question_is_kept_when_shown(default_ruleset):
    clean = engine.validate_answers(
        default_ruleset,
        make_answers(
            self_care_tried=["ice"],
            self_care_helped="no",
            sex="female",
            pregnant_or_postpartum="no",
        ),
    )
    assert clean["self_care_helped"] == "no"
    assert clean["pregnant_or_postpartum"] == "no"


def test_answers_must_be_an_object(default_ruleset):
    assert "answers" in errors(default_ruleset, ["age", 35])
