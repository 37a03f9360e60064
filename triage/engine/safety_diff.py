"""The safety diff: what a new snapshot takes away from the warning signs of an old one.

Pure: two snapshots in, a list of SafetyChange out, each a sentence in plain words with names,
not slugs ("New numbness between your legs: emergency → book soon"). A change is listed when a
warning-sign rule (kind red_flag) would fire less often, or with a lower floor:
- its floor falls;
- it is removed, switched off (an inactive rule is left out of the snapshot) or made another kind;
- its conditions narrow: its match goes from any to all, a condition is added to an "all" rule
  or removed from an "any" rule, a value is taken from an "is one of" or "includes any of" list
  (or added to an "is none of" list), a number threshold moves so it fires less, or a condition
  changes to another value or operator.
Widening a rule, raising its floor and adding a warning sign are not listed. Publishing a
snapshot with any listed change needs a clinical reviewer's confirmation with a reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from triage.engine.types import split_values, urgency_rank
from triage.engine.words import condition_sentence, question_name, questions_of, urgency_words


@dataclass(frozen=True)
class SafetyChange:
    rule: str  # the rule's slug, for links; never shown as the sentence
    kind: str  # floor_lowered, removed, match_narrowed, condition_added, ...
    text: str

    def __str__(self) -> str:
        return self.text


def _signs(snapshot: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        rule["slug"]: rule for rule in snapshot.get("rules", ()) if rule.get("kind") == "red_flag"
    }


def _normal(condition: dict[str, Any]) -> tuple[str, Any]:
    """(operator, value) with single-value operators read as one-item lists."""
    operator, value = condition.get("operator", ""), str(condition.get("value", ""))
    if operator in ("eq", "in"):
        return "in", set(split_values(value))
    if operator in ("ne", "not_in"):
        return "not_in", set(split_values(value))
    if operator in ("includes", "includes_any"):
        return "includes_any", set(split_values(value))
    return operator, value


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _no_longer(condition: dict[str, Any], values: list[str], questions: dict[str, Any]) -> str:
    operator = "eq" if len(values) == 1 else "in"
    words = condition_sentence(
        {**condition, "operator": operator, "value": ",".join(values)}, questions
    )
    return f"no longer fires when {words[0].lower()}{words[1:]}"


def _narrowing(old: dict[str, Any], new: dict[str, Any], questions: dict[str, Any]) -> str:
    """How a condition on the same question fires less, in words; "" when it does not."""
    (old_op, old_value), (new_op, new_value) = _normal(old), _normal(new)
    name = question_name(new.get("question", ""))
    if old_op == new_op in ("in", "includes_any"):
        dropped = sorted(old_value - new_value)
        if not dropped:
            return ""
        return _no_longer(old, dropped, questions)
    if old_op == new_op == "not_in":
        ruled_out = sorted(new_value - old_value)
        if not ruled_out:
            return ""
        return _no_longer(new, ruled_out, questions)
    if old_op == new_op in ("gte", "lte"):
        before, after = _number(old_value), _number(new_value)
        if before is not None and after is not None:
            fires_less = after > before if new_op == "gte" else after < before
            if not fires_less:
                return ""
            return (
                f"{name} threshold moved from {old_value} to {new_value}, so it fires less often"
            )
    if old_op == new_op and old_value == new_value:
        return ""
    return (
        f"a condition changed from “{condition_sentence(old, questions)}” "
        f"to “{condition_sentence(new, questions)}”"
    )


def _key(condition: dict[str, Any]) -> tuple[str, str, str]:
    return (
        condition.get("question", ""),
        condition.get("operator", ""),
        str(condition.get("value", "")),
    )


def _pair(old: Iterable[dict], new: Iterable[dict]) -> tuple[list, list, list]:
    """(pairs on one question, old left over, new left over); equal conditions are dropped."""
    old, new = list(old), list(new)
    for condition in list(old):
        match = next((c for c in new if _key(c) == _key(condition)), None)
        if match is not None:
            old.remove(condition)
            new.remove(match)
    pairs = []
    for condition in list(old):
        match = next((c for c in new if c.get("question") == condition.get("question")), None)
        if match is not None:
            pairs.append((condition, match))
            old.remove(condition)
            new.remove(match)
    return pairs, old, new


def _rule_changes(old: dict, new: dict, questions: dict) -> list[tuple[str, str]]:
    found = []
    old_urgency, new_urgency = old.get("urgency", ""), new.get("urgency", "")
    if new_urgency != old_urgency and (
        not new_urgency or (old_urgency and urgency_rank(new_urgency) < urgency_rank(old_urgency))
    ):
        found.append(
            ("floor_lowered", f"{urgency_words(old_urgency)} → {urgency_words(new_urgency)}")
        )
    new_match = new.get("match", "all")
    conditions = new.get("conditions", ())
    if old.get("match", "all") == "any" and new_match == "all" and len(conditions) > 1:
        found.append(("match_narrowed", "now needs all of its conditions, not just one of them"))
    pairs, removed, added = _pair(old.get("conditions", ()), conditions)
    for before, after in pairs:
        words = _narrowing(before, after, questions)
        if words:
            found.append(("condition_narrowed", words))
    if new_match == "all":
        for condition in added:
            found.append(
                ("condition_added", f"now also needs: {condition_sentence(condition, questions)}")
            )
    else:
        for condition in removed:
            found.append(
                (
                    "condition_removed",
                    f"no longer fires on: {condition_sentence(condition, questions)}",
                )
            )
    return found


def safety_diff(old: dict[str, Any], new: dict[str, Any]) -> list[SafetyChange]:
    """Every way `new` weakens a warning sign of `old`, in old's rule order."""
    old_signs, new_rules = _signs(old), {r["slug"]: r for r in new.get("rules", ())}
    questions = {**questions_of(old), **questions_of(new)}
    changes = []
    for slug, rule in old_signs.items():
        after = new_rules.get(slug)
        if after is None or after.get("kind") != "red_flag":
            title = rule.get("title") or question_name(slug)
            changes.append(
                SafetyChange(
                    slug, "removed", f"{title}: no longer checked (removed or switched off)"
                )
            )
            continue
        title = after.get("title") or rule.get("title") or question_name(slug)
        changes += [
            SafetyChange(slug, kind, f"{title}: {words}")
            for kind, words in _rule_changes(rule, after, questions)
        ]
    return changes
