"""The triage rules engine: a compiled ruleset and a runner's answers in, a result out.

Pure Python on purpose: no ORM, no request, no settings. `triage.ruleset` turns database rows
into the snapshot dict that `Ruleset.from_snapshot` reads, and stores published snapshots.

Order of work, and why:
1. Warning-sign rules are evaluated first and independently of scoring. The urgency is the
   highest floor of any that fired; no other answer can lower it (hazard H1).
2. A warning sign left unanswered is unknown, never "no": it sets a floor of its own (H2).
3. Evidence rules add weight to causes. Serious causes are listed only when one of their
   warning-sign rules fired.
4. Advice and prevention are filtered by the urgency, so an emergency result never carries an
   exercise plan (H6), and by each item's contraindications (H7).
"""

import math
from dataclasses import dataclass, field

from triage import contract

URGENCY_ORDER = contract.URGENCIES
KINDS = ("number", "yes_no", "single", "multi")
OPERATORS_BY_KIND = {
    "number": ("eq", "ne", "gte", "lte", "in", "not_in"),
    "yes_no": ("eq", "ne"),
    "single": ("eq", "ne", "in", "not_in"),
    "multi": ("includes", "excludes", "includes_any", "empty", "not_empty"),
}
LIST_OPERATORS = ("in", "not_in", "includes_any")
VALUELESS_OPERATORS = ("empty", "not_empty")
RULE_KINDS = ("red_flag", "evidence", "advice", "prevention")
# Exercise and home-care items are never shown above this urgency, whatever the content says.
SELF_MANAGED_ADVICE = ("home_care", "return_to_running")
SELF_MANAGED_MAX_URGENCY = "soon"
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


def urgency_rank(urgency):
    return URGENCY_ORDER.index(urgency)


def max_urgency(*urgencies):
    return max(urgencies, key=urgency_rank)


class InvalidAnswers(ValueError):
    """Raised with one message per field when answers break the questionnaire's rules."""

    def __init__(self, errors):
        self.errors = dict(errors)
        super().__init__("; ".join(f"{key}: {msg}" for key, msg in self.errors.items()))


def split_values(value):
    return [part.strip() for part in str(value).split(",") if part.strip()]


@dataclass(frozen=True)
class Condition:
    question: str
    operator: str
    value: str = ""

    def holds(self, answers):
        """True when the answer meets the condition; an unanswered question never does."""
        if self.question not in answers:
            return False
        answer = answers[self.question]
        op = self.operator
        if op == "empty":
            return len(answer) == 0
        if op == "not_empty":
            return len(answer) > 0
        if op in ("gte", "lte"):
            number = float(self.value)
            return answer >= number if op == "gte" else answer <= number
        if op in ("includes", "excludes"):
            present = self.value in answer
            return present if op == "includes" else not present
        if op == "includes_any":
            return any(value in answer for value in split_values(self.value))
        if op in ("in", "not_in"):
            values = split_values(self.value)
            inside = str(answer) in values
            return inside if op == "in" else not inside
        if op in ("eq", "ne"):
            equal = str(answer) == self.value
            return equal if op == "eq" else not equal
        raise ValueError(f"unknown operator {op!r}")


@dataclass(frozen=True)
class Question:
    slug: str
    kind: str
    section: str
    text: str
    required: bool = False
    choices: tuple = ()
    min_value: int | None = None
    max_value: int | None = None
    shown_when: Condition | None = None
    order: int = 0
    help_text: str = ""
    # ((choice slug, label), ...) in order, for pages that render the questionnaire
    labels: tuple = ()

    def label_for(self, choice):
        return dict(self.labels).get(choice, choice)


@dataclass(frozen=True)
class Cause:
    slug: str
    name: str
    is_serious: bool = False
    prior: float = 0.0
    urgency_if_likely: str = ""
    order: int = 0


@dataclass(frozen=True)
class Rule:
    slug: str
    kind: str
    title: str
    conditions: tuple
    match: str = "all"
    reason: str = ""
    urgency: str = ""
    cause: str = ""
    weight: float = 0.0
    advice: str = ""
    prevention: str = ""

    def fires(self, answers):
        tests = (condition.holds(answers) for condition in self.conditions)
        return any(tests) if self.match == "any" else all(tests)


@dataclass(frozen=True)
class Advice:
    slug: str
    title: str
    body: str
    kind: str
    min_urgency: str = "self_care"
    max_urgency: str = "soon"
    include_by_default: bool = False
    causes: tuple = ()
    replaces: tuple = ()
    contraindications: tuple = ()
    stages: tuple = ()
    order: int = 0

    @property
    def effective_max_urgency(self):
        if self.kind in SELF_MANAGED_ADVICE:
            return min(self.max_urgency, SELF_MANAGED_MAX_URGENCY, key=urgency_rank)
        return self.max_urgency


@dataclass(frozen=True)
class Tip:
    slug: str
    title: str
    body: str
    include_by_default: bool = False
    order: int = 0


def _condition(data):
    return Condition(data["question"], data["operator"], str(data.get("value", "")))


@dataclass(frozen=True)
class Ruleset:
    version: int | None
    questions: tuple
    causes: tuple
    rules: tuple
    advice: tuple = ()
    prevention: tuple = ()
    questions_by_slug: dict = field(default_factory=dict, compare=False, repr=False)
    causes_by_slug: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        self.questions_by_slug.update({q.slug: q for q in self.questions})
        self.causes_by_slug.update({c.slug: c for c in self.causes})

    @classmethod
    def from_snapshot(cls, snapshot, version=None):
        questions = tuple(
            Question(
                slug=q["slug"],
                kind=q["kind"],
                section=q["section"],
                text=q.get("text", q["slug"]),
                required=q.get("required", False),
                choices=tuple(q.get("choices", ())),
                min_value=q.get("min_value"),
                max_value=q.get("max_value"),
                shown_when=_condition(q["shown_when"]) if q.get("shown_when") else None,
                order=q.get("order", 0),
                help_text=q.get("help_text", ""),
                labels=tuple(
                    (slug, q.get("choice_labels", {}).get(slug, slug))
                    for slug in q.get("choices", ())
                ),
            )
            for q in snapshot["questions"]
        )
        causes = tuple(
            Cause(
                slug=c["slug"],
                name=c["name"],
                is_serious=c.get("is_serious", False),
                prior=c.get("prior", 0.0),
                urgency_if_likely=c.get("urgency_if_likely", ""),
                order=c.get("order", 0),
            )
            for c in snapshot["causes"]
        )
        rules = tuple(
            Rule(
                slug=r["slug"],
                kind=r["kind"],
                title=r["title"],
                conditions=tuple(_condition(c) for c in r["conditions"]),
                match=r.get("match", "all"),
                reason=r.get("reason", ""),
                urgency=r.get("urgency", ""),
                cause=r.get("cause", ""),
                weight=float(r.get("weight", 0.0)),
                advice=r.get("advice", ""),
                prevention=r.get("prevention", ""),
            )
            for r in snapshot["rules"]
        )
        advice = tuple(
            Advice(
                slug=a["slug"],
                title=a["title"],
                body=a["body"],
                kind=a["kind"],
                min_urgency=a.get("min_urgency", "self_care"),
                max_urgency=a.get("max_urgency", "soon"),
                include_by_default=a.get("include_by_default", False),
                causes=tuple(a.get("causes", ())),
                replaces=tuple(a.get("replaces", ())),
                contraindications=tuple(_condition(c) for c in a.get("contraindications", ())),
                stages=tuple(dict(s) for s in a.get("stages", ())),
                order=a.get("order", 0),
            )
            for a in snapshot.get("advice", ())
        )
        prevention = tuple(
            Tip(
                t["slug"],
                t["title"],
                t["body"],
                t.get("include_by_default", False),
                t.get("order", 0),
            )
            for t in snapshot.get("prevention", ())
        )
        return cls(version, questions, causes, rules, advice, prevention)

    @property
    def warning_signs(self):
        return tuple(q for q in self.questions if q.section == "warning_signs")


# --- Validation -------------------------------------------------------------------------------


def _clean_value(question, value):
    """Return the normalised answer, or raise ValueError with a message a person can act on."""
    if question.kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError("Enter a whole number.")
        if isinstance(value, float):
            if not math.isfinite(value) or not value.is_integer():
                raise ValueError("Enter a whole number.")
            value = int(value)
        low, high = question.min_value, question.max_value
        if (low is not None and value < low) or (high is not None and value > high):
            raise ValueError(f"Enter a number from {low} to {high}.")
        return value
    if question.kind == "yes_no":
        if value not in ("yes", "no"):
            raise ValueError('Answer "yes" or "no".')
        return value
    if question.kind == "single":
        if not isinstance(value, str) or value not in question.choices:
            raise ValueError(f"Choose one of: {', '.join(question.choices)}.")
        return value
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"Give a list of choices from: {', '.join(question.choices)}.")
    unknown = [v for v in value if v not in question.choices]
    if unknown:
        raise ValueError(
            f"Unknown choice {unknown[0]!r}; choose from: {', '.join(question.choices)}."
        )
    if len(set(value)) != len(value):
        raise ValueError("Give each choice only once.")
    return [choice for choice in question.choices if choice in value]


def is_shown(question, answers):
    return question.shown_when is None or question.shown_when.holds(answers)


def validate_answers(ruleset, answers):
    """Check raw answers against the questionnaire; return the clean answers.

    Answers to questions hidden by their condition are dropped. Raises InvalidAnswers with one
    message per field; nothing is partially accepted.
    """
    if not isinstance(answers, dict):
        raise InvalidAnswers({"answers": "Send the answers as an object of question: answer."})
    errors = {}
    clean = {}
    for key in answers:
        if key not in ruleset.questions_by_slug:
            errors[str(key)[:80]] = "Unknown question."
    for question in ruleset.questions:
        if question.slug in answers:
            try:
                clean[question.slug] = _clean_value(question, answers[question.slug])
            except ValueError as exc:
                errors[question.slug] = str(exc)
    # Visibility is decided on the clean answers, in questionnaire order, so that a condition
    # on a hidden question hides its dependants too.
    visible = {}
    for question in sorted(ruleset.questions, key=lambda q: q.order):
        if not is_shown(question, visible):
            continue
        if question.slug in clean:
            visible[question.slug] = clean[question.slug]
        elif question.required and question.slug not in errors:
            if question.kind == "multi":
                errors[question.slug] = "This question is required: choose at least one."
            else:
                errors[question.slug] = "This question is required."
        if question.kind == "multi" and question.required and visible.get(question.slug) == []:
            errors[question.slug] = "Choose at least one."
    if errors:
        raise InvalidAnswers(errors)
    return visible


# --- Evaluation -------------------------------------------------------------------------------


def _likelihood(score):
    if score >= HIGH_SCORE:
        return "high"
    if score >= MODERATE_SCORE:
        return "moderate"
    return "low"


def _answers_used(rule, answers):
    return {c.question: answers[c.question] for c in rule.conditions if c.question in answers}


def safety_net(ruleset, emergency_number, non_emergency_number):
    """What would make it an emergency, built from the emergency warning-sign rules.

    Rules that combine answers (a cancer history and a weak leg) are summed up in one closing
    sentence, so the list stays short enough to read on a phone.
    """
    signs = []
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

    def __init__(self, ruleset, answers):
        self.ruleset = ruleset
        self.answers = answers
        self.urgency = "self_care"
        self.red_flags = []
        self.trace = []
        self.fired = [rule for rule in ruleset.rules if rule.fires(answers)]

    def raise_floor(self, slug, title, urgency, reason, kind, answers=None):
        self.urgency = max_urgency(self.urgency, urgency)
        self.red_flags.append({"slug": slug, "title": title, "urgency": urgency, "reason": reason})
        self.note(slug, kind, f"urgency floor {urgency}", answers)

    def note(self, slug, kind, effect, answers=None):
        self.trace.append({"rule": slug, "kind": kind, "answers": answers or {}, "effect": effect})

    def warning_signs(self):
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

    def causes(self):
        ruleset = self.ruleset
        flagged = {r.cause for r in self.fired if r.kind == "red_flag" and r.cause}
        scores = {cause.slug: cause.prior for cause in ruleset.causes}
        reasons = {cause.slug: [] for cause in ruleset.causes}
        against = {cause.slug: [] for cause in ruleset.causes}
        for rule in self.fired:
            if rule.cause and rule.weight:
                scores[rule.cause] += rule.weight
                bucket = (reasons if rule.weight > 0 else against)[rule.cause]
                if rule.reason and rule.reason not in bucket:
                    bucket.append(rule.reason)
            if rule.kind == "evidence":
                used = _answers_used(rule, self.answers)
                self.note(rule.slug, rule.kind, f"{rule.weight:+g} to {rule.cause}", used)
        listed = sorted(
            (
                cause
                for cause in ruleset.causes
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

    def included(self, kind, attribute):
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


def evaluate(ruleset, answers, *, emergency_number="999", non_emergency_number="111"):
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


# --- Content problems -------------------------------------------------------------------------


def _condition_problems(where, condition, questions):
    question = questions.get(condition["question"])
    if question is None:
        return [
            (
                "triage.E001",
                f"{where} names a question that does not exist: {condition['question']!r}.",
            )
        ]
    operator, value = condition["operator"], str(condition.get("value", ""))
    if operator not in OPERATORS_BY_KIND[question["kind"]]:
        return [
            (
                "triage.E003",
                f"{where}: the operator {operator!r} does not fit the "
                f"{question['kind']} question {question['slug']!r}.",
            )
        ]
    if operator in VALUELESS_OPERATORS:
        return []
    values = split_values(value) if operator in LIST_OPERATORS else [value]
    if not values or values == [""]:
        return [("triage.E002", f"{where}: the condition on {question['slug']!r} has no value.")]
    found = []
    for item in values:
        if question["kind"] == "number":
            try:
                float(item)
            except ValueError:
                found.append(("triage.E002", f"{where}: {item!r} is not a number."))
        elif item not in question.get("choices", ()):
            found.append(
                (
                    "triage.E002",
                    f"{where} names a choice that does not exist: {question['slug']}={item!r}.",
                )
            )
    return found


def _rule_problems(rule, causes, advice, tips):
    where = f"Rule {rule['slug']!r}"
    kind = rule.get("kind")
    found = []
    if not rule.get("conditions"):
        found.append(("triage.E005", f"{where} has no conditions."))
    if kind not in RULE_KINDS:
        found.append(("triage.E006", f"{where} has an unknown kind {kind!r}."))
    if kind == "red_flag" and rule.get("urgency") not in URGENCY_ORDER:
        found.append(("triage.E006", f"{where} is a warning sign without an urgency."))
    if kind == "evidence" and not rule.get("cause"):
        found.append(("triage.E006", f"{where} is an evidence rule without a cause."))
    if rule.get("cause") and rule["cause"] not in causes:
        found.append(("triage.E001", f"{where} names a cause that does not exist."))
    if kind == "advice" and rule.get("advice") not in advice:
        found.append(("triage.E001", f"{where} names advice that does not exist."))
    if kind == "prevention" and rule.get("prevention") not in tips:
        found.append(("triage.E001", f"{where} names a prevention tip that does not exist."))
    return found


def _warning_sign_problems(questions, rules):
    guarded = {
        c["question"]
        for r in rules
        if r.get("kind") == "red_flag"
        for c in r.get("conditions", ())
    }
    found = []
    for question in questions.values():
        if question["section"] != "warning_signs":
            continue
        if not question.get("required"):
            found.append(
                (
                    "triage.E007",
                    f"Warning sign {question['slug']!r} must be required: "
                    "an unanswered warning sign is never read as no.",
                )
            )
        if question["slug"] not in guarded:
            found.append(
                ("triage.E007", f"Warning sign {question['slug']!r} has no warning-sign rule.")
            )
    return found


def problems(snapshot):
    """Return (code, message) pairs for content the engine cannot run safely.

    Used by the system check on the draft content and by publishing, which refuses on any.
    """
    questions = {q["slug"]: q for q in snapshot.get("questions", ())}
    causes = {c["slug"] for c in snapshot.get("causes", ())}
    advice = {a["slug"] for a in snapshot.get("advice", ())}
    tips = {t["slug"] for t in snapshot.get("prevention", ())}
    rules = snapshot.get("rules", ())
    found = []
    for question in questions.values():
        if question["kind"] not in KINDS:
            found.append(("triage.E004", f"Question {question['slug']!r} has an unknown kind."))
        elif question.get("shown_when"):
            where = f"The condition of question {question['slug']!r}"
            found += _condition_problems(where, question["shown_when"], questions)
    for rule in rules:
        found += _rule_problems(rule, causes, advice, tips)
        for condition in rule.get("conditions", ()):
            found += _condition_problems(f"Rule {rule['slug']!r}", condition, questions)
    for item in snapshot.get("advice", ()):
        for condition in item.get("contraindications", ()):
            found += _condition_problems(f"Advice {item['slug']!r}", condition, questions)
    found += _warning_sign_problems(questions, rules)
    found += _contract_problems(questions, causes)
    return found


def _contract_problems(questions, causes):
    found = []
    for slug, (kind, choices, bounds, required) in contract.QUESTIONS.items():
        question = questions.get(slug)
        if question is None:
            found.append(("triage.E008", f"The contract question {slug!r} is missing."))
            continue
        if question["kind"] != kind:
            found.append(
                ("triage.E008", f"The contract question {slug!r} must be of kind {kind}.")
            )
        missing = [c for c in choices if c not in question.get("choices", ())]
        if missing:
            found.append(
                (
                    "triage.E008",
                    f"The contract question {slug!r} lacks the choices {', '.join(missing)}.",
                )
            )
        if bounds and (question.get("min_value"), question.get("max_value")) != bounds:
            found.append(
                (
                    "triage.E008",
                    f"The contract question {slug!r} must range from {bounds[0]} to {bounds[1]}.",
                )
            )
        if bool(question.get("required")) != required:
            found.append(
                (
                    "triage.E008",
                    f"The contract question {slug!r} must "
                    f"{'' if required else 'not '}be required.",
                )
            )
    for slug in contract.RUNNER_CAUSES + contract.SERIOUS_CAUSES:
        if slug not in causes:
            found.append(("triage.E008", f"The contract cause {slug!r} is missing."))
    return found
