"""Triage: a compiled ruleset and clean answers in, a result out.

Order of work, and why:
1. Warning-sign rules are evaluated first and independently of scoring. The urgency is the
   highest floor of any that fired; no other answer can lower it (hazard H1).
2. A warning sign left unanswered is unknown, never "no": it sets a floor of its own (H2).
3. Evidence rules add weight to causes. Serious causes are listed only when one of their
   warning-sign rules fired.
4. Advice and prevention are filtered by the urgency, so an emergency result never carries an
   exercise plan (H6), and by each item's contraindications (H7).
"""

from __future__ import annotations

from typing import Any

from triage.engine.types import (
    SELF_MANAGED_MAX_URGENCY,
    Rule,
    Ruleset,
    max_urgency,
    urgency_rank,
)

MAX_CAUSES = 6
MIN_CAUSE_SCORE = 0.5
# An unanswered warning sign is unknown, never "no": the result is at least "book soon".
UNANSWERED_WARNING_SIGN_FLOOR = "soon"
HIGH_SCORE = 3.0
# A cause with an urgency of its own raises the floor when it is among the three most likely
# and its score reaches this (stronger than "high", so that a runner-up does not over-triage).
CAUSE_FLOOR_SCORE = 4.0
MODERATE_SCORE = 1.5

DISCLAIMER = (
    "This check lists possible causes and how soon to get help. It is not a diagnosis: only a "
    "clinician who examines you can tell what is causing your pain."
)


def _likelihood(score: float) -> str:
    if score >= HIGH_SCORE:
        return "high"
    if score >= MODERATE_SCORE:
        return "moderate"
    return "low"


def _answers_used(rule: Rule, answers: dict[str, Any]) -> dict[str, Any]:
    return {c.question: answers[c.question] for c in rule.conditions if c.question in answers}


def safety_net(ruleset: Ruleset, emergency_number: str, non_emergency_number: str) -> str:
    """What would make it an emergency, built from the emergency warning-sign rules.

    Rules that combine answers (a cancer history and a weak leg) are summed up in one closing
    sentence, so the list stays short enough to read on a phone.
    """
    signs: list[str] = []
    for rule in ruleset.rules:
        single = len(rule.conditions) == 1 or rule.match == "any"
        if rule.kind == "red_flag" and rule.urgency == "emergency" and single:
            sign = rule.title[0].lower() + rule.title[1:]
            if sign not in signs:
                signs.append(sign)
    return (
        f"Call {emergency_number} or go to A&E now if you get any of these: "
        + "; ".join(signs)
        + "; or a leg that becomes weak, numb or tingly when you have had cancer or have a high "
        f"temperature. Speak to a doctor today, or call {non_emergency_number}, if you get a "
        "high temperature or feel very unwell, if a leg gets weaker, or if the pain gets much "
        "worse or stops you sleeping."
    )


class _Evaluation:
    """The working state of one evaluation; `evaluate` is its only user."""

    def __init__(self, ruleset: Ruleset, answers: dict[str, Any]):
        self.ruleset = ruleset
        self.answers = answers
        self.urgency = "self_care"
        self.red_flags: list[dict[str, Any]] = []
        self.trace: list[dict[str, Any]] = []
        self.fired = [rule for rule in ruleset.rules if rule.fires(answers)]

    def raise_floor(self, slug, title, urgency, reason, kind, answers=None):
        self.urgency = max_urgency(self.urgency, urgency)
        self.red_flags.append({"slug": slug, "title": title, "urgency": urgency, "reason": reason})
        self.note(slug, kind, f"urgency floor {urgency}", answers)

    def note(self, slug, kind, effect, answers=None):
        self.trace.append({"rule": slug, "kind": kind, "answers": answers or {}, "effect": effect})

    def warning_signs(self) -> None:
        for question in self.ruleset.warning_signs:
            if question.slug not in self.answers:
                self.raise_floor(
                    f"unanswered_{question.slug}",
                    "A warning-sign question was not answered",
                    UNANSWERED_WARNING_SIGN_FLOOR,
                    f"We could not rule this out: {question.text}",
                    "unanswered",
                )
        for rule in self.fired:
            if rule.kind == "red_flag":
                used = _answers_used(rule, self.answers)
                self.raise_floor(rule.slug, rule.title, rule.urgency, rule.reason, rule.kind, used)

    def _scores(self):
        causes = self.ruleset.causes
        scores = {cause.slug: cause.prior for cause in causes}
        reasons: dict[str, list[str]] = {cause.slug: [] for cause in causes}
        against: dict[str, list[str]] = {cause.slug: [] for cause in causes}
        for rule in self.fired:
            if rule.cause and rule.weight:
                scores[rule.cause] += rule.weight
                bucket = (reasons if rule.weight > 0 else against)[rule.cause]
                if rule.reason and rule.reason not in bucket:
                    bucket.append(rule.reason)
            if rule.kind == "evidence":
                used = _answers_used(rule, self.answers)
                self.note(rule.slug, rule.kind, f"{rule.weight:+g} to {rule.cause}", used)
        return scores, reasons, against

    def causes(self) -> list[dict[str, Any]]:
        flagged = {r.cause for r in self.fired if r.kind == "red_flag" and r.cause}
        scores, reasons, against = self._scores()
        listed = sorted(
            (
                cause
                for cause in self.ruleset.causes
                if (cause.slug in flagged or not cause.is_serious)
                and scores[cause.slug] >= MIN_CAUSE_SCORE
            ),
            # A serious cause whose warning sign fired comes first: a benign cause at the top
            # of an emergency result would falsely reassure (hazard H6).
            key=lambda cause: (
                not (cause.is_serious and cause.slug in flagged),
                -scores[cause.slug],
                cause.order,
            ),
        )[:MAX_CAUSES]
        # A likely cause may raise the floor (a possible bone stress injury: book soon).
        # Scores only ever add to the floor the warning signs set; they never lower it.
        for cause in listed[:3]:
            if cause.urgency_if_likely and scores[cause.slug] >= CAUSE_FLOOR_SCORE:
                self.raise_floor(
                    f"likely_{cause.slug}",
                    f"Your answers fit: {cause.name}",
                    cause.urgency_if_likely,
                    f"{cause.name} needs a check by a doctor or physiotherapist.",
                    "cause_floor",
                )
        return [
            {
                "slug": cause.slug,
                "name": cause.name,
                "likelihood": _likelihood(scores[cause.slug]),
                "score": round(scores[cause.slug], 2),
                "reasons": reasons[cause.slug],
                "reasons_against": against[cause.slug],
                "serious": cause.is_serious,
            }
            for cause in listed
        ]

    def included(self, kind: str, attribute: str) -> set[str]:
        slugs = set()
        for rule in self.fired:
            if rule.kind == kind:
                slugs.add(getattr(rule, attribute))
                used = _answers_used(rule, self.answers)
                self.note(rule.slug, kind, f"includes {getattr(rule, attribute)}", used)
        return slugs

    def advice(self, causes, phone_numbers):
        top_causes = {cause["slug"] for cause in causes[:3]}
        included = self.included("advice", "advice")
        rank = urgency_rank(self.urgency)
        chosen = [
            item
            for item in self.ruleset.advice
            if (item.include_by_default or item.slug in included or top_causes & set(item.causes))
            and urgency_rank(item.min_urgency) <= rank <= urgency_rank(item.effective_max_urgency)
            and not any(condition.holds(self.answers) for condition in item.contraindications)
        ]
        replaced = {slug for item in chosen for slug in item.replaces}
        advice = []
        for item in sorted(chosen, key=lambda a: (a.order, a.slug)):
            if item.slug in replaced:
                continue
            body = item.body
            for name, number in phone_numbers.items():
                body = body.replace("{" + name + "}", number)
            entry = {"slug": item.slug, "title": item.title, "body": body, "kind": item.kind}
            if item.stages:
                entry["stages"] = [dict(stage) for stage in item.stages]
            advice.append(entry)
        return advice

    def prevention(self):
        included = self.included("prevention", "prevention")
        if urgency_rank(self.urgency) > urgency_rank(SELF_MANAGED_MAX_URGENCY):
            return []
        return [
            {"slug": tip.slug, "title": tip.title, "body": tip.body}
            for tip in sorted(self.ruleset.prevention, key=lambda t: (t.order, t.slug))
            if tip.include_by_default or tip.slug in included
        ]


def evaluate(
    ruleset: Ruleset,
    answers: dict[str, Any],
    *,
    emergency_number: str = "999",
    non_emergency_number: str = "111",
) -> dict[str, Any]:
    """Triage clean answers (see validate_answers) with a compiled ruleset.

    Returns the result in the shape of the contract, plus `trace` (every rule that fired, on
    which answers, with what effect) and `disclaimer`. Warning signs are evaluated first; the
    urgency is the highest floor that any of them (or a likely cause) set.
    """
    run = _Evaluation(ruleset, answers)
    run.warning_signs()
    causes = run.causes()
    phone_numbers = {
        "emergency_number": emergency_number,
        "non_emergency_number": non_emergency_number,
    }
    advice = run.advice(causes, phone_numbers)
    prevention = run.prevention()
    run.red_flags.sort(key=lambda flag: -urgency_rank(flag["urgency"]))
    return {
        "urgency": run.urgency,
        "red_flags": run.red_flags,
        "causes": causes,
        "advice": advice,
        "prevention": prevention,
        "safety_net": safety_net(ruleset, emergency_number, non_emergency_number),
        "ruleset_version": ruleset.version,
        "disclaimer": DISCLAIMER,
        "trace": run.trace,
    }
