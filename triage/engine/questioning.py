"""Which questions are still worth asking: those whose answer could change the urgency or the
three most likely causes, given the answers so far.

For each question not yet answered (and shown, given the answers), every answer it could get is
tried against the current answers; if none changes the outcome, the question is left out.
Required questions and every warning sign are always asked: an unanswered warning sign is never
read as "no". A multi-choice question is tried with each choice alone and with none; a number
with the values the rules compare it to, either side of each.
"""

from __future__ import annotations

from typing import Any

from triage.engine.answers import is_shown
from triage.engine.compiled import compile_ruleset
from triage.engine.evaluate import Prepared, _Evaluation
from triage.engine.types import Question, Ruleset


def outcome(ruleset: Ruleset, answers: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    """(urgency, the three most likely causes): what a question must be able to change."""
    run = _Evaluation(ruleset, answers, compile_ruleset(ruleset).fired(answers))
    run.warning_signs()
    causes = run.causes()
    return run.urgency, tuple(cause["slug"] for cause in causes[:3])


def _thresholds(ruleset: Ruleset, question: Question) -> list[int]:
    values = {question.min_value or 0, question.max_value or 0}
    for rule in ruleset.rules:
        for condition in rule.conditions:
            if condition.question == question.slug:
                for part in condition.value.split(","):
                    try:
                        number = int(float(part))
                    except ValueError:
                        continue
                    values.update({number - 1, number, number + 1})
    low, high = question.min_value, question.max_value
    return sorted(v for v in values if (low is None or v >= low) and (high is None or v <= high))


def possible_answers(ruleset: Ruleset, question: Question) -> list[Any]:
    if question.kind == "number":
        return compile_ruleset(ruleset).prepared(
            ("thresholds", question.slug), lambda: _thresholds(ruleset, question)
        )
    if question.kind == "multi":
        return [[], *([choice] for choice in question.choices)]
    return list(question.choices)


def always_asked(question: Question) -> bool:
    return question.required or question.section == "warning_signs"


def worth_asking(ruleset: Ruleset, answers: dict[str, Any]) -> list[Question]:
    """The questions not yet answered that are shown and could change the outcome, in order."""
    compile_ruleset(ruleset).prepared("parts", lambda: Prepared(ruleset))
    current = outcome(ruleset, answers)
    found = []
    for question in ruleset.questions_in_order:
        if question.slug in answers or not is_shown(question, answers):
            continue
        if always_asked(question) or any(
            outcome(ruleset, {**answers, question.slug: value}) != current
            for value in possible_answers(ruleset, question)
        ):
            found.append(question)
    return found
