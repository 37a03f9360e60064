"""The bridge between content rows and the pure engine: compile, publish, serve from memory."""

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.db import transaction
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


def _condition(condition):
    return {
        "question": condition.question.slug,
        "operator": condition.operator,
        "value": condition.value,
    }


def build_snapshot():
    """Compile the current (draft) content rows into the dict the engine reads."""
    questions = []
    for question in Question.objects.select_related("shown_when_question").prefetch_related(
        "choices"
    ):
        entry = {
            "slug": question.slug,
            "kind": question.kind,
            "section": question.section,
            "text": question.text,
            "help_text": question.help_text,
            "required": question.required,
            "order": question.order,
            "choices": [choice.slug for choice in question.choices.all()],
            "choice_labels": {choice.slug: choice.label for choice in question.choices.all()},
        }
        if question.kind == "number":
            entry["min_value"] = question.min_value
            entry["max_value"] = question.max_value
        if question.shown_when_question_id:
            entry["shown_when"] = {
                "question": question.shown_when_question.slug,
                "operator": question.shown_when_operator,
                "value": question.shown_when_value,
            }
        questions.append(entry)
    causes = [
        {
            "slug": cause.slug,
            "name": cause.name,
            "is_serious": cause.is_serious,
            "prior": cause.prior,
            "urgency_if_likely": cause.urgency_if_likely,
            "order": cause.order,
        }
        for cause in Cause.objects.all()
    ]
    conditions = Condition.objects.select_related("question").order_by("pk")
    rule_rows = (
        Rule.objects.filter(is_active=True)
        .select_related("cause", "advice", "prevention")
        .prefetch_related(Prefetch("conditions", queryset=conditions))
    )
    compiled_rules = [
        {
            "slug": rule.slug,
            "kind": rule.kind,
            "title": rule.title,
            "reason": rule.reason,
            "match": rule.match,
            "urgency": rule.urgency,
            "cause": rule.cause.slug if rule.cause else "",
            "weight": rule.weight,
            "advice": rule.advice.slug if rule.advice else "",
            "prevention": rule.prevention.slug if rule.prevention else "",
            "conditions": [_condition(c) for c in rule.conditions.all()],
        }
        for rule in rule_rows
    ]
    advice = [
        {
            "slug": item.slug,
            "title": item.title,
            "body": item.body,
            "kind": item.kind,
            "min_urgency": item.min_urgency,
            "max_urgency": item.max_urgency,
            "include_by_default": item.include_by_default,
            "causes": sorted(cause.slug for cause in item.causes.all()),
            "replaces": sorted(other.slug for other in item.replaces.all()),
            "contraindications": [_condition(c) for c in item.contraindications.all()],
            "stages": [
                {
                    "number": stage.number,
                    "title": stage.title,
                    "activity": stage.activity,
                    "progress_when": stage.progress_when,
                }
                for stage in item.stages.all()
            ],
            "order": item.order,
        }
        for item in Advice.objects.prefetch_related(
            "causes", "replaces", "stages", Prefetch("contraindications", queryset=conditions)
        )
    ]
    prevention = [
        {
            "slug": tip.slug,
            "title": tip.title,
            "body": tip.body,
            "include_by_default": tip.include_by_default,
            "order": tip.order,
        }
        for tip in PreventionTip.objects.all()
    ]
    return {
        "questions": questions,
        "causes": causes,
        "rules": compiled_rules,
        "advice": advice,
        "prevention": prevention,
    }


def content_hash(snapshot):
    canonical = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


def draft_ruleset():
    return engine.Ruleset.from_snapshot(build_snapshot())


@dataclass(frozen=True)
class CaseOutcome:
    """What one clinical test case gave with one ruleset, compared with what was expected."""

    urgency: str = ""
    top_causes: tuple = ()
    # Answers the ruleset refused, {question: message}: the case could not be triaged.
    errors: dict = field(default_factory=dict)
    under_triage: bool = False
    over_triage: bool = False
    missing_causes: tuple = ()
    result: dict | None = None

    @property
    def passed(self):
        return not (self.errors or self.under_triage or self.over_triage or self.missing_causes)


def case_outcome(ruleset, case):
    """Run a clinical test case (answers, expected_urgency, expected_causes) on a ruleset."""
    from triage.services import triage_with  # services imports this module

    try:
        _, result = triage_with(ruleset, case.answers)
    except engine.InvalidAnswers as exc:
        return CaseOutcome(errors=exc.errors)
    top = tuple(cause["slug"] for cause in result["causes"][:3])
    got, expected = (
        engine.urgency_rank(result["urgency"]),
        engine.urgency_rank(case.expected_urgency),
    )
    return CaseOutcome(
        urgency=result["urgency"],
        top_causes=top,
        under_triage=got < expected,
        over_triage=got > expected,
        missing_causes=tuple(slug for slug in case.expected_causes if slug not in top),
        result=result,
    )


def _cases_gate(snapshot, cases, *, note, failures_confirmed):
    ruleset = engine.Ruleset.from_snapshot(snapshot)
    outcomes = [(case, case_outcome(ruleset, case)) for case in cases]
    under = [case.name for case, outcome in outcomes if outcome.under_triage]
    failed = [case.name for case, outcome in outcomes if not outcome.passed]
    if under:
        raise ValidationError(
            "Publishing is refused: these test cases get a less urgent result than expected: "
            + "; ".join(under),
            code="under_triage",
        )
    if failed and not failures_confirmed:
        raise ValidationError(
            "These test cases fail; confirm them to publish anyway: " + "; ".join(failed),
            code="failures_unconfirmed",
        )
    if failed and not note.strip():
        raise ValidationError(
            "Say in the note why the failing test cases are acceptable.", code="note_required"
        )
    return {"cases": len(outcomes), "passed": len(outcomes) - len(failed), "confirmed": failed}


@transaction.atomic
def ruleset_publish(
    *, user=None, note="", snapshot=None, cases=None, failures_confirmed=False, based_on=None
):
    """Publish the draft content (or the given snapshot) as a new, immutable ruleset version.

    Refuses content with problems (see engine.problems). With `cases` (clinical test cases), each
    runs on the snapshot first: any under-triage refuses publishing, and any other failure
    refuses it unless `failures_confirmed` is True and the note says why. `based_on` names the
    earlier version whose snapshot is published again (a rollback). Returns the new
    RulesetVersion; raises ValidationError.
    """
    snapshot = build_snapshot() if snapshot is None else snapshot
    found = engine.problems(snapshot)
    if found:
        raise ValidationError([ValidationError(message, code=code) for code, message in found])
    summary = {}
    if cases is not None:
        summary = _cases_gate(snapshot, cases, note=note, failures_confirmed=failures_confirmed)
    # Lock the latest row so two publishers cannot take the same number.
    latest = RulesetVersion.objects.select_for_update().order_by("-number").first()
    version = RulesetVersion(
        number=(latest.number + 1) if latest else 1,
        created_by=user,
        note=note,
        content_hash=content_hash(snapshot),
        snapshot=snapshot,
        based_on=based_on,
        case_summary=summary,
    )
    version.full_clean()
    version.save()
    return version


class NoPublishedRuleset(LookupError):
    pass


@lru_cache(maxsize=8)
def _compiled_version(pk, number, content_hash):
    # Versions are immutable, so (pk, number, hash) names one compiled ruleset for good; the
    # hash also keeps tests that roll back and reuse a pk or number from reading a stale entry.
    snapshot = RulesetVersion.objects.values_list("snapshot", flat=True).get(pk=pk)
    return engine.Ruleset.from_snapshot(snapshot, version=number)


def version_ruleset(version):
    """The compiled ruleset of a stored version, e.g. the one an assessment was made with."""
    return _compiled_version(version.pk, version.number, version.content_hash)


def published_ruleset():
    """Return (compiled ruleset, version pk) of the latest published version.

    Costs one small query per call (the version check); the snapshot is read and compiled only
    when the latest version changes, so rule rows are never read per request.
    """
    key = (
        RulesetVersion.objects.order_by("-number")
        .values_list("pk", "number", "content_hash")
        .first()
    )
    if key is None:
        raise NoPublishedRuleset("No ruleset has been published yet: run load_default_content.")
    return _compiled_version(*key), key[0]
