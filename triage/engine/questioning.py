"""Which questions are still worth asking: those whose answer could change the urgency or the
most likely cause, given the answers so far.

Urgency is never left to a guess. A question is asked while some rule that would raise the
urgency above the current one could still fire and needs its answer: a warning-sign rule none
of whose answered conditions fails, or evidence for a cause whose likelihood raises the floor
(a bone stress injury: book soon). This looks across questions, not one at a time: a rule that
needs two unanswered questions keeps both, though neither alone would change anything.

The causes are tried one question at a time: each answer it could get is tried against the
current answers, and the question is kept if one of them changes which cause comes first, or
which causes are likely enough to be shown (moderate, high, or for a doctor to rule out).
Required questions and every warning sign are always asked: an unanswered warning sign is never
read as "no". A multi-choice question is tried with each choice alone and with none; a number
with the values the rules compare it to, either side of each.
"""

from __future__ import annotations

from typing import Any

from triage.engine.answers import is_shown
from triage.engine.compiled import compile_ruleset
from triage.engine.evaluate import (
    ADVICE_LIKELIHOODS,
    CAUSE_FLOOR_SCORE,
    RANK,
    Prepared,
    _Evaluation,
)
from triage.engine.types import Question, Rule, Ruleset

Outcome = tuple[str, str, frozenset[str]]


def outcome(ruleset: Ruleset, answers: dict[str, Any]) -> Outcome:
    """(urgency, the first cause, the causes likely enough to be shown among the top three):
    what a question must be able to change to be asked."""
    run = _Evaluation(ruleset, answers, compile_ruleset(ruleset).fired(answers))
    run.warning_signs()
    causes = run.causes()
    first = causes[0]["slug"] if causes else ""
    shown = frozenset(c["slug"] for c in causes[:3] if c["likelihood"] in ADVICE_LIKELIHOODS)
    return run.urgency, first, shown


def _needed(ruleset: Ruleset, slug: str, answers: dict[str, Any]) -> list[str] | None:
    """The unanswered questions to ask before `slug` can be answered (itself, and the questions
    it is shown after), or None when the answers so far keep it hidden."""
    needed: list[str] = []
    while slug not in answers:
        needed.append(slug)
        question = ruleset.questions_by_slug[slug]
        if is_shown(question, answers):
            return needed
        assert question.shown_when is not None
        slug = question.shown_when.question
    return None  # shown only after an answer that was given otherwise


def _still_possible(ruleset: Ruleset, rule: Rule, answers: dict[str, Any]) -> set[str]:
    """The questions a rule that has not fired still waits for; empty when it has fired or
    cannot fire whatever the runner says next."""
    waiting: set[str] = set()
    for condition in rule.conditions:
        if condition.question in answers:
            holds = condition.holds(answers)
            if holds and rule.match == "any":
                return set()  # fired already
            if not holds and rule.match != "any":
                return set()  # an answer given rules it out
            continue
        needed = _needed(ruleset, condition.question, answers)
        if needed is None:
            if rule.match != "any":
                return set()
            continue
        waiting.update(needed)
    return waiting


class _Raisers:
    """Which rules can raise the urgency, sorted once per version: warning signs by their
    urgency's rank, and for each cause that raises the floor when likely, its rules that add
    weight to it."""

    def __init__(self, ruleset: Ruleset):
        self.signs = [
            (RANK.get(rule.urgency, 0), rule) for rule in ruleset.rules if rule.kind == "red_flag"
        ]
        self.floors = [
            (
                RANK[cause.urgency_if_likely],
                cause.slug,
                [rule for rule in ruleset.rules if rule.cause == cause.slug and rule.weight > 0],
            )
            for cause in ruleset.causes
            if cause.urgency_if_likely
        ]


def could_raise_urgency(ruleset: Ruleset, answers: dict[str, Any], urgency: str) -> set[str]:
    """The unanswered questions some rule needs to raise the urgency above `urgency`.

    Warning-sign rules of a higher urgency, and evidence for a cause that raises the floor when
    likely, while the most that evidence could still add would make it likely enough.
    """
    rank = RANK[urgency]
    compiled = compile_ruleset(ruleset)
    raisers = compiled.prepared("raisers", lambda: _Raisers(ruleset))
    found: set[str] = set()
    for sign_rank, rule in raisers.signs:
        if sign_rank > rank:
            found |= _still_possible(ruleset, rule, answers)
    run = _Evaluation(ruleset, answers, compiled.fired(answers))
    for floor_rank, cause, rules in raisers.floors:
        if floor_rank <= rank:
            continue
        waiting: set[str] = set()
        most = run.scores[cause]
        for rule in rules:
            needs = _still_possible(ruleset, rule, answers)
            if needs:
                waiting |= needs
                most += rule.weight
        if most >= CAUSE_FLOOR_SCORE:
            found |= waiting
    return found


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
    raising = could_raise_urgency(ruleset, answers, current[0])
    found = []
    for question in ruleset.questions_in_order:
        if question.slug in answers or not is_shown(question, answers):
            continue
        if (
            always_asked(question)
            or question.slug in raising
            or any(
                outcome(ruleset, {**answers, question.slug: value}) != current
                for value in possible_answers(ruleset, question)
            )
        ):
            found.append(question)
    return found
