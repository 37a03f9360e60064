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
# Advice and treatments chosen for a cause need it at least this likely: a stress-fracture card
# under a "low" stress fracture would alarm without cause.
ADVICE_LIKELIHOODS = ("high", "moderate", "to_rule_out")
# A serious cause opens the list when its warning sign sets at least this urgency; one raised
# only to "book soon" by a combination of weak signs is ranked by its score with the rest.
SERIOUS_FIRST_URGENCY = "urgent"
# What means "get help today", whatever the answers were: things that can change after the check.
TODAY_SIGNS = (
    "you get a high temperature, shivers, or feel very unwell",
    "a leg gets weaker, or numbness spreads",
    "you become unsteady when you walk",
    "the pain gets much worse, or painkillers do not help and it stops you sleeping or moving",
)

DISCLAIMER = (
    "This check lists possible causes and how soon to get help. It is not a diagnosis. Only a "
    "doctor, nurse or physio who examines you can tell what is causing your pain."
)


def _likelihood(score: float, serious: bool = False) -> str:
    # A serious cause is never "high" or "low": a doctor needs to rule it out (contract v2).
    if serious:
        return "to_rule_out"
    if score >= HIGH_SCORE:
        return "high"
    if score >= MODERATE_SCORE:
        return "moderate"
    return "low"


def _answers_used(rule: Rule, answers: dict[str, Any]) -> dict[str, Any]:
    return {c.question: answers[c.question] for c in rule.conditions if c.question in answers}


def safety_net_items(ruleset: Ruleset) -> dict[str, list[str]]:
    """What would make it an emergency, and what means "today", as short items for bullets.

    Emergency items are the emergency warning-sign rules that rest on one answer; rules that
    combine answers (a cancer history and a weak leg) are summed up in one closing item, so the
    list stays short enough to read on a phone.
    """
    signs: list[str] = []
    for rule in ruleset.rules:
        single = len(rule.conditions) == 1 or rule.match == "any"
        if rule.kind == "red_flag" and rule.urgency == "emergency" and single:
            sign = rule.title[0].lower() + rule.title[1:]
            if sign not in signs:
                signs.append(sign)
    signs.append(
        "a leg that becomes weak, numb or tingly when you have had cancer or have a high "
        "temperature"
    )
    return {"emergency": signs, "today": list(TODAY_SIGNS)}


def safety_net(ruleset: Ruleset, emergency_number: str, non_emergency_number: str) -> str:
    """The safety net as one paragraph, for places that cannot show lists."""
    items = safety_net_items(ruleset)

    # One short sentence per sign: a list joined with semicolons read at grade 36 (issue 17).
    def sentences(signs):
        return " ".join(f"{sign[0].upper()}{sign[1:]}." for sign in signs)

    return (
        f"Call {emergency_number} or go to A&E now if you get any of these. "
        + sentences(items["emergency"])
        + f" Speak to a doctor today, or call {non_emergency_number}, if any of these happen. "
        + sentences(items["today"])
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
        self.stop_running = False

    def raise_floor(self, slug, title, urgency, reason, kind, answers=None, cause=""):
        self.urgency = max_urgency(self.urgency, urgency)
        flag = {"slug": slug, "title": title, "urgency": urgency, "reason": reason}
        if cause:
            flag["cause"] = cause
        self.red_flags.append(flag)
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
                self.raise_floor(
                    rule.slug, rule.title, rule.urgency, rule.reason, rule.kind, used, rule.cause
                )

    def _scores(self):
        """Each cause's score: its prior, plus the strongest warning sign that points to it, plus
        every evidence rule.

        Warning-sign rules for one cause overlap (several read the same answers: age 60 and
        constant pain, age 60 and a first episode), so a cause takes the strongest of them
        rather than their sum; evidence rules are meant to add.
        """
        causes = self.ruleset.causes
        scores = {cause.slug: cause.prior for cause in causes}
        strongest_sign: dict[str, float] = {}
        reasons: dict[str, list[str]] = {cause.slug: [] for cause in causes}
        against: dict[str, list[str]] = {cause.slug: [] for cause in causes}
        for rule in self.fired:
            if rule.cause and rule.weight:
                if rule.kind == "red_flag" and rule.weight > 0:
                    strongest_sign[rule.cause] = max(
                        strongest_sign.get(rule.cause, 0.0), rule.weight
                    )
                else:
                    scores[rule.cause] += rule.weight
                bucket = (reasons if rule.weight > 0 else against)[rule.cause]
                if rule.reason and rule.reason not in bucket:
                    bucket.append(rule.reason)
            if rule.kind == "evidence":
                used = _answers_used(rule, self.answers)
                self.note(rule.slug, rule.kind, f"{rule.weight:+g} to {rule.cause}", used)
        for slug, weight in strongest_sign.items():
            scores[slug] += weight
        return scores, reasons, against

    def _flagged(self) -> dict[str, str]:
        """{serious or other cause: the highest urgency of a warning sign that points to it}."""
        flagged: dict[str, str] = {}
        for rule in self.fired:
            if rule.kind == "red_flag" and rule.cause:
                flagged[rule.cause] = max_urgency(
                    flagged.get(rule.cause, "self_care"), rule.urgency
                )
        return flagged

    def causes(self) -> list[dict[str, Any]]:
        flagged = self._flagged()
        scores, reasons, against = self._scores()
        first_rank = urgency_rank(SERIOUS_FIRST_URGENCY)

        def opens_the_list(cause):
            return cause.is_serious and urgency_rank(flagged[cause.slug]) >= first_rank

        # A serious cause is listed only when a warning sign (or a combination of risk answers)
        # points to it, whatever its score: never for benign answers alone.
        candidates = (
            cause
            for cause in self.ruleset.causes
            if (
                cause.slug in flagged
                if cause.is_serious
                else scores[cause.slug] >= MIN_CAUSE_SCORE
            )
        )
        listed = sorted(
            candidates,
            # A serious cause that sets the urgency comes first: a benign cause at the top of an
            # emergency result would falsely reassure (hazard H6).
            key=lambda cause: (not opens_the_list(cause), -scores[cause.slug], cause.order),
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
        if self.urgency == "emergency" and any(cause.is_serious for cause in listed):
            # Only what a doctor must rule out: a list that opens with a pulled muscle would
            # reassure where it must not.
            listed = [cause for cause in listed if cause.is_serious]
        return [
            {
                "slug": cause.slug,
                "name": cause.name,
                "likelihood": _likelihood(scores[cause.slug], cause.is_serious),
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
        top_causes = {
            cause["slug"] for cause in causes[:3] if cause["likelihood"] in ADVICE_LIKELIHOODS
        }
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
        self.stop_running = any(item.stops_running for item in chosen)
        advice = []
        for item in sorted(chosen, key=lambda a: (a.order, a.slug)):
            if item.slug in replaced or (self.stop_running and item.encourages_running):
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
            if (tip.include_by_default or tip.slug in included)
            and not (self.stop_running and tip.encourages_running)
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
        "safety_net_items": safety_net_items(ruleset),
        "ruleset_version": ruleset.version,
        "disclaimer": DISCLAIMER,
        "trace": run.trace,
    }
