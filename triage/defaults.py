"""Loading the default clinical content (triage/content/*.toml) into the database."""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.dispatch import Signal

from triage.models import (
    Advice,
    Cause,
    Choice,
    ClinicalTestCase,
    Condition,
    PreventionTip,
    Question,
    Rule,
    RunningStage,
    Treatment,
)

CONTENT_DIR = Path(__file__).resolve().parent / "content"

# Sent by load_default_content inside its transaction, once the triage content is loaded, with
# `reset` and the `report` to count into. Apps whose content links to ours (articles) load their
# own defaults on it, so that triage imports none of them; a dry run rolls theirs back too.
content_loaded = Signal()
YES_NO_LABELS = (("yes", "Yes"), ("no", "No"))


def read_content(directory=CONTENT_DIR):
    def read(name, key):
        with open(directory / f"{name}.toml", "rb") as handle:
            return tomllib.load(handle).get(key, [])

    return {
        "questions": read("questions", "questions"),
        "causes": read("causes", "causes"),
        "treatments": read("treatments", "treatments"),
        "advice": read("advice", "advice"),
        "prevention": read("prevention", "prevention"),
        "rules": read("rules", "rules"),
    }


class ContentError(ValueError):
    """A content file that cannot be loaded as written, e.g. a misspelt key."""


def _model_keys(model):
    # The model's own fields (a reverse relation or the automatic id is not written in a file).
    return {field.name for field in model._meta.get_fields() if not field.auto_created}


CONDITION_KEYS = {"question", "operator", "value"}
CASE_KEYS = {"name", "note", "source", "answers", "expected_urgency", "expected_causes"}
# {file: (the item's name in messages, the key that names an item, allowed keys, nested lists)}
# Nested lists are {key: (the entry's name in messages, allowed keys)}.
KNOWN_KEYS = {
    "questions": (
        "question",
        "slug",
        _model_keys(Question) | {"choices", "shown_when"},
        {"choices": ("choice", {"slug", "label"}), "shown_when": ("shown_when", CONDITION_KEYS)},
    ),
    "causes": ("cause", "slug", _model_keys(Cause), {}),
    "treatments": ("treatment", "slug", _model_keys(Treatment), {}),
    "advice": (
        "advice",
        "slug",
        _model_keys(Advice) | {"contraindications", "stages"},
        {
            "contraindications": ("contraindication", CONDITION_KEYS),
            "stages": ("stage", {"title", "activity", "progress_when"}),
        },
    ),
    "prevention": ("prevention tip", "slug", _model_keys(PreventionTip), {}),
    "rules": (
        "rule",
        "slug",
        _model_keys(Rule) | {"conditions"},
        {"conditions": ("condition", CONDITION_KEYS)},
    ),
    # `group` and `holdout` are for the coming case corpus: accepted, not yet used.
    "cases": ("case", "name", CASE_KEYS | {"group", "holdout"}, {}),
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


@dataclass
class LoadReport:
    created: dict = field(default_factory=dict)
    reset: dict = field(default_factory=dict)
    kept: dict = field(default_factory=dict)

    def count(self, bucket, model):
        name = model._meta.verbose_name_plural
        target = getattr(self, bucket)
        target[name] = target.get(name, 0) + 1


def _fields(model, data, names):
    # A field the file leaves out takes the model's default, so that a reset is complete.
    return {
        name: data[name] if name in data else model._meta.get_field(name).get_default()
        for name in names
    }


def _upsert(model, data, names, *, reset, report):
    """Create the row for data["slug"] if missing; overwrite it only on reset.

    Returns (row, written): written is True when the row's dependants should be (re)written.
    """
    values = _fields(model, data, names)
    row = model.objects.filter(slug=data["slug"]).first()
    if row is None:
        row = model(slug=data["slug"], **values)
        row.full_clean(validate_constraints=False)
        row.save()
        report.count("created", model)
        return row, True
    if reset:
        for name, value in values.items():
            setattr(row, name, value)
        row.full_clean(validate_constraints=False)
        row.save()
        report.count("reset", model)
        return row, True
    report.count("kept", model)
    return row, False


def _conditions(items, questions, **owner):
    Condition.objects.filter(**owner).delete()
    Condition.objects.bulk_create(
        Condition(
            question=questions[item["question"]],
            operator=item["operator"],
            value=str(item.get("value", "")),
            **owner,
        )
        for item in items
    )


@transaction.atomic
def default_content_load(*, reset=False, directory=CONTENT_DIR):
    """Load the default content. Rows editors already have are kept unless reset is True.

    Raises ContentError, before anything is written, when a file holds a key the loader does
    not know.
    """
    content = read_content(directory)
    cases = _read_cases(directory / "cases.toml")
    for name, items in {**content, "cases": cases}.items():
        check_keys(name, items)
    report = LoadReport()
    questions = _load_questions(content["questions"], reset=reset, report=report)
    causes = _load_causes(content, reset=reset, report=report)
    advice = _load_advice(content["advice"], questions, causes, reset=reset, report=report)
    _load_rules(content, questions, causes, advice, reset=reset, report=report)
    _load_cases(cases, reset=reset, report=report)
    return report


def _load_questions(items, *, reset, report):
    questions = {}
    written_questions = []
    for data in items:
        question, written = _upsert(
            Question,
            data,
            [
                "section",
                "kind",
                "text",
                "help_text",
                "required",
                "min_value",
                "max_value",
                "order",
            ],
            reset=reset,
            report=report,
        )
        questions[question.slug] = question
        choices = data.get("choices") or (
            [{"slug": s, "label": label} for s, label in YES_NO_LABELS]
            if data["kind"] == "yes_no"
            else []
        )
        for position, choice in enumerate(choices, start=1):
            defaults = {"label": choice["label"], "order": position * 10}
            if written:
                Choice.objects.update_or_create(
                    question=question, slug=choice["slug"], defaults=defaults
                )
            else:
                Choice.objects.get_or_create(
                    question=question, slug=choice["slug"], defaults=defaults
                )
        if written:
            written_questions.append((question, data))
    for question, data in written_questions:
        condition = data.get("shown_when")
        if condition:
            question.shown_when_question = questions[condition["question"]]
            question.shown_when_operator = condition["operator"]
            question.shown_when_value = str(condition.get("value", ""))
        else:
            question.shown_when_question = None
            question.shown_when_operator = ""
            question.shown_when_value = ""
        question.save()
    return questions


def _load_causes(content, *, reset, report):
    causes = {}
    for data in content["causes"]:
        cause, _ = _upsert(
            Cause,
            data,
            [
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
            ],
            reset=reset,
            report=report,
        )
        causes[cause.slug] = cause

    for data in content["treatments"]:
        treatment, written = _upsert(
            Treatment,
            data,
            [
                "name",
                "description",
                "pros",
                "cons",
                "evidence",
                "guideline_note",
                "source",
                "order",
            ],
            reset=reset,
            report=report,
        )
        if written:
            treatment.causes.set(causes[slug] for slug in data.get("causes", ()))
    return causes


def _load_advice(items, questions, causes, *, reset, report):
    advice = {}
    written_advice = []
    for data in items:
        item, written = _upsert(
            Advice,
            data,
            ["title", "body", "kind", "min_urgency", "max_urgency", "include_by_default", "order"],
            reset=reset,
            report=report,
        )
        advice[item.slug] = item
        if written:
            written_advice.append((item, data))
    for item, data in written_advice:
        item.causes.set(causes[slug] for slug in data.get("causes", ()))
        item.replaces.set(advice[slug] for slug in data.get("replaces", ()))
        _conditions(data.get("contraindications", ()), questions, advice=item)
        item.stages.all().delete()
        RunningStage.objects.bulk_create(
            RunningStage(
                advice=item,
                number=number,
                title=stage["title"],
                activity=stage["activity"],
                progress_when=stage["progress_when"],
            )
            for number, stage in enumerate(data.get("stages", ()), start=1)
        )
    return advice


def _load_rules(content, questions, causes, advice, *, reset, report):
    tips = {}
    for data in content["prevention"]:
        tip, _ = _upsert(
            PreventionTip,
            data,
            ["title", "body", "evidence", "include_by_default", "order"],
            reset=reset,
            report=report,
        )
        tips[tip.slug] = tip

    for data in content["rules"]:
        values = dict(data)
        values["cause"] = causes[data["cause"]] if data.get("cause") else None
        values["advice"] = advice[data["advice"]] if data.get("advice") else None
        values["prevention"] = tips[data["prevention"]] if data.get("prevention") else None
        rule, written = _upsert(
            Rule,
            values,
            [
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
                "order",
            ],
            reset=reset,
            report=report,
        )
        if written:
            _conditions(data["conditions"], questions, rule=rule)


def _read_cases(path):
    """The clinical test cases of cases.toml; a missing file means no default cases."""
    if not path.exists():
        return []
    with open(path, "rb") as handle:
        return tomllib.load(handle).get("cases", [])


def _load_cases(items, *, reset, report):
    """Load the clinical test cases, matched by name."""
    for data in items:
        values = {
            "note": data.get("note", ""),
            "source": data.get("source", ""),
            "answers": data["answers"],
            "expected_urgency": data["expected_urgency"],
            "expected_causes": list(data.get("expected_causes", ())),
        }
        case = ClinicalTestCase.objects.filter(name=data["name"]).first()
        if case is not None and not reset:
            report.count("kept", ClinicalTestCase)
            continue
        bucket = "created" if case is None else "reset"
        case = case or ClinicalTestCase(name=data["name"])
        for name, value in values.items():
            setattr(case, name, value)
        case.full_clean()
        case.save()
        report.count(bucket, ClinicalTestCase)
