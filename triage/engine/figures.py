"""How a ruleset does on a set of clinical test cases: the figures a clinical safety review reads.

Exact: the urgency is the one expected. Under/over: less/more urgent than expected (under by
two levels or more is counted apart). Top-1: the expected cause comes first. Top-3: it is among
the three most likely. Cases marked `questionnaire_can_see = false` (their urgency rests on
something the questionnaire does not ask) are run and reported, but kept out of the rates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from triage.engine.answers import validate_answers
from triage.engine.evaluate import evaluate
from triage.engine.types import Ruleset, urgency_rank


@dataclass(frozen=True)
class CaseResult:
    name: str
    expected_urgency: str
    urgency: str
    expected_cause: str
    causes: tuple[str, ...]
    seen: bool = True

    @property
    def levels_under(self) -> int:
        return max(0, urgency_rank(self.expected_urgency) - urgency_rank(self.urgency))

    @property
    def over(self) -> bool:
        return urgency_rank(self.urgency) > urgency_rank(self.expected_urgency)

    @property
    def top1(self) -> bool:
        return bool(self.causes) and self.causes[0] == self.expected_cause

    @property
    def top3(self) -> bool:
        return self.expected_cause in self.causes[:3]


@dataclass(frozen=True)
class Figures:
    label: str
    results: tuple[CaseResult, ...] = field(default=())

    @property
    def seen(self) -> tuple[CaseResult, ...]:
        return tuple(r for r in self.results if r.seen)

    def _share(self, test, results=None) -> float:
        results = self.seen if results is None else results
        return sum(1 for r in results if test(r)) / len(results) if results else 0.0

    @property
    def exact(self) -> float:
        return self._share(lambda r: r.levels_under == 0 and not r.over)

    @property
    def under(self) -> tuple[CaseResult, ...]:
        return tuple(r for r in self.seen if r.levels_under)

    @property
    def over(self) -> float:
        return self._share(lambda r: r.over)

    @property
    def top1(self) -> float:
        return self._share(lambda r: r.top1, [r for r in self.seen if r.expected_cause])

    @property
    def top3(self) -> float:
        return self._share(lambda r: r.top3, [r for r in self.seen if r.expected_cause])

    def line(self) -> str:
        under2 = sum(1 for r in self.under if r.levels_under >= 2)
        unseen = len(self.results) - len(self.seen)
        return (
            f"{self.label}: {len(self.seen)} cases"
            + (f" (+{unseen} the questionnaire cannot see)" if unseen else "")
            + f", exact {self.exact:.0%}, under-triaged {len(self.under)} "
            f"({under2} by two levels or more), over-triaged {self.over:.0%}, "
            f"expected cause first {self.top1:.0%}, in the top three {self.top3:.0%}"
        )


def run_case(ruleset: Ruleset, case: dict[str, Any]) -> CaseResult:
    result = evaluate(ruleset, validate_answers(ruleset, case["answers"]))
    expected = case.get("expected_causes") or [""]
    return CaseResult(
        name=case["name"],
        expected_urgency=case["expected_urgency"],
        urgency=result["urgency"],
        expected_cause=expected[0],
        causes=tuple(cause["slug"] for cause in result["causes"]),
        seen=case.get("questionnaire_can_see", True),
    )


def figures(ruleset: Ruleset, cases, label: str) -> Figures:
    return Figures(label, tuple(run_case(ruleset, case) for case in cases))
