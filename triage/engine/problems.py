"""Content checks: what in a snapshot the engine cannot run safely, as (code, message) pairs.

Used by the system check on the draft content and by publishing, which refuses on any.
"""

from triage.engine import contract
from triage.engine.types import (
    KINDS,
    LIST_OPERATORS,
    OPERATORS_BY_KIND,
    RULE_KINDS,
    URGENCY_ORDER,
    VALUELESS_OPERATORS,
    split_values,
)


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
