"""Every write: storing assessments, counting starts, publishing and rolling back rulesets,
and making test cases from assessments. Keyword-only, named <entity>_<action>.
"""

import hashlib

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from triage import engine
from triage.compile import build_snapshot, forget_published, published_ruleset
from triage.engine.stored import compact
from triage.models import (
    Advice,
    Assessment,
    Cause,
    ClinicalTestCase,
    Condition,
    PreventionTip,
    Question,
    QuestionnaireStartDay,
    Rule,
    RulesetVersion,
)
from triage.outcomes import publish_plan, triage_with

# The clinical reviewer's permission: publishing, confirming a weakened warning sign, and
# approving editors' changes to the text runners read.
PUBLISH_PERMISSION = "triage.publish_rulesetversion"


def triage_answers(*, answers):
    """Triage raw answers with the published ruleset; store nothing.

    Returns (clean answers, result, version pk). Raises engine.InvalidAnswers, or
    compile.NoPublishedRuleset when nothing has been published.
    """
    ruleset, version_id = published_ruleset()
    clean, result = triage_with(ruleset, answers)
    return clean, result, version_id


def assessment_store(*, clean, result, version_id, key=""):
    """Store the anonymous record of one triage (no personal data) and return it.

    With a submission `key`, a submission already stored under it is returned instead: two
    concurrent sends of one submission store one row (the unique key decides the race).
    """
    if key:
        stored = Assessment.objects.filter(submission_key=key).first()
        if stored is not None:
            if stored.answers != clean:
                raise SubmissionKeyReused(key)
            return stored
    assessment = Assessment(
        answers=clean,
        # Compact: the version's texts are named, not copied (triage.engine.stored).
        result=compact(result),
        urgency=result["urgency"],
        top_cause=result["causes"][0]["slug"] if result["causes"] else "",
        ruleset_version_id=version_id,
        submission_key=key,
    )
    # The version was just read and the UUID is new: checking either again costs two queries.
    # The submission key's uniqueness is the database's to decide (it settles the race).
    assessment.full_clean(
        exclude=["ruleset_version"], validate_unique=False, validate_constraints=False
    )
    assessment._full_result = result
    if not key:
        assessment.save()
        return assessment
    try:
        with transaction.atomic():
            assessment.save()
    except IntegrityError:
        # Another request stored this submission between our look and our write.
        return Assessment.objects.get(submission_key=key)
    return assessment


class SubmissionKeyReused(ValueError):
    """A submission key already names a stored assessment with other answers."""


def submission_key(*parts):
    """A fixed-length key for a submission, from parts that name it (never stored as such)."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


@transaction.atomic
def assessment_submit(*, answers, ruleset=None, version_id=None, key=""):
    """Triage the answers and store the anonymous assessment (no personal data).

    A caller that already holds the published ruleset passes it with its version_id, so that
    the answers are validated and stored against that one version; otherwise the latest
    published version is read. Raises engine.InvalidAnswers before anything is written.
    """
    if ruleset is None:
        clean, result, version_id = triage_answers(answers=answers)
    else:
        clean, result = triage_with(ruleset, answers)
    return assessment_store(clean=clean, result=result, version_id=version_id, key=key)


def _asked_questions_only(ruleset, questions):
    return engine.Ruleset(
        version=ruleset.version,
        questions=tuple(q for q in ruleset.questions if q.slug in questions),
        causes=ruleset.causes,
        rules=ruleset.rules,
        advice=ruleset.advice,
        prevention=ruleset.prevention,
    )


@transaction.atomic
def assessment_submit_early(*, ruleset, version_id, answers, questions, key=""):
    """Store the assessment of a runner who stopped early because of an emergency sign.

    The answers are validated as strictly as a full submit, but only against the questions the
    runner has been asked (slugs): the later ones never were. Nothing a later answer could say
    lowers an emergency. Raises engine.InvalidAnswers before anything is written.
    """
    clean, result = triage_with(_asked_questions_only(ruleset, questions), answers)
    return assessment_store(clean=clean, result=result, version_id=version_id, key=key)


def questionnaire_start_record(*, day=None):
    """Count one runner starting the questionnaire (today, or on `day`).

    Call it once when a runner opens the first question. Stores a number per day, nothing
    about the runner.
    """
    day = day or timezone.localdate()
    starts = QuestionnaireStartDay.objects.filter(day=day)
    if starts.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            QuestionnaireStartDay.objects.create(day=day, count=1)
    except IntegrityError:
        # Another request created today's row between our update and create.
        starts.update(count=F("count") + 1)


def questionnaire_result_record(*, day):
    """Count one runner reaching a result, against the day of the start that led to it.

    At most one result per start is counted (the journey calls this once per start), and never
    more results than starts, so the dashboard's share cannot pass 100%.
    """
    QuestionnaireStartDay.objects.filter(day=day, results__lt=F("count")).update(
        results=F("results") + 1
    )


def _enforce(plan, *, user, note, failures_confirmed, safety_reason):
    if plan.problems:
        raise ValidationError(
            [ValidationError(message, code=code) for code, message in plan.problems]
        )
    if plan.sign_failures:
        raise ValidationError(
            _(
                "Publishing is refused: these warning signs do not reach their urgency on their "
                "own (their generated test case fails): %(names)s"
            )
            % {"names": "; ".join(case.rule.title for case in plan.sign_failures)},
            code="sign_case_failed",
        )
    if plan.under:
        raise ValidationError(
            _(
                "Publishing is refused: these test cases get a less urgent result than "
                "expected: %(names)s"
            )
            % {"names": "; ".join(case.name for case, _outcome in plan.under)},
            code="under_triage",
        )
    if plan.safety_changes:
        changes = "; ".join(change.text for change in plan.safety_changes)
        if user is None or not user.has_perm(PUBLISH_PERMISSION):
            raise ValidationError(
                _(
                    "Publishing is refused: these changes weaken a warning sign, and only a "
                    "clinical reviewer can confirm them, in the admin: %(changes)s"
                )
                % {"changes": changes},
                code="safety_unconfirmed",
            )
        if not safety_reason.strip():
            raise ValidationError(
                _(
                    "These changes weaken a warning sign; give the clinical reason for each "
                    "to publish them: %(changes)s"
                )
                % {"changes": changes},
                code="safety_reason_required",
            )
    if plan.failed and not failures_confirmed:
        raise ValidationError(
            _("These test cases fail; confirm them to publish anyway: %(names)s")
            % {"names": "; ".join(case.name for case, _outcome in plan.failed)},
            code="failures_unconfirmed",
        )
    if plan.failed and not note.strip():
        raise ValidationError(
            _("Say in the note why the failing test cases are acceptable."), code="note_required"
        )


def ruleset_publish_plan(*, snapshot, latest=None):
    """The plan for publishing `snapshot` now: every clinical test case, the generated
    warning-sign cases, and the safety diff against the latest published version."""
    if latest is None:
        latest = RulesetVersion.objects.order_by("-number").first()
    return publish_plan(
        snapshot=snapshot,
        cases=list(ClinicalTestCase.objects.all()),
        previous=latest.snapshot if latest is not None else None,
    )


@transaction.atomic
def ruleset_publish(
    *,
    user=None,
    note="",
    snapshot=None,
    failures_confirmed=False,
    safety_reason="",
    based_on=None,
    expected_hash="",
):
    """Publish the draft content (or the given snapshot) as a new, immutable ruleset version.

    The one way to publish: the admin, load_default_content and the shell all come here, and
    the plan is always made here (ruleset_publish_plan: every clinical test case and every
    generated warning-sign case, and the safety diff against the live version). Refused when
    the content has problems, a generated warning-sign case fails, or any case is
    under-triaged. A change that weakens a warning sign needs a user with the clinical
    reviewer's permission and a `safety_reason`, recorded in the version. Other failures of
    cases that must pass need `failures_confirmed` and a note saying why. With
    `expected_hash` (the content a reviewer read), refused when the content differs.
    `based_on` names the earlier version whose snapshot is published again (a rollback).
    Returns the new RulesetVersion; raises ValidationError.
    """
    snapshot = build_snapshot() if snapshot is None else snapshot
    # Lock the latest row so two publishers cannot take the same number, and so the safety
    # diff is made against the version that is live when this one is stored.
    latest = RulesetVersion.objects.select_for_update().order_by("-number").first()
    plan = ruleset_publish_plan(snapshot=snapshot, latest=latest)
    if expected_hash and expected_hash != plan.content_hash:
        raise ValidationError(
            _("The rules changed while you were reading. Check the changes again."),
            code="stale",
        )
    _enforce(
        plan,
        user=user,
        note=note,
        failures_confirmed=failures_confirmed,
        safety_reason=safety_reason,
    )
    confirmation = {}
    if plan.safety_changes:
        confirmation = {
            "by": user.get_username(),
            "user_id": user.pk,
            "reason": safety_reason.strip(),
            "changes": [change.text for change in plan.safety_changes],
        }
    version = RulesetVersion(
        number=(latest.number + 1) if latest else 1,
        created_by=user,
        note=note,
        content_hash=plan.content_hash,
        snapshot=plan.snapshot,
        based_on=based_on,
        case_summary=plan.summary(),
        safety_confirmation=confirmation,
    )
    version.full_clean()
    version.save()
    # This process serves the new version at once; others within the staleness bound.
    transaction.on_commit(forget_published)
    return version


@transaction.atomic
def ruleset_rollback(
    *, version, user=None, note="", failures_confirmed=False, safety_reason="", expected_hash=""
):
    """Publish an earlier version's snapshot again, as a new version based on it, and reset
    the draft rules to it (draft_rules_reset), so the next publish does not bring back what
    was rolled back. Returns the new RulesetVersion."""
    published = ruleset_publish(
        user=user,
        note=note,
        snapshot=version.snapshot,
        failures_confirmed=failures_confirmed,
        safety_reason=safety_reason,
        based_on=version,
        expected_hash=expected_hash,
    )
    draft_rules_reset(version=version, user=user)
    return published


# The rule fields a snapshot holds, besides its slug, conditions and linked items.
_RULE_FIELDS = ("kind", "title", "reason", "match", "urgency", "weight")
_RULE_LINKS = (("cause", Cause), ("advice", Advice), ("prevention", PreventionTip))


def _linked(model, slug, rule_slug):
    if not slug:
        return None
    found = model.objects.filter(slug=slug).first()
    if found is None:
        raise ValidationError(
            _("Rule %(rule)s cannot be reset: %(model)s %(slug)s no longer exists.")
            % {"rule": rule_slug, "model": model._meta.verbose_name, "slug": slug},
            code="reset_missing_item",
        )
    return found


def rule_conditions_set(*, rule, conditions):
    """Replace a rule's conditions with `conditions` ([{question, operator, value}], by slug)
    and keep them on its latest history record. Raises ValidationError."""
    questions = Question.objects.in_bulk(
        [condition["question"] for condition in conditions], field_name="slug"
    )
    rule.conditions.all().delete()
    for condition in conditions:
        question = questions.get(condition["question"])
        if question is None:
            raise ValidationError(
                _("Rule %(rule)s cannot be restored: question %(question)s no longer exists.")
                % {"rule": rule.slug, "question": condition["question"]},
                code="missing_question",
            )
        row = Condition(
            rule=rule,
            question=question,
            operator=condition["operator"],
            value=str(condition.get("value", "")),
        )
        row.full_clean()
        row.save()
    rule.history_sync_conditions()


@transaction.atomic
def draft_rules_reset(*, version, user=None):
    """Reset the draft rules to a published version's: each rule's kind, title, reason, match,
    urgency, cause, weight, advice, prevention and conditions, active; a rule the version
    does not hold is switched off. Each rule changed is saved with `user` and a change reason
    in its history. Questions, causes, advice and tips are not reset. Returns the rules changed.
    """
    reason = _("Reset to version %(number)s") % {"number": version.number}
    wanted = {rule["slug"]: (order, rule) for order, rule in enumerate(version.snapshot["rules"])}
    changed = []
    rules = Rule.objects.prefetch_related("conditions__question")
    existing = {rule.slug: rule for rule in rules}
    for slug, (order, item) in wanted.items():
        rule = existing.get(slug) or Rule(slug=slug, order=order * 10)
        values = {
            name: item.get(name, Rule._meta.get_field(name).get_default()) for name in _RULE_FIELDS
        }
        values["weight"] = float(values["weight"] or 0)
        links = {name: _linked(model, item.get(name, ""), slug) for name, model in _RULE_LINKS}
        conditions = [
            {
                "question": c["question"],
                "operator": c["operator"],
                "value": str(c.get("value", "")),
            }
            for c in item.get("conditions", ())
        ]
        same = (
            rule.pk is not None
            and rule.is_active
            and all(getattr(rule, name) == value for name, value in values.items())
            and all(
                getattr(rule, f"{name}_id") == (link.pk if link else None)
                for name, link in links.items()
            )
            and rule.conditions_as_json() == conditions
        )
        if same:
            continue
        for name, value in {**values, **links}.items():
            setattr(rule, name, value)
        rule.is_active = True
        rule._change_reason = reason
        rule._history_user = user
        rule.full_clean(validate_unique=False)
        rule.save()
        rule_conditions_set(rule=rule, conditions=conditions)
        changed.append(rule)
    for slug, rule in existing.items():
        if slug not in wanted and rule.is_active:
            rule.is_active = False
            rule._change_reason = reason
            rule._history_user = user
            rule.save()
            changed.append(rule)
    return changed


def clinical_test_cases_create_from(*, assessments):
    """Make one test case per stored assessment, expecting what the rules said then.

    Assessments already made into a case (by name) are skipped; returns the cases made.
    """
    made = []
    assessments = list(
        Assessment.objects.filter(pk__in=assessments.values("pk")).only(
            "pk", "created", "answers", "urgency", "top_cause"
        )
    )
    names = {
        assessment.pk: _("Assessment %(id)s of %(date)s")
        % {"id": str(assessment.pk)[:8], "date": f"{assessment.created:%Y-%m-%d}"}
        for assessment in assessments
    }
    taken = set(
        ClinicalTestCase.objects.filter(name__in=names.values()).values_list("name", flat=True)
    )
    for assessment in assessments:
        if names[assessment.pk] in taken:
            continue
        case = ClinicalTestCase(
            name=names[assessment.pk],
            note=_("Made from a stored assessment. A clinician should check what is expected."),
            source=_("Assessment %(id)s") % {"id": assessment.pk},
            answers=assessment.answers,
            expected_urgency=assessment.urgency,
            expected_causes=[assessment.top_cause] if assessment.top_cause else [],
        )
        case.full_clean()
        case.save()
        made.append(case)
    return made
