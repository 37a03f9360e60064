"""Loading the default clinical content (triage/content/*.toml) into the database."""

from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import transaction
from django.dispatch import Signal
from simple_history.signals import pre_create_historical_record

from triage.content import CONTENT_DIR, YES_NO_LABELS, read_cases, read_content
from triage.content_keys import (
    ADVICE_FIELDS,
    CAUSE_FIELDS,
    QUESTION_FIELDS,
    RULE_FIELDS,
    TIP_FIELDS,
    TREATMENT_FIELDS,
    check_keys,
)
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

# Sent by load_default_content inside its transaction, once the triage content is loaded, with
# `reset` and the `report` to count into. Apps whose content links to ours (articles) load their
# own defaults on it, so that triage imports none of them; a dry run rolls theirs back too.
content_loaded = Signal()


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


LOADER_REASON = "Loaded from the default content files (manage.py load_default_content)"


@contextmanager
def _history_says(reason):
    """Rows written here carry `reason` in their history: a command has no editor to name."""

    def give_reason(sender, history_instance, **kwargs):
        if not history_instance.history_change_reason:
            history_instance.history_change_reason = reason

    pre_create_historical_record.connect(give_reason, dispatch_uid="default_content_load")
    try:
        yield
    finally:
        pre_create_historical_record.disconnect(dispatch_uid="default_content_load")


@transaction.atomic
def default_content_load(*, reset=False, directory=CONTENT_DIR):
    """Load the default content. Rows editors already have are kept unless reset is True.

    Raises ContentError, before anything is written, when a file holds a key the loader does
    not know.
    """
    content = read_content(directory)
    cases = read_cases(directory)
    for name, items in {**content, "cases": cases}.items():
        check_keys(name, items)
    report = LoadReport()
    with _history_says(LOADER_REASON):
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
            QUESTION_FIELDS,
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
            CAUSE_FIELDS,
            reset=reset,
            report=report,
        )
        causes[cause.slug] = cause

    for data in content["treatments"]:
        treatment, written = _upsert(
            Treatment,
            data,
            TREATMENT_FIELDS,
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
            ADVICE_FIELDS,
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
            TIP_FIELDS,
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
            RULE_FIELDS,
            reset=reset,
            report=report,
        )
        if written:
            _conditions(data["conditions"], questions, rule=rule)


def _case_note(data):
    also = data.get("also_possible")
    return data.get("note", "") + (f" Also possible: {', '.join(also)}." if also else "")


def _load_cases(items, *, reset, report):
    """Load the clinical test cases (cases.toml and the corpus under cases/), matched by name.

    A corpus case whose urgency rests on something no question asks (`questionnaire_can_see =
    false`) is kept out: it is reported by the corpus test, and would refuse every publish.
    """
    for data in items:
        if not data.get("questionnaire_can_see", True):
            continue
        values = {
            "note": _case_note(data),
            "source": data.get("source", ""),
            "answers": data["answers"],
            "expected_urgency": data["expected_urgency"],
            "expected_causes": list(data.get("expected_causes", ())),
            "corpus": data.get("corpus", ""),
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
