"""A result as it is stored: what this runner's answers decided, without the texts that come
from the version it was made with.

Advice and tip bodies, the safety net and the disclaimer are the same for every result of a
version; stored in each row they were three quarters of its 12 KB (issue #14). Versions are
immutable, so the slugs and the version name those texts for good: `expand` puts them back,
exactly as `evaluate` wrote them (tests/triage/test_stored_result.py checks every case).
A result stored whole, before this, is read as it is.
"""

from __future__ import annotations

from typing import Any

from triage.engine.compiled import compile_ruleset
from triage.engine.evaluate import (
    DISCLAIMER,
    RESULT_KEYS,
    Prepared,
    advice_entry,
    tip_entry,
)
from triage.engine.types import Ruleset

# Marks a compact result; a stored result without it is whole.
COMPACT = "compact"
_TEXTS = ("safety_net", "safety_net_items", "disclaimer")


def compact(result: dict[str, Any]) -> dict[str, Any]:
    """The result without the version's texts: advice and tips by slug."""
    stored = {key: value for key, value in result.items() if key not in _TEXTS}
    stored["advice"] = [item["slug"] for item in result["advice"]]
    stored["prevention"] = [tip["slug"] for tip in result["prevention"]]
    stored[COMPACT] = 1
    return stored


def expand(
    stored: dict[str, Any],
    ruleset: Ruleset,
    *,
    emergency_number: str = "999",
    non_emergency_number: str = "111",
) -> dict[str, Any]:
    """The whole result again, from a compact one and the ruleset it was made with."""
    if not stored.get(COMPACT):
        return stored
    parts = compile_ruleset(ruleset).prepared("parts", lambda: Prepared(ruleset))
    texts = parts.for_numbers(emergency_number, non_emergency_number)
    advice = {item.slug: item for item in ruleset.advice}
    tips = {tip.slug: tip for tip in ruleset.prevention}
    result = {key: value for key, value in stored.items() if key != COMPACT}
    result["advice"] = [advice_entry(advice[slug], texts["bodies"]) for slug in stored["advice"]]
    result["prevention"] = [tip_entry(tips[slug]) for slug in stored["prevention"]]
    result["safety_net"] = texts["text"]
    result["safety_net_items"] = {key: list(items) for key, items in texts["items"].items()}
    result["disclaimer"] = DISCLAIMER
    # In the order evaluate gives them, so that a stored result reads like a fresh one.
    return {key: result[key] for key in RESULT_KEYS if key in result} | {
        key: value for key, value in result.items() if key not in RESULT_KEYS
    }
