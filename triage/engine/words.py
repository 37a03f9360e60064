"""Content in plain words for editors: urgencies, questions and conditions as sentences.

Pure, like the rest of the engine: a snapshot's questions in, sentences out. The admin, the
safety diff and the test case pages all word a condition through `condition_sentence`, so an
editor reads the same sentence everywhere ("Leg weakness is: Yes, but it is not getting worse").
"""

from __future__ import annotations

from typing import Any

from triage.engine.types import LIST_OPERATORS, split_values

# The same levels as triage.models.Urgency, in the few words a one-line change needs.
URGENCY_WORDS = {
    "emergency": "emergency",
    "urgent": "see a doctor today",
    "soon": "book soon",
    "self_care": "self-care",
    "": "no urgency",
}
OPERATOR_WORDS = {
    "eq": "is",
    "ne": "is not",
    "in": "is one of",
    "not_in": "is none of",
    "gte": "is at least",
    "lte": "is at most",
    "includes": "includes",
    "excludes": "does not include",
    "includes_any": "includes any of",
    "empty": "is empty",
    "not_empty": "is not empty",
}


def urgency_words(urgency: str) -> str:
    return URGENCY_WORDS.get(urgency, urgency)


def question_name(slug: str) -> str:
    """A question's short name, from its slug: leg_weakness -> Leg weakness."""
    return slug.replace("_", " ").strip().capitalize()


def _labels(questions: dict[str, Any], question: str) -> dict[str, str]:
    found = questions.get(question)
    if found is None:
        return {}
    if isinstance(found, dict):
        labels = dict(found.get("choice_labels") or {})
        kind = found.get("kind")
    else:
        labels, kind = dict(found.choice_labels), found.kind
    if kind == "yes_no":
        labels = {"yes": "Yes", "no": "No", **labels}
    return labels


def value_words(questions: dict[str, Any], question: str, value: str) -> list[str]:
    """Each value of a condition as the runner's answer label (a choice slug's label)."""
    labels = _labels(questions, question)
    return [labels.get(part, part) for part in split_values(value)]


def condition_sentence(condition: Any, questions: dict[str, Any] | None = None) -> str:
    """One condition as a sentence; `questions` maps slugs to snapshot or engine questions."""
    if isinstance(condition, dict):
        question, operator = condition.get("question", ""), condition.get("operator", "")
        value = str(condition.get("value", ""))
    else:
        question, operator, value = condition.question, condition.operator, condition.value
    words = OPERATOR_WORDS.get(operator, operator)
    name = question_name(question)
    if operator in ("empty", "not_empty"):
        return f"{name} {words}"
    values = value_words(questions or {}, question, value)
    if operator in LIST_OPERATORS:
        shown = " or ".join(f"“{v}”" for v in values)
    else:
        shown = f"“{', '.join(values)}”" if values else "“”"
    return f"{name} {words}: {shown}"


def questions_of(snapshot: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {question["slug"]: question for question in snapshot.get("questions", ())}
