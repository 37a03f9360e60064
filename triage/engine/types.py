"""The compiled ruleset's types: one definition of what a snapshot holds.

A snapshot is the JSON a published ruleset version stores. Each dataclass here is one kind of
item in it, and its fields are the snapshot's keys: `from_dict` reads a snapshot item and
`to_dict` writes one, both from `dataclasses.fields`, so a new field is written here once.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, ClassVar

from triage.engine import contract

URGENCY_ORDER: tuple[str, ...] = contract.URGENCIES
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


def urgency_rank(urgency: str) -> int:
    return URGENCY_ORDER.index(urgency)


def max_urgency(*urgencies: str) -> str:
    return max(urgencies, key=urgency_rank)


def split_values(value: object) -> list[str]:
    return [part.strip() for part in str(value).split(",") if part.strip()]


_TESTS = {
    "empty": lambda answer, value: len(answer) == 0,
    "not_empty": lambda answer, value: len(answer) > 0,
    "gte": lambda answer, value: answer >= float(value),
    "lte": lambda answer, value: answer <= float(value),
    "includes": lambda answer, value: value in answer,
    "excludes": lambda answer, value: value not in answer,
    "includes_any": lambda answer, value: any(v in answer for v in split_values(value)),
    "in": lambda answer, value: str(answer) in split_values(value),
    "not_in": lambda answer, value: str(answer) not in split_values(value),
    "eq": lambda answer, value: str(answer) == value,
    "ne": lambda answer, value: str(answer) != value,
}


class Item:
    """Reading and writing snapshot items from the dataclass fields.

    A field's metadata may name `item` (a nested Item class, or a tuple of them with `many`).
    Tuples are stored as lists and dicts as they are; a key missing from the snapshot takes the
    field's default, so older snapshots still load.
    """

    _derived: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        values: dict[str, Any] = {}
        for spec in dataclasses.fields(cls):  # type: ignore[arg-type]
            if spec.name in cls._derived or spec.name not in data:
                continue
            raw = data[spec.name]
            nested = spec.metadata.get("item")
            if nested is not None and spec.metadata.get("many"):
                values[spec.name] = tuple(nested.from_dict(entry) for entry in raw)
            elif nested is not None:
                values[spec.name] = nested.from_dict(raw) if raw else None
            elif isinstance(raw, list):
                values[spec.name] = tuple(dict(v) if isinstance(v, dict) else v for v in raw)
            else:
                values[spec.name] = raw
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for spec in dataclasses.fields(self):  # type: ignore[arg-type]
            if spec.name in self._derived:
                continue
            value = getattr(self, spec.name)
            if spec.metadata.get("many"):
                data[spec.name] = [entry.to_dict() for entry in value]
            elif spec.metadata.get("item"):
                data[spec.name] = value.to_dict() if value is not None else None
            elif isinstance(value, tuple):
                data[spec.name] = [dict(v) if isinstance(v, dict) else v for v in value]
            else:
                data[spec.name] = value
        return data

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        return tuple(
            spec.name
            for spec in dataclasses.fields(cls)  # type: ignore[arg-type]
            if spec.name not in cls._derived
        )


def nested(item: type, *, many: bool = False, default: Any = None) -> Any:
    if many:
        return field(default=(), metadata={"item": item, "many": True})
    return field(default=default, metadata={"item": item})


@dataclass(frozen=True)
class Condition(Item):
    question: str
    operator: str
    value: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Condition:
        return cls(data["question"], data["operator"], str(data.get("value", "")))

    def holds(self, answers: dict[str, Any]) -> bool:
        """True when the answer meets the condition; an unanswered question never does."""
        if self.question not in answers:
            return False
        return _TESTS[self.operator](answers[self.question], self.value)


@dataclass(frozen=True)
class Question(Item):
    slug: str
    kind: str
    section: str
    text: str = ""
    help_text: str = ""
    required: bool = False
    order: int = 0
    choices: tuple[str, ...] = ()
    # {choice slug: label}, for pages that render the questionnaire
    choice_labels: dict[str, str] = field(default_factory=dict, compare=False)
    min_value: int | None = None
    max_value: int | None = None
    shown_when: Condition | None = nested(Condition)

    @property
    def labels(self) -> tuple[tuple[str, str], ...]:
        """((choice slug, label), ...) in the question's order."""
        return tuple((slug, self.choice_labels.get(slug, slug)) for slug in self.choices)

    def label_for(self, choice: str) -> str:
        return self.choice_labels.get(choice, choice)


@dataclass(frozen=True)
class Cause(Item):
    slug: str
    name: str
    is_serious: bool = False
    prior: float = 0.0
    urgency_if_likely: str = ""
    order: int = 0


@dataclass(frozen=True)
class Rule(Item):
    slug: str
    kind: str
    title: str
    conditions: tuple[Condition, ...] = nested(Condition, many=True)
    match: str = "all"
    reason: str = ""
    urgency: str = ""
    cause: str = ""
    weight: float = 0.0
    advice: str = ""
    prevention: str = ""

    def fires(self, answers: dict[str, Any]) -> bool:
        tests = (condition.holds(answers) for condition in self.conditions)
        return any(tests) if self.match == "any" else all(tests)


@dataclass(frozen=True)
class Advice(Item):
    slug: str
    title: str
    body: str
    kind: str
    min_urgency: str = "self_care"
    max_urgency: str = "soon"
    include_by_default: bool = False
    causes: tuple[str, ...] = ()
    replaces: tuple[str, ...] = ()
    contraindications: tuple[Condition, ...] = nested(Condition, many=True)
    stages: tuple[dict[str, Any], ...] = ()
    # Advice that tells the runner to stop running (a possible bone stress injury) leaves out
    # every item that encourages running through pain.
    stops_running: bool = False
    encourages_running: bool = False
    order: int = 0

    @property
    def effective_max_urgency(self) -> str:
        if self.kind in SELF_MANAGED_ADVICE:
            return min(self.max_urgency, SELF_MANAGED_MAX_URGENCY, key=urgency_rank)
        return self.max_urgency


@dataclass(frozen=True)
class Tip(Item):
    slug: str
    title: str
    body: str
    include_by_default: bool = False
    encourages_running: bool = False
    order: int = 0


@dataclass(frozen=True)
class Ruleset(Item):
    """Everything the engine needs, as published in one version."""

    _derived: ClassVar[tuple[str, ...]] = (
        "version",
        "questions_by_slug",
        "causes_by_slug",
        "questions_in_order",
        "compiled",
    )

    version: int | None = None
    questions: tuple[Question, ...] = nested(Question, many=True)
    causes: tuple[Cause, ...] = nested(Cause, many=True)
    rules: tuple[Rule, ...] = nested(Rule, many=True)
    advice: tuple[Advice, ...] = nested(Advice, many=True)
    prevention: tuple[Tip, ...] = nested(Tip, many=True)
    questions_by_slug: dict[str, Question] = field(default_factory=dict, compare=False, repr=False)
    causes_by_slug: dict[str, Cause] = field(default_factory=dict, compare=False, repr=False)
    questions_in_order: tuple[Question, ...] = field(default=(), compare=False, repr=False)
    # The compiled form (triage.engine.compiled), made on first use and kept with the ruleset.
    compiled: Any = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.questions_by_slug.update({q.slug: q for q in self.questions})
        self.causes_by_slug.update({c.slug: c for c in self.causes})
        ordered = tuple(sorted(self.questions, key=lambda q: q.order))
        object.__setattr__(self, "questions_in_order", ordered)

    @classmethod
    def from_snapshot(cls, snapshot: dict[str, Any], version: int | None = None) -> Ruleset:
        return dataclasses.replace(cls.from_dict(snapshot), version=version)

    def to_snapshot(self) -> dict[str, Any]:
        return self.to_dict()

    @property
    def warning_signs(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.section == "warning_signs")
