"""Rulesets made bigger on purpose, to show that the compiled engine's cost follows the rules
that can fire, not the number of rules (bench/engine.py; tests/triage/test_compiled_engine.py).
"""

from __future__ import annotations

import random
from typing import Any

from triage.engine.types import LIST_OPERATORS, Ruleset

NARROWING = 2


def _other_value(condition: dict[str, Any], question: dict[str, Any], rng: random.Random) -> str:
    if question["kind"] == "yes_no":
        return condition["value"]  # keep "yes": a copy on "no" would fire for nearly everyone
    if question["kind"] == "number":
        low, high = question.get("min_value") or 0, question.get("max_value") or 100
        return str(rng.randint(low, high))
    choices = question.get("choices") or ["yes", "no"]
    if condition["operator"] in LIST_OPERATORS:
        return ",".join(rng.sample(choices, k=min(len(choices), rng.randint(1, 2))))
    return rng.choice(choices)


def scaled_snapshot(snapshot: dict[str, Any], factor: int, *, seed: int = 1) -> dict[str, Any]:
    """The snapshot with `factor` times its rules, made the way an editor grows content: each
    extra rule is a copy of a real one whose conditions ask for other answers (drawn at random
    from the question's choices or range), narrowed by NARROWING more conditions on other
    questions (a new combination), so that it fires for some runners but not most."""
    rng = random.Random(seed)
    questions = {q["slug"]: q for q in snapshot["questions"]}
    narrowing = [q for q in snapshot["questions"] if q["kind"] in ("single", "multi", "yes_no")]
    rules = list(snapshot["rules"])
    for copy in range(1, factor):
        for rule in snapshot["rules"]:
            conditions = [
                dict(c, value=_other_value(c, questions[c["question"]], rng))
                if c["operator"] not in ("empty", "not_empty")
                else dict(c)
                for c in rule["conditions"]
            ]
            for extra in rng.sample(narrowing, k=NARROWING):
                operator = "includes" if extra["kind"] == "multi" else "eq"
                value = "yes" if extra["kind"] == "yes_no" else rng.choice(extra["choices"])
                conditions.append(
                    {"question": extra["slug"], "operator": operator, "value": value}
                )
            # A copy of a warning sign weighs its cause but sets no floor, so that the copies do
            # not change the urgency of the content they were made from.
            kind = "evidence" if rule["kind"] == "red_flag" else rule["kind"]
            copied = dict(rule, slug=f"{rule['slug']}_x{copy}", kind=kind, conditions=conditions)
            rules.append(copied)
    return dict(snapshot, rules=rules)


def scaled_ruleset(snapshot: dict[str, Any], factor: int, *, seed: int = 1) -> Ruleset:
    return Ruleset.from_snapshot(scaled_snapshot(snapshot, factor, seed=seed))
