from django.conf import settings
from django.db import transaction

from triage import engine
from triage.models import Assessment
from triage.ruleset import published_ruleset


def triage_with(ruleset, answers):
    """Validate raw answers and triage them with the given ruleset; return (clean, result).

    Raises engine.InvalidAnswers with a message per field.
    """
    clean = engine.validate_answers(ruleset, answers)
    result = engine.evaluate(
        ruleset,
        clean,
        emergency_number=settings.EMERGENCY_NUMBER,
        non_emergency_number=settings.NON_EMERGENCY_NUMBER,
    )
    return clean, result


def triage_answers(*, answers):
    """Triage raw answers with the published ruleset; store nothing.

    Returns (clean answers, result, version pk). Raises engine.InvalidAnswers, or
    ruleset.NoPublishedRuleset when nothing has been published.
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
def assessment_submit(*, answers):
    """Triage the answers and store the anonymous assessment (no personal data).

    Raises engine.InvalidAnswers before anything is written.
    """
    clean, result, version_id = triage_answers(answers=answers)
    return assessment_store(clean=clean, result=result, version_id=version_id)
