"""A ruleset compiled once per version into a form that is cheap to run many times.

- Every condition becomes a small function with its values parsed once (sets, numbers).
- Rules are indexed by the answers that can make them fire: a triage looks only at the rules
  that one of its answers could trigger (a rule is filed under one condition that must hold,
  or, for an "any" rule, under each of its conditions). Conditions that any answer may meet
  (at least, at most, is not, ...) are filed under the question being answered at all.
- What does not depend on the answers (the safety net, advice bodies with the phone numbers
  filled in) is prepared once per set of phone numbers.

`Rule.fires` and `Condition.holds` in `types` stay the plain reference: a test checks that the
compiled form fires exactly the same rules on every clinical test case and on generated answers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from triage.engine.types import Condition, Question, Rule, Ruleset, split_values

Test = Callable[[dict[str, Any]], bool]
ANSWERED = "*"
# Operators whose condition holds only for answers that name one of its values.
_TOKEN_OPERATORS = ("eq", "in", "includes", "includes_any")


def _compile_condition(condition: Condition) -> Test:
    """The condition as a function of the answers; an unanswered question never holds."""
    q, op, raw = condition.question, condition.operator, condition.value
    if op in ("gte", "lte"):
        number = float(raw)
        if op == "gte":
            return lambda a: q in a and a[q] >= number
        return lambda a: q in a and a[q] <= number
    if op in ("in", "not_in", "includes_any"):
        values = frozenset(split_values(raw))
        if op == "in":
            return lambda a: q in a and str(a[q]) in values
        if op == "not_in":
            return lambda a: q in a and str(a[q]) not in values
        return lambda a: q in a and not values.isdisjoint(a[q])
    tests: dict[str, Test] = {
        "eq": lambda a: q in a and str(a[q]) == raw,
        "ne": lambda a: q in a and str(a[q]) != raw,
        "includes": lambda a: q in a and raw in a[q],
        "excludes": lambda a: q in a and raw not in a[q],
        "empty": lambda a: q in a and len(a[q]) == 0,
        "not_empty": lambda a: q in a and len(a[q]) > 0,
    }
    return tests[op]


def _tokens(condition: Condition) -> frozenset[tuple[str, str]]:
    """The answer tokens under which a condition can hold."""
    if condition.operator in ("eq", "includes"):
        return frozenset({(condition.question, condition.value)})
    if condition.operator in ("in", "includes_any"):
        return frozenset((condition.question, v) for v in split_values(condition.value))
    return frozenset({(condition.question, ANSWERED)})


def _rarity(condition: Condition, questions: dict[str, Question]) -> float:
    """A rough chance that a runner's answers hold the condition's token: the index files a rule
    under its rarest condition, so that few rules are looked at per triage."""
    question = questions.get(condition.question)
    if question is None or condition.operator not in _TOKEN_OPERATORS:
        return 1.0
    values = (
        len(split_values(condition.value)) if condition.operator in ("in", "includes_any") else 1
    )
    if question.kind == "yes_no":
        return 0.2 * values if condition.value == "yes" else 0.8
    if question.kind == "number":
        span = (question.max_value or 100) - (question.min_value or 0) + 1
        return min(1.0, values / span)
    return min(1.0, values / max(len(question.choices), 1))


def _filing(rule: Rule, tests: tuple[Test, ...], questions: dict[str, Question]):
    """[(token, guard, tests still to run when the rule is found under that token), ...].

    A token of an "is", "is one of", "includes" or "includes any of" condition is present only
    when that condition holds, so a rule found under it need not test that condition again.
    A rule of "all" conditions is filed once, under its most selective condition, with the
    tokens of its next most selective sure condition as a guard: a triage whose answers hold
    none of them skips the rule without calling a test. A rule of "any" condition is filed
    under each condition (finding it under a sure token means it fires), with no guard.
    """
    sure = [c.operator in _TOKEN_OPERATORS for c in rule.conditions]
    if rule.match == "any":
        # Found under a condition that is not sure: any of those conditions may be the one.
        unsure = tuple(test for test, is_sure in zip(tests, sure, strict=True) if not is_sure)
        return [
            (token, None, () if sure[i] else unsure)
            for i, condition in enumerate(rule.conditions)
            for token in _tokens(condition)
        ]
    order = sorted(
        range(len(rule.conditions)), key=lambda i: _rarity(rule.conditions[i], questions)
    )
    best = order[0]
    guard_at = next((i for i in order[1:] if sure[i]), None) if sure[best] else None
    skipped = {best, guard_at} if sure[best] else set()
    rest = tuple(test for i, test in enumerate(tests) if i not in skipped)
    guard = _tokens(rule.conditions[guard_at]) if guard_at is not None else None
    return [(token, guard, rest) for token in _tokens(rule.conditions[best])]


class CompiledRuleset:
    """The index and prepared parts of one ruleset; build it with `compile_ruleset`."""

    def __init__(self, ruleset: Ruleset):
        index: dict[tuple[str, str], list[Any]] = {}
        for position, rule in enumerate(ruleset.rules):
            tests = tuple(_compile_condition(c) for c in rule.conditions)
            for token, guard, rest in _filing(rule, tests, ruleset.questions_by_slug):
                index.setdefault(token, []).append((position, rule, guard, rest))
        self.index = {token: tuple(entries) for token, entries in index.items()}
        self.contraindications = {
            item.slug: tuple(_compile_condition(c) for c in item.contraindications)
            for item in ruleset.advice
        }
        # Parts prepared once and kept with the compiled form: see `prepared`.
        self._prepared: dict[Any, Any] = {}

    def fired(self, answers: dict[str, Any]) -> list[Rule]:
        """The rules these answers make fire, in the ruleset's order."""
        present = set()
        for question, value in answers.items():
            present.add((question, ANSWERED))
            if value.__class__ is list:
                present.update((question, choice) for choice in value)
            else:
                present.add((question, value if value.__class__ is str else str(value)))
        get = self.index.get
        found: dict[int, tuple[Rule, tuple[Test, ...]]] = {}
        for token in present:
            for position, rule, guard, rest in get(token, ()):
                if guard is not None and present.isdisjoint(guard):
                    continue
                known = found.get(position)
                if known is None or len(rest) < len(known[1]):
                    found[position] = (rule, rest)
        fired = []
        for position in sorted(found):
            rule, rest = found[position]
            if not rest or (
                rest[0](answers)
                if len(rest) == 1
                else (any if rule.match == "any" else all)(test(answers) for test in rest)
            ):
                fired.append(rule)
        return fired

    def prepared(self, key: Any, build: Callable[[], Any]) -> Any:
        found = self._prepared.get(key)
        if found is None:
            found = self._prepared[key] = build()
        return found


def reference_fired(ruleset: Ruleset, answers: dict[str, Any]) -> list[Rule]:
    """Every rule tried in turn, the plain way: what the compiled index must agree with."""
    return [rule for rule in ruleset.rules if rule.fires(answers)]


def compile_ruleset(ruleset: Ruleset) -> CompiledRuleset:
    """The ruleset's compiled form, made once and kept with it (rulesets are immutable)."""
    if ruleset.compiled is None:
        object.__setattr__(ruleset, "compiled", CompiledRuleset(ruleset))
    return ruleset.compiled
