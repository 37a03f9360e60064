"""What changed between two compiled rulesets (snapshots): items added, removed and changed.

Pure: two snapshot dicts in, a list of SectionDiff out. No database, no request.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from triage.models import Operator

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

    @property
    def is_empty(self):
        return not (self.added or self.removed or self.changed)


def _condition_text(condition):
    operator = condition.get("operator", "")
    words = Operator(operator).label if operator in Operator.values else operator
    return f"{condition.get('question', '')} {words} {condition.get('value', '')}".strip()


def _items(value):
    """The value of a list-like field as readable strings, or None for a plain value."""
    if isinstance(value, dict):
        return [f"{key}: {item}" for key, item in value.items()]
    if isinstance(value, list):
        items = []
        for item in value:
            if isinstance(item, dict) and "operator" in item:
                items.append(_condition_text(item))
            elif isinstance(item, dict):
                items.append(", ".join(f"{key}: {part}" for key, part in item.items()))
            else:
                items.append(str(item))
        return items
    return None


def _text(value):
    items = _items(value)
    if items is not None:
        return "; ".join(items)
    if isinstance(value, dict) and "operator" in value:
        return _condition_text(value)
    if value is None:
        return ""
    return str(value)


def _field_change(name, old, new):
    old_items, new_items = _items(old), _items(new)
    if old_items is not None and new_items is not None:
        added = tuple(item for item in new_items if item not in old_items)
        removed = tuple(item for item in old_items if item not in new_items)
        if added or removed:
            return FieldChange(name, _text(old), _text(new), added, removed)
    # A reordered list, or a plain value.
    return FieldChange(name, _text(old), _text(new))


def _item_change(slug, title, old, new):
    names = list(old) + [name for name in new if name not in old]
    fields = tuple(
        _field_change(name, old.get(name), new.get(name))
        for name in names
        if old.get(name) != new.get(name)
    )
    return ItemChange(slug, title, fields) if fields else None


def snapshot_diff(old, new):
    """Compare two snapshots; return one SectionDiff per kind of content, in SECTIONS order."""
    sections = []
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
            and (change := _item_change(slug, item.get(title_field, slug), before[slug], item))
        )
        sections.append(SectionDiff(key, label, added, removed, changed))
    return sections
