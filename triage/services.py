"""Every write: storing assessments, counting starts, publishing and rolling back rulesets,
and making test cases from assessments. Keyword-only, named <entity>_<action>.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from triage import engine
from triage.compile import build_snapshot, published_ruleset
from triage.models import Assessment, ClinicalTestCase, QuestionnaireStartDay, RulesetVersion
from triage.outcomes import publish_plan, triage_with


def triage_answers(*, answers):
    """Triage raw answers with the published ruleset; store nothing.

    Returns (clean answers, result, version pk). Raises engine.InvalidAnswers, or
    compile.NoPublishedRuleset when nothing has been published.
    """
    ruleset, version_id = published_ruleset()
    clean, result = triage_with(ruleset, answers)
    return clean, result, version_id


def assessment_store(*, clean, result, version_id):
    """Store the anonymous record of one triage (no personal data) and return it."""
    assessment = Assessment(
        answers=clean,
        result=result,
        urgency=result["urgency"],
        top_cause=result["causes"][0]["slug"] if result["causes"] else "",
        ruleset_version_id=version_id,
    )
    # The version was just read and the UUID is new: checking either again costs two queries.
    assessment.full_clean(exclude=["ruleset_version"], validate_unique=False)
    assessment.save()
    return assessment


@transaction.atomic
def assessment_submit(*, answers, ruleset=None, version_id=None):
    """Triage the answers and store the anonymous assessment (no personal data).

    A caller that already holds the published ruleset passes it with its version_id, so that
    the answers are validated and stored against that one version; otherwise the latest
    published version is read. Raises engine.InvalidAnswers before anything is written.
    """
    if ruleset is None:
        clean, result, version_id = triage_answers(answers=answers)
    else:
        clean, result = triage_with(ruleset, answers)
    return assessment_store(clean=clean, result=result, version_id=version_id)


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
def assessment_submit_early(*, ruleset, version_id, answers, questions):
    """Store the assessment of a runner who stopped early because of an emergency sign.

    The answers are validated as strictly as a full submit, but only against the questions the
    runner has been asked (slugs): the later ones never were. Nothing a later answer could say
    lowers an emergency. Raises engine.InvalidAnswers before anything is written.
    """
    clean, result = triage_with(_asked_questions_only(ruleset, questions), answers)
    return assessment_store(clean=clean, result=result, version_id=version_id)


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


def _enforce(plan, *, note, failures_confirmed):
    if plan.problems:
        raise ValidationError(
            [ValidationError(message, code=code) for code, message in plan.problems]
        )
    if plan.under:
        raise ValidationError(
            "Publishing is refused: these test cases get a less urgent result than expected: "
            + "; ".join(case.name for case, _outcome in plan.under),
            code="under_triage",
        )
    if plan.failed and not failures_confirmed:
        raise ValidationError(
            "These test cases fail; confirm them to publish anyway: "
            + "; ".join(case.name for case, _outcome in plan.failed),
            code="failures_unconfirmed",
        )
    if plan.failed and not note.strip():
        raise ValidationError(
            "Say in the note why the failing test cases are acceptable.", code="note_required"
        )


@transaction.atomic
def ruleset_publish(
    *,
    user=None,
    note="",
    snapshot=None,
    cases=None,
    failures_confirmed=False,
    based_on=None,
    plan=None,
):
    """Publish the draft content (or the given snapshot) as a new, immutable ruleset version.

    Refuses content with problems (see engine.problems). With `cases` (clinical test cases), each
    runs on the snapshot first: any under-triage refuses publishing, and any other failure
    refuses it unless `failures_confirmed` is True and the note says why. A `plan` from
    outcomes.publish_plan (the one a page showed) is enforced as it is, instead of snapshot and
    cases. `based_on` names the earlier version whose snapshot is published again (a
    rollback). Returns the new RulesetVersion; raises ValidationError.
    """
    if plan is None:
        snapshot = build_snapshot() if snapshot is None else snapshot
        plan = publish_plan(snapshot=snapshot, cases=cases)
    _enforce(plan, note=note, failures_confirmed=failures_confirmed)
    # Lock the latest row so two publishers cannot take the same number.
    latest = RulesetVersion.objects.select_for_update().order_by("-number").first()
    version = RulesetVersion(
        number=(latest.number + 1) if latest else 1,
        created_by=user,
        note=note,
        content_hash=plan.content_hash,
        snapshot=plan.snapshot,
        based_on=based_on,
        case_summary=plan.summary(),
    )
    version.full_clean()
    version.save()
    return version


def ruleset_rollback(*, version, user=None, note="", plan=None, failures_confirmed=False):
    """Publish an earlier version's snapshot again, as a new version based on it."""
    return ruleset_publish(
        user=user,
        note=note,
        snapshot=version.snapshot,
        failures_confirmed=failures_confirmed,
        based_on=version,
        plan=plan,
    )


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
