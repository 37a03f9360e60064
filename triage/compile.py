"""Content rows to the engine: compile the draft into a snapshot, and keep compiled versions.

A snapshot is the JSON a published version stores. Its items take their keys from the engine's
dataclasses (`triage.engine.types`, `field_names()`), so the shape is written once, there: this
module says only where a row keeps each value that is not a plain attribute of the same name.
"""

import hashlib
import json
import time
from functools import lru_cache

from django.conf import settings
from django.db.models import Prefetch

from triage import engine
from triage.models import (
    Advice,
    Cause,
    Condition,
    PreventionTip,
    Question,
    Rule,
    RulesetVersion,
)


class NoPublishedRuleset(LookupError):
    pass


def _item(item_type, row, **computed):
    """One snapshot item: each of item_type's fields, from `computed` or the row's attribute.

    A value of None is left out: the engine reads a missing key as the field's default, and the
    snapshots published so far were written that way.
    """
    values = {
        name: computed[name] if name in computed else getattr(row, name)
        for name in item_type.field_names()
    }
    return {name: value for name, value in values.items() if value is not None}


def _slug(row):
    return row.slug if row is not None else ""


def _condition(condition):
    return _item(engine.Condition, condition, question=condition.question.slug)


def _question(question):
    choices = list(question.choices.all())
    numeric = question.kind == "number"
    condition = None
    if question.shown_when_question_id:
        condition = {
            "question": question.shown_when_question.slug,
            "operator": question.shown_when_operator,
            "value": question.shown_when_value,
        }
    return _item(
        engine.Question,
        question,
        choices=[choice.slug for choice in choices],
        choice_labels={choice.slug: choice.label for choice in choices},
        min_value=question.min_value if numeric else None,
        max_value=question.max_value if numeric else None,
        shown_when=condition,
    )


def _rule(rule):
    return _item(
        engine.Rule,
        rule,
        conditions=[_condition(c) for c in rule.conditions.all()],
        cause=_slug(rule.cause),
        advice=_slug(rule.advice),
        prevention=_slug(rule.prevention),
    )


def _advice(item):
    return _item(
        engine.Advice,
        item,
        causes=sorted(cause.slug for cause in item.causes.all()),
        replaces=sorted(other.slug for other in item.replaces.all()),
        contraindications=[_condition(c) for c in item.contraindications.all()],
        stages=[
            {
                "number": stage.number,
                "title": stage.title,
                "activity": stage.activity,
                "progress_when": stage.progress_when,
            }
            for stage in item.stages.all()
        ],
    )


def build_snapshot():
    """Compile the current (draft) content rows into the dict the engine reads."""
    conditions = Condition.objects.select_related("question").order_by("pk")
    questions = Question.objects.select_related("shown_when_question").prefetch_related("choices")
    rules = (
        Rule.objects.filter(is_active=True)
        .select_related("cause", "advice", "prevention")
        .prefetch_related(Prefetch("conditions", queryset=conditions))
    )
    advice = Advice.objects.prefetch_related(
        "causes", "replaces", "stages", Prefetch("contraindications", queryset=conditions)
    )
    return {
        "questions": [_question(question) for question in questions],
        "causes": [_item(engine.Cause, cause) for cause in Cause.objects.all()],
        "rules": [_rule(rule) for rule in rules],
        "advice": [_advice(item) for item in advice],
        "prevention": [_item(engine.Tip, tip) for tip in PreventionTip.objects.all()],
    }


def content_hash(snapshot):
    canonical = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


def draft_ruleset():
    return engine.Ruleset.from_snapshot(build_snapshot())


@lru_cache(maxsize=8)
def _compiled_version(pk, number, content_hash):
    # Versions are immutable, so (pk, number, hash) names one compiled ruleset for good; the
    # hash also keeps tests that roll back and reuse a pk or number from reading a stale entry.
    snapshot = RulesetVersion.objects.values_list("snapshot", flat=True).get(pk=pk)
    return engine.Ruleset.from_snapshot(snapshot, version=number)


def version_ruleset(version):
    """The compiled ruleset of a stored version, e.g. the one an assessment was made with."""
    return _compiled_version(version.pk, version.number, version.content_hash)


# The latest version's key, and when it was read (time.monotonic): see published_ruleset.
_latest = {"key": None, "read": float("-inf")}
_clock = time.monotonic


def forget_published():
    """Read the latest version again on the next request (after a publish in this process)."""
    _latest["read"] = float("-inf")


def _latest_key():
    return (
        RulesetVersion.objects.order_by("-number")
        .values_list("pk", "number", "content_hash")
        .first()
    )


def published_ruleset():
    """Return (compiled ruleset, version pk) of the latest published version.

    The version check (one small query) runs at most once every
    settings.TRIAGE_VERSION_CHECK_SECONDS per process, so most requests need no database round
    trip for it; a publish is served by every server within that bound, and at once by the
    process that published (services call forget_published). The snapshot is read and compiled
    only when the latest version changes, so rule rows are never read per request.
    """
    now = _clock()
    if now - _latest["read"] >= settings.TRIAGE_VERSION_CHECK_SECONDS or _latest["key"] is None:
        _latest["key"], _latest["read"] = _latest_key(), now
    key = _latest["key"]
    if key is None:
        raise NoPublishedRuleset("No ruleset has been published yet: run load_default_content.")
    return _compiled_version(*key), key[0]
