"""What the content files may hold: the keys the loader (triage.defaults) reads, and the check
that refuses any other, naming the file, the item and the key.
"""


class ContentError(ValueError):
    """A content file that cannot be loaded as written, e.g. a misspelt key."""


# The model fields each file sets, beside the slug that names a row. A file may hold these, the
# loader's own keys below, and nothing else: a model field the loader does not set is refused
# too, since loading would ignore it.
QUESTION_FIELDS = (
    "section",
    "kind",
    "text",
    "help_text",
    "required",
    "min_value",
    "max_value",
    "order",
)
CAUSE_FIELDS = (
    "name",
    "summary",
    "description",
    "self_care",
    "when_to_see_doctor",
    "is_serious",
    "prior",
    "urgency_if_likely",
    "sources",
    "order",
)
TREATMENT_FIELDS = (
    "name",
    "description",
    "pros",
    "cons",
    "evidence",
    "guideline_note",
    "source",
    "order",
)
ADVICE_FIELDS = (
    "title",
    "body",
    "kind",
    "min_urgency",
    "max_urgency",
    "include_by_default",
    "stops_running",
    "encourages_running",
    "source",
    "last_reviewed",
    "next_review_due",
    "order",
)
TIP_FIELDS = (
    "title",
    "body",
    "evidence",
    "include_by_default",
    "encourages_running",
    "source",
    "last_reviewed",
    "next_review_due",
    "order",
)
RULE_FIELDS = (
    "kind",
    "title",
    "description",
    "reason",
    "match",
    "urgency",
    "cause",
    "weight",
    "advice",
    "prevention",
    "source",
    "order",
)


def _keys(fields, *extras):
    return {"slug", *fields, *extras}


CONDITION_KEYS = {"question", "operator", "value"}
CASE_KEYS = {"name", "note", "source", "answers", "expected_urgency", "expected_causes"}
CORPUS_KEYS = {
    "corpus",
    "group",
    "holdout",
    "also_possible",
    "questionnaire_can_see",
    "unseen_because",
}
# {file: (the item's name in messages, the key that names an item, allowed keys, nested lists)}
# Nested lists are {key: (the entry's name in messages, allowed keys)}.
KNOWN_KEYS = {
    "questions": (
        "question",
        "slug",
        _keys(QUESTION_FIELDS, "choices", "shown_when"),
        {"choices": ("choice", {"slug", "label"}), "shown_when": ("shown_when", CONDITION_KEYS)},
    ),
    "causes": ("cause", "slug", _keys(CAUSE_FIELDS), {}),
    "treatments": ("treatment", "slug", _keys(TREATMENT_FIELDS, "causes"), {}),
    "advice": (
        "advice",
        "slug",
        _keys(ADVICE_FIELDS, "causes", "replaces", "contraindications", "stages"),
        {
            "contraindications": ("contraindication", CONDITION_KEYS),
            "stages": ("stage", {"title", "activity", "progress_when"}),
        },
    ),
    "prevention": ("prevention tip", "slug", _keys(TIP_FIELDS), {}),
    "rules": (
        "rule",
        "slug",
        _keys(RULE_FIELDS, "conditions"),
        {"conditions": ("condition", CONDITION_KEYS)},
    ),
    # The corpus's own keys (triage/content/cases/README.md): read by its tests, not stored.
    "cases": ("case", "name", CASE_KEYS | CORPUS_KEYS, {}),
}


def _refuse_unknown(keys, allowed, where):
    unknown = sorted(set(keys) - allowed)
    if unknown:
        raise ContentError(f"{where}: unknown key {unknown[0]!r}")


def check_keys(name, items):
    """Raise ContentError naming the file, the item and the first key the loader does not know.

    A misspelt key would otherwise be ignored: `weigth = 1.5` would load a rule of weight 0.
    """
    label, naming_key, allowed, nested = KNOWN_KEYS[name]
    for position, data in enumerate(items, start=1):
        item_name = data.get(naming_key)
        where = f"{name}.toml: {label} " + (repr(item_name) if item_name else f"number {position}")
        _refuse_unknown(data, allowed, where)
        for key, (entry_label, entry_keys) in nested.items():
            entries = data.get(key) or []
            if isinstance(entries, dict):  # shown_when is one table, not a list of them
                entries = [entries]
            for number, entry in enumerate(entries, start=1):
                _refuse_unknown(entry, entry_keys, f"{where}: {entry_label} {number}")
