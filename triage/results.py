"""A stored assessment's result, whole: its compact row (triage.engine.stored) read back with
the version it was made with and the site's phone numbers."""

from django.conf import settings

from triage.compile import version_ruleset
from triage.engine.stored import COMPACT, expand
from triage.models import RulesetVersion


def assessment_ruleset(assessment):
    """The compiled ruleset an assessment was made with (kept on the object)."""
    found = getattr(assessment, "_ruleset", None)
    if found is None:
        # The version's row without its snapshot: the compiled ruleset is in memory already.
        version = RulesetVersion.objects.only("pk", "number", "content_hash")
        found = assessment._ruleset = version_ruleset(
            version.get(pk=assessment.ruleset_version_id)
        )
    return found


def full_result(assessment):
    """The result as the engine gave it (kept on the object: a fresh one needs no reading)."""
    found = getattr(assessment, "_full_result", None)
    if found is not None:
        return found
    stored = assessment.result
    if stored.get(COMPACT):
        stored = expand(
            stored,
            assessment_ruleset(assessment),
            emergency_number=settings.EMERGENCY_NUMBER,
            non_emergency_number=settings.NON_EMERGENCY_NUMBER,
        )
    assessment._full_result = stored
    return stored
