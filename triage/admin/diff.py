"""What changed between two compiled rulesets (snapshots): items added, removed and changed.

Pure: two snapshot dicts in, a list of SectionDiff out. No database, no request.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from triage.engine.words import condition_sentence, questions_of
from triage.models import AdviceKind, Match, RuleKind, Urgency

# What an editor calls each snapshot field (snapshot keys are the engine's).
FIELD_NAMES = {
    "urgency": _("urgency floor"),
    "max_urgency": _("highest urgency it is given at"),
    "min_urgency": _("lowest urgency it is given at"),
    "urgency_if_likely": _("urgency when likely"),
    "match": _("fires when"),
    "shown_when": _("shown only when"),
    "include_by_default": _("given by default"),
    "contraindications": _("not given when"),
}
URGENCY_FIELDS = ("urgency", "max_urgency", "min_urgency", "urgency_if_likely")

# (snapshot key, label, the field that names an item to a person)
SECTIONS = (
    ("rules", _("Rules"), "title"),
    ("questions", _("Questions"), "text"),
    ("causes", _("Causes"), "name"),
    ("advice", _("Advice"), "title"),
    ("prevention", _("Prevention tips"), "title"),
)


@dataclass(frozen=True)
class FieldChange:
    name: str
    old: str
    new: str
    # For fields that hold a list (conditions, choices, causes...): the items added and removed.
    added: tuple = ()
    removed: tuple = ()

    @property
    def is_list(self):
        return bool(self.added or self.removed)


@dataclass(frozen=True)
class ItemChange:
    slug: str
    title: str
    fields: tuple


@dataclass(frozen=True)
class SectionDiff:
    key: str
    label: str
    added: tuple  # ((slug, title), ...)
    removed: tuple
    changed: tuple  # (ItemChange, ...)
    # {slug: what an added or changed item does, in words} (rules: conditions and effect)
    details: dict = None

    @property
    def is_empty(self):
        return not (self.added or self.removed or self.changed)

    @property
    def added_rows(self):
        """((slug, title, what it does), ...) for the template."""
        return tuple(
            (slug, title, (self.details or {}).get(slug, "")) for slug, title in self.added
        )

    @property
    def changed_rows(self):
        """((ItemChange, what it does now), ...) for the template."""
        return tuple((item, (self.details or {}).get(item.slug, "")) for item in self.changed)


class _Words:
    """Snapshot values in an editor's words: answer labels, urgency and cause names."""

    def __init__(self, old, new):
        self.questions = {**questions_of(old), **questions_of(new)}
        self.names = {}
        for snapshot in (old, new):
            for key, field in (("causes", "name"), ("advice", "title"), ("prevention", "title")):
                for item in snapshot.get(key, ()):
                    self.names[(key, item["slug"])] = item.get(field, item["slug"])

    def field(self, name):
        return str(FIELD_NAMES.get(name, name.replace("_", " ")))

    def value(self, name, value):
        if name in URGENCY_FIELDS and value in Urgency.values:
            return str(Urgency(value).label)
        if name == "match" and value in Match.values:
            return str(Match(value).label)
        if name == "kind" and value in RuleKind.values:
            return str(RuleKind(value).label)
        if name == "kind" and value in AdviceKind.values:
            return str(AdviceKind(value).label)
        if name == "cause" and value:
            return self.names.get(("causes", value), value)
        if name in ("advice", "prevention") and value:
            return self.names.get((name, value), value)
        if name in ("causes", "replaces") and isinstance(value, list):
            key = "causes" if name == "causes" else "advice"
            return [self.names.get((key, slug), slug) for slug in value]
        return value

    def condition(self, condition):
        return condition_sentence(condition, self.questions)

    def rule(self, rule):
        from triage.admin.pages import rule_sentence

        return rule_sentence(
            kind=rule.get("kind", ""),
            match=rule.get("match", "all"),
            conditions=rule.get("conditions", ()),
            urgency=rule.get("urgency", ""),
            cause=self.value("cause", rule.get("cause", "")),
            weight=rule.get("weight", 0),
            item=self.value("advice", rule.get("advice", ""))
            or self.value("prevention", rule.get("prevention", "")),
            questions=self.questions,
        )


def _items(value, words):
    """The value of a list-like field as readable strings, or None for a plain value."""
    if isinstance(value, dict):
        return [f"{key}: {item}" for key, item in value.items()]
    if isinstance(value, list):
        items = []
        for item in value:
            if isinstance(item, dict) and "operator" in item:
                items.append(words.condition(item))
            elif isinstance(item, dict):
                items.append(", ".join(f"{key}: {part}" for key, part in item.items()))
            else:
                items.append(str(item))
        return items
    return None


def _text(value, words):
    items = _items(value, words)
    if items is not None:
        return "; ".join(items)
    if isinstance(value, dict) and "operator" in value:
        return words.condition(value)
    if value is None:
        return ""
    return str(value)


def _field_change(name, old, new, words):
    old, new = words.value(name, old), words.value(name, new)
    label = words.field(name)
    if isinstance(old, dict) and "operator" in old:
        old = [old]
    if isinstance(new, dict) and "operator" in new:
        new = [new]
    old_items, new_items = _items(old, words), _items(new, words)
    if old_items is not None and new_items is not None:
        added = tuple(item for item in new_items if item not in old_items)
        removed = tuple(item for item in old_items if item not in new_items)
        if added or removed:
            return FieldChange(label, _text(old, words), _text(new, words), added, removed)
    # A reordered list, or a plain value.
    return FieldChange(label, _text(old, words), _text(new, words))


def _item_change(slug, title, old, new, words):
    names = list(old) + [name for name in new if name not in old]
    fields = tuple(
        _field_change(name, old.get(name), new.get(name), words)
        for name in names
        if old.get(name) != new.get(name)
    )
    return ItemChange(slug, title, fields) if fields else None


def snapshot_diff(old, new):
    """Compare two snapshots; return one SectionDiff per kind of content, in SECTIONS order."""
    sections = []
    words = _Words(old, new)
    for key, label, title_field in SECTIONS:
        before = {item["slug"]: item for item in old.get(key, ())}
        after = {item["slug"]: item for item in new.get(key, ())}
        added = tuple(
            (slug, item.get(title_field, slug))
            for slug, item in after.items()
            if slug not in before
        )
        removed = tuple(
            (slug, item.get(title_field, slug))
            for slug, item in before.items()
            if slug not in after
        )
        changed = tuple(
            change
            for slug, item in after.items()
            if slug in before
            and (
                change := _item_change(
                    slug, item.get(title_field, slug), before[slug], item, words
                )
            )
        )
        details = {}
        if key == "rules":
            shown = [slug for slug, _title in added] + [change.slug for change in changed]
            details = {slug: words.rule(after[slug]) for slug in shown}
        sections.append(SectionDiff(key, label, added, removed, changed, details))
    return sections
