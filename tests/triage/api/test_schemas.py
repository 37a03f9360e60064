"""The API's shapes follow the engine's: a snapshot field is in the API or named as internal."""

from triage import engine
from triage.api.schemas import ConditionOut, QuestionOut

# Engine fields a client does not get: the list is already in order, and the labels are in
# `choices` as {slug, label}.
INTERNAL_QUESTION_FIELDS = {"order", "choice_labels"}


def test_every_question_field_of_the_engine_is_in_the_api_or_named_internal():
    engine_fields = set(engine.Question.field_names()) - INTERNAL_QUESTION_FIELDS

    assert engine_fields == set(QuestionOut.model_fields)


def test_a_condition_in_the_api_has_the_engine_condition_fields():
    assert set(engine.Condition.field_names()) == set(ConditionOut.model_fields)
