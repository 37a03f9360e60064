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

from triage.engine.compiled import compile_ruleset, reference_fired
from triage.engine.types import (
    SELF_MANAGED_MAX_URGENCY,
    URGENCY_ORDER,
    Advice,
    Rule,
    Ruleset,
    Tip,
)

RANK = {urgency: rank for rank, urgency in enumerate(URGENCY_ORDER)}

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
    """The working state of one evaluation; `evaluate` is its only user.

    One pass over the fired rules sorts them by kind; what depends only on the ruleset comes
    prepared (`Prepared`), so that a triage does no work it could do once per version.
    """

    def __init__(self, ruleset: Ruleset, answers: dict[str, Any], fired: list[Rule]):
        parts = compile_ruleset(ruleset).prepared("parts", lambda: Prepared(ruleset))
        self.ruleset, self.parts, self.answers = ruleset, parts, answers
        self.urgency, self.rank = "self_care", 0
        self.red_flags: list[dict[str, Any]] = []
        self.trace: list[dict[str, Any]] = []
        self.stop_running = False
        self.signs: list[Rule] = []
        self.flagged: dict[str, int] = {}  # cause: rank of its highest warning sign
        self.scores = dict(parts.priors)
        self.reasons: dict[str, list[str]] = {}
        self.against: dict[str, list[str]] = {}
        self.includes: dict[str, set[str]] = {"advice": set(), "prevention": set()}
        self.later_notes: dict[str, list[dict[str, Any]]] = {
            "evidence": [],
            "advice": [],
            "prevention": [],
        }
        self._sort(fired)

    def _sort(self, fired: list[Rule]) -> None:
        """Sort the fired rules by what they do, scoring causes on the way.

        A cause takes the strongest of its warning signs rather than their sum (several read the
        same answers: age 60 and constant pain, age 60 and a first episode); evidence adds.
        """
        strongest: dict[str, float] = {}
        scores, effects = self.scores, self.parts.effects
        for rule in fired:
            kind, cause, weight = rule.kind, rule.cause, rule.weight
            if kind == "red_flag":
                self.signs.append(rule)
                if cause:
                    rank = RANK[rule.urgency]
                    if rank >= self.flagged.get(cause, 0):
                        self.flagged[cause] = rank
            if cause and weight:
                if kind == "red_flag" and weight > 0:
                    if weight > strongest.get(cause, 0.0):
                        strongest[cause] = weight
                else:
                    scores[cause] += weight
                bucket = (self.reasons if weight > 0 else self.against).setdefault(cause, [])
                if rule.reason and rule.reason not in bucket:
                    bucket.append(rule.reason)
            if kind != "red_flag":
                if kind != "evidence":
                    self.includes[kind].add(getattr(rule, kind))
                slug = rule.slug
                self.later_notes[kind].append(
                    {
                        "rule": slug,
                        "kind": kind,
                        "answers": self.used(rule),
                        "effect": effects[slug],
                    }
                )
        for cause, weight in strongest.items():
            scores[cause] += weight

    def raise_floor(self, slug, title, urgency, reason, kind, answers=None, cause=""):
        rank = RANK[urgency]
        if rank > self.rank:
            self.urgency, self.rank = urgency, rank
        flag = {"slug": slug, "title": title, "urgency": urgency, "reason": reason}
        if cause:
            flag["cause"] = cause
        self.red_flags.append(flag)
        self.trace.append(
            {
                "rule": slug,
                "kind": kind,
                "answers": answers or {},
                "effect": f"urgency floor {urgency}",
            }
        )

    def used(self, rule: Rule) -> dict[str, Any]:
        answers = self.answers
        return {q: answers[q] for q in self.parts.rule_questions[rule.slug] if q in answers}

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
        for rule in self.signs:
            self.raise_floor(
                rule.slug,
                rule.title,
                rule.urgency,
                rule.reason,
                rule.kind,
                self.used(rule),
                rule.cause,
            )
        self.trace += self.later_notes["evidence"]

    def causes(self) -> list[dict[str, Any]]:
        flagged, scores = self.flagged, self.scores
        first_rank = RANK[SERIOUS_FIRST_URGENCY]
        # A serious cause is listed only when a warning sign (or a combination of risk answers)
        # points to it, whatever its score: never for benign answers alone.
        candidates = [
            cause
            for cause in self.ruleset.causes
            if (
                cause.slug in flagged
                if cause.is_serious
                else scores[cause.slug] >= MIN_CAUSE_SCORE
            )
        ]
        # A serious cause that sets the urgency comes first: a benign cause at the top of an
        # emergency result would falsely reassure (hazard H6).
        candidates.sort(
            key=lambda cause: (
                not (cause.is_serious and flagged[cause.slug] >= first_rank),
                -scores[cause.slug],
                cause.order,
            )
        )
        listed = candidates[:MAX_CAUSES]
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
                "reasons": self.reasons.get(cause.slug, []),
                "reasons_against": self.against.get(cause.slug, []),
                "serious": cause.is_serious,
            }
            for cause in listed
        ]

    def advice(self, causes, bodies):
        self.trace += self.later_notes["advice"]
        top_causes = {
            cause["slug"] for cause in causes[:3] if cause["likelihood"] in ADVICE_LIKELIHOODS
        }
        included, rank, answers = self.includes["advice"], self.rank, self.answers
        chosen = [
            item
            for item, low, high, for_causes, contraindications in self.parts.advice
            if low <= rank <= high
            and (item.include_by_default or item.slug in included or top_causes & for_causes)
            and not any(test(answers) for test in contraindications)
        ]
        replaced = {slug for item in chosen for slug in item.replaces}
        self.stop_running = any(item.stops_running for item in chosen)
        advice = []
        for item in chosen:
            if item.slug in replaced or (self.stop_running and item.encourages_running):
                continue
            advice.append(advice_entry(item, bodies))
        return advice

    def prevention(self):
        self.trace += self.later_notes["prevention"]
        included = self.includes["prevention"]
        if self.rank > RANK[SELF_MANAGED_MAX_URGENCY]:
            return []
        return [
            tip_entry(tip)
            for tip in self.parts.tips
            if (tip.include_by_default or tip.slug in included)
            and not (self.stop_running and tip.encourages_running)
        ]


def advice_entry(item: Advice, bodies: dict[str, str]) -> dict[str, Any]:
    """One advice item as a result shows it (`bodies`: with the phone numbers filled in)."""
    entry: dict[str, Any] = {"slug": item.slug, "title": item.title, "body": bodies[item.slug]}
    entry["kind"] = item.kind
    if item.stages:
        entry["stages"] = [dict(stage) for stage in item.stages]
    return entry


def tip_entry(tip: Tip) -> dict[str, Any]:
    return {"slug": tip.slug, "title": tip.title, "body": tip.body}


class Prepared:
    """What a triage needs that depends only on the ruleset, worked out once per version."""

    def __init__(self, ruleset: Ruleset):
        compiled = compile_ruleset(ruleset)
        self.priors = {cause.slug: cause.prior for cause in ruleset.causes}
        self.rule_questions = {
            rule.slug: tuple(dict.fromkeys(c.question for c in rule.conditions))
            for rule in ruleset.rules
        }
        self.effects = {}
        for rule in ruleset.rules:
            if rule.kind == "evidence":
                self.effects[rule.slug] = f"{rule.weight:+g} to {rule.cause}"
            elif rule.kind in ("advice", "prevention"):
                self.effects[rule.slug] = f"includes {getattr(rule, rule.kind)}"
        # Sorted once: advice and tips appear in their editors' order.
        self.advice = tuple(
            (
                item,
                RANK[item.min_urgency],
                RANK[item.effective_max_urgency],
                frozenset(item.causes),
                compiled.contraindications[item.slug],
            )
            for item in sorted(ruleset.advice, key=lambda a: (a.order, a.slug))
        )
        self.tips = tuple(sorted(ruleset.prevention, key=lambda t: (t.order, t.slug)))
        self._by_numbers: dict[tuple[str, str], dict[str, Any]] = {}
        self.ruleset = ruleset

    def for_numbers(self, emergency_number: str, non_emergency_number: str) -> dict[str, Any]:
        """The safety net and the advice bodies with these phone numbers filled in."""
        key = (emergency_number, non_emergency_number)
        found = self._by_numbers.get(key)
        if found is None:
            numbers = {"emergency_number": emergency_number, "non_emergency_number": key[1]}
            bodies = {}
            for item in self.ruleset.advice:
                body = item.body
                for name, number in numbers.items():
                    body = body.replace("{" + name + "}", number)
                bodies[item.slug] = body
            found = self._by_numbers[key] = {
                "text": safety_net(self.ruleset, *key),
                "items": safety_net_items(self.ruleset),
                "bodies": bodies,
            }
        return found


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
    fired = compile_ruleset(ruleset).fired(answers)
    return _result(ruleset, answers, fired, emergency_number, non_emergency_number)


def evaluate_reference(
    ruleset: Ruleset,
    answers: dict[str, Any],
    *,
    emergency_number: str = "999",
    non_emergency_number: str = "111",
) -> dict[str, Any]:
    """`evaluate` with every rule tried in turn: the plain reference the compiled form matches."""
    fired = reference_fired(ruleset, answers)
    return _result(ruleset, answers, fired, emergency_number, non_emergency_number)


# The keys of a result, in the order evaluate gives them (triage.engine.stored keeps it too).
RESULT_KEYS = (
    "urgency",
    "red_flags",
    "causes",
    "advice",
    "prevention",
    "safety_net",
    "safety_net_items",
    "ruleset_version",
    "disclaimer",
    "trace",
)


def _result(ruleset, answers, fired, emergency_number, non_emergency_number):
    run = _Evaluation(ruleset, answers, fired)
    prepared = run.parts.for_numbers(emergency_number, non_emergency_number)
    run.warning_signs()
    causes = run.causes()
    advice = run.advice(causes, prepared["bodies"])
    prevention = run.prevention()
    run.red_flags.sort(key=lambda flag: -RANK[flag["urgency"]])
    return {
        "urgency": run.urgency,
        "red_flags": run.red_flags,
        "causes": causes,
        "advice": advice,
        "prevention": prevention,
        "safety_net": prepared["text"],
        "safety_net_items": {key: list(items) for key, items in prepared["items"].items()},
        "ruleset_version": ruleset.version,
        "disclaimer": DISCLAIMER,
        "trace": run.trace,
    }
