"""Checking a runner's raw answers against the questionnaire: clean answers, or one message per
field. Nothing is partly accepted."""

from __future__ import annotations

import math
from typing import Any

from triage.engine.types import Question, Ruleset


class InvalidAnswers(ValueError):
    """Raised with one message per field when answers break the questionnaire's rules."""

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        super().__init__("; ".join(f"{key}: {msg}" for key, msg in self.errors.items()))


def _clean_number(question: Question, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError("Enter a whole number.")
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            raise ValueError("Enter a whole number.")
        value = int(value)
    low, high = question.min_value, question.max_value
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(f"Enter a number from {low} to {high}.")
    return value


def _clean_yes_no(question: Question, value: Any) -> str:
    if value not in ("yes", "no"):
        raise ValueError('Answer "yes" or "no".')
    return value


def _clean_single(question: Question, value: Any) -> str:
    if not isinstance(value, str) or value not in question.choices:
        raise ValueError(f"Choose one of: {', '.join(question.choices)}.")
    return value


def _clean_multi(question: Question, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"Give a list of choices from: {', '.join(question.choices)}.")
    unknown = [v for v in value if v not in question.choices]
    if unknown:
        raise ValueError(
            f"Unknown choice {unknown[0]!r}; choose from: {', '.join(question.choices)}."
        )
    if len(set(value)) != len(value):
        raise ValueError("Give each choice only once.")
    return [choice for choice in question.choices if choice in value]


_CLEANERS = {
    "number": _clean_number,
    "yes_no": _clean_yes_no,
    "single": _clean_single,
    "multi": _clean_multi,
}


def clean_value(question: Question, value: Any) -> Any:
    """Return the normalised answer, or raise ValueError with a message a person can act on."""
    return _CLEANERS[question.kind](question, value)


def is_shown(question: Question, answers: dict[str, Any]) -> bool:
    return question.shown_when is None or question.shown_when.holds(answers)


def visible_answers(ruleset: Ruleset, answers: dict[str, Any]) -> dict[str, Any]:
    """The answers to questions that are shown, given the answers before them.

    Decided in questionnaire order, so that a condition on a hidden question hides its
    dependants too.
    """
    visible: dict[str, Any] = {}
    for question in ruleset.questions_in_order:
        if question.slug in answers and is_shown(question, visible):
            visible[question.slug] = answers[question.slug]
    return visible


def _missing_message(question: Question) -> str:
    if question.kind == "multi":
        return "This question is required: choose at least one."
    return "This question is required."


def validate_answers(ruleset: Ruleset, answers: Any) -> dict[str, Any]:
    """Check raw answers against the questionnaire; return the clean answers.

    Answers to questions hidden by their condition are dropped. Raises InvalidAnswers with one
    message per field; nothing is partially accepted.
    """
    if not isinstance(answers, dict):
        raise InvalidAnswers({"answers": "Send the answers as an object of question: answer."})
    errors = {
        str(key)[:80]: "Unknown question."
        for key in answers
        if key not in ruleset.questions_by_slug
    }
    clean = {}
    for question in ruleset.questions:
        if question.slug in answers:
            try:
                clean[question.slug] = clean_value(question, answers[question.slug])
            except ValueError as exc:
                errors[question.slug] = str(exc)
    visible = visible_answers(ruleset, clean)
    for question in ruleset.questions_in_order:
        if not question.required or question.slug in errors or not is_shown(question, visible):
            continue
        if question.slug not in visible:
            errors[question.slug] = _missing_message(question)
        elif question.kind == "multi" and visible[question.slug] == []:
            errors[question.slug] = "Choose at least one."
    if errors:
        raise InvalidAnswers(errors)
    return visible
