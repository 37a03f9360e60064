"""A test case of its own for every warning-sign rule: the rule's trigger on a calm runner's
answers must reach the rule's floor. Made from the ruleset itself, so no sign goes untested:
publishing runs them with the clinical test cases, and so does CI.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from triage.engine import contract
from triage.engine.answers import InvalidAnswers, is_shown, validate_answers
from triage.engine.evaluate import evaluate
from triage.engine.types import Condition, Question, Rule, Ruleset, split_values, urgency_rank


@dataclass(frozen=True)
class SignCase:
    rule: Rule
    answers: dict[str, Any] | None  # None: no answers make the rule fire (a broken rule)
    urgency: str = ""

    @property
    def passed(self) -> bool:
        return self.answers is not None and urgency_rank(self.urgency) >= urgency_rank(
            self.rule.urgency
        )

    @property
    def name(self) -> str:
        return f"Warning sign on its own: {self.rule.title}"


def _value_for(condition: Condition, question: Question, current: Any) -> Any:
    """An answer to `question` that meets `condition`, or KeyError when there is none."""
    op, values = condition.operator, split_values(condition.value)
    if question.kind == "number":
        number = int(float(values[0]))
        if op == "ne":
            return question.min_value if number != question.min_value else question.max_value
        if op == "not_in":
            return next(
                v
                for v in range(question.min_value or 0, (question.max_value or 100) + 1)
                if str(v) not in values
            )
        return number
    if question.kind == "multi":
        chosen = list(current) if isinstance(current, list) else []
        if op in ("includes", "includes_any"):
            return [*chosen, values[0]] if values[0] not in chosen else chosen
        if op == "excludes":
            return [c for c in chosen if c != condition.value]
        if op == "empty":
            return []
        return chosen or [question.choices[0]]  # not_empty
    if op in ("eq", "in"):
        return values[0]
    return next(choice for choice in question.choices if choice not in values)  # ne, not_in


def trigger_answers(ruleset: Ruleset, rule: Rule) -> dict[str, Any] | None:
    """A calm runner's answers changed just enough for the rule to fire, or None."""
    answers = dict(contract.CALM_ANSWERS)
    conditions = rule.conditions if rule.match == "all" else rule.conditions[:1]
    try:
        for condition in conditions:
            question = ruleset.questions_by_slug[condition.question]
            answers[question.slug] = _value_for(condition, question, answers.get(question.slug))
            # A question shown only after another answer: give that answer too.
            while not is_shown(question, answers):
                shown = question.shown_when
                assert shown is not None  # a question without a condition is always shown
                parent = ruleset.questions_by_slug[shown.question]
                answers[parent.slug] = _value_for(shown, parent, answers.get(parent.slug))
                question = parent
        clean = validate_answers(ruleset, answers)
    except (KeyError, StopIteration, ValueError, InvalidAnswers):
        return None
    return clean if rule.fires(clean) else None


def sign_cases(ruleset: Ruleset) -> list[SignCase]:
    found = []
    for rule in ruleset.rules:
        if rule.kind != "red_flag":
            continue
        answers = trigger_answers(ruleset, rule)
        urgency = evaluate(ruleset, answers)["urgency"] if answers is not None else ""
        found.append(SignCase(rule, answers, urgency))
    return found
