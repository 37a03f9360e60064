"""The publish plan: computed once, shown by the publish page and enforced by ruleset_publish."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import CALM_ANSWERS
from triage.compile import build_snapshot, content_hash
from triage.models import ClinicalTestCase, RulesetVersion
from triage.outcomes import publish_plan
from triage.services import ruleset_publish

pytestmark = pytest.mark.django_db


def test_the_plan_names_each_under_triaged_case_and_publishing_it_is_refused():
    case = ClinicalTestCase.objects.create(
        name="Under-triaged", answers=CALM_ANSWERS, expected_urgency="emergency"
    )
    before = RulesetVersion.objects.count()

    plan = publish_plan(snapshot=build_snapshot(), cases=[case])

    assert [found.name for found, _outcome in plan.under] == ["Under-triaged"]
    with pytest.raises(ValidationError) as refused:
        ruleset_publish(note="Try", plan=plan, failures_confirmed=True)
    assert refused.value.code == "under_triage"
    assert RulesetVersion.objects.count() == before


def test_publishing_a_plan_stores_its_snapshot_hash_and_case_summary():
    snapshot = build_snapshot()
    snapshot["causes"][0]["name"] = "Renamed for the plan"
    cases = list(ClinicalTestCase.objects.all())
    plan = publish_plan(snapshot=snapshot, cases=cases)

    version = ruleset_publish(note="From the plan", plan=plan)

    assert version.snapshot == snapshot
    assert version.content_hash == content_hash(snapshot) == plan.content_hash
    assert version.case_summary == plan.summary()
    assert plan.summary()["cases"] == len(cases)
