"""What a stored result's page shows, each part worked out only if the page renders it.

The page's body is cached (templates/triage/assessment_detail.html, `{% cache %}`): a stored
assessment never changes, so its page is rendered once and served from the cache on the runner's
later visits (back, reload, print). A page served from the cache needs none of these parts, so
each is lazy: the view costs one query for the assessment and nothing else.
"""

import functools

from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from triage.compile import NoPublishedRuleset, published_ruleset
from triage.journey.presentation import group_causes
from triage.journey.session import answer_summary
from triage.models import AdviceKind, Treatment, Urgency
from triage.results import assessment_ruleset, full_result

# Home care, running plans, treatments and prevention belong to results a runner manages at home
# (hazard H6: an emergency or urgent result shows what to do now, nothing else).
SELF_MANAGED = (Urgency.SELF_CARE, Urgency.SOON)
# How many of the most likely causes the treatments on a result page are chosen for.
TREATMENT_CAUSES = 3
ACTION_KINDS = (AdviceKind.EMERGENCY_ACTION, AdviceKind.SEE_CLINICIAN)


def _lazy(function):
    return SimpleLazyObject(function)


def cache_stamp():
    """What a cached page is also keyed on: the published version, so that a publish (treatments
    and articles are read live) is seen by a cached page within the version check's bound."""
    try:
        return published_ruleset()[1]
    except NoPublishedRuleset:  # the page still shows its own version's content
        return 0


def result_context(assessment):
    """The page's context; everything read from the stored result is read only if rendered."""
    urgency = Urgency(assessment.urgency)
    self_managed = urgency in SELF_MANAGED

    @functools.cache
    def outcome():
        # The stored result and answers in one query (the view read only what a cached page
        # needs).
        assessment.refresh_from_db(fields=["result", "answers"])
        return full_result(assessment)

    @functools.cache
    def causes():
        # Which causes a result lists is the engine's to decide (an emergency lists only what
        # a doctor must rule out); the page only groups them for reading.
        return group_causes(outcome().get("causes", []), assessment_ruleset(assessment))

    @functools.cache
    def answers():
        outcome()
        return answer_summary(assessment_ruleset(assessment), assessment.answers)

    def treatments():
        if not self_managed:
            return []
        slugs = [c["slug"] for c in causes().top + causes().others][:TREATMENT_CAUSES]
        return list(Treatment.objects.filter(causes__slug__in=slugs).distinct())

    def of_kind(kind):
        return (
            [a for a in outcome().get("advice", []) if a["kind"] == kind] if self_managed else []
        )

    return {
        "assessment": assessment,
        "result": _lazy(outcome),
        "urgency": urgency,
        "self_managed": self_managed,
        "causes": _lazy(causes),
        "safety_net": _lazy(lambda: outcome().get("safety_net_items") or {}),
        "action_advice": _lazy(
            lambda: sorted(
                (a for a in outcome().get("advice", []) if a["kind"] in ACTION_KINDS),
                key=lambda a: a["kind"] != AdviceKind.EMERGENCY_ACTION,
            )
        ),
        "home_care": _lazy(lambda: of_kind(AdviceKind.HOME_CARE)),
        "running_plans": _lazy(lambda: of_kind(AdviceKind.RETURN_TO_RUNNING)),
        "treatments": _lazy(treatments),
        "prevention": _lazy(lambda: outcome().get("prevention", []) if self_managed else []),
        "signs_yes": _lazy(lambda: answers()[0]),
        "signs_no": _lazy(lambda: answers()[1]),
        "answer_sections": _lazy(lambda: answers()[2]),
        "progress": 100,
        "cache_seconds": settings.RESULT_PAGE_CACHE_SECONDS,
        "cache_stamp": _lazy(cache_stamp),
        "cache_language": get_language(),
    }
