"""The publish plan: made by ruleset_publish itself from every test case, the generated
warning-sign cases and the safety diff, whoever calls it."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import CALM_ANSWERS
from tests.triage.editors import make_user
from triage.compile import build_snapshot, content_hash
from triage.models import ClinicalTestCase, Condition, Rule, RulesetVersion
from triage.services import ruleset_publish, ruleset_publish_plan

pytestmark = pytest.mark.django_db


def test_the_plan_names_each_under_triaged_case_and_publishing_it_is_refused():
    ClinicalTestCase.objects.create(
        name="Under-triaged", answers=CALM_ANSWERS, expected_urgency="emergency"
    )
    before = RulesetVersion.objects.count()

    plan = ruleset_publish_plan(snapshot=build_snapshot())

    assert [found.name for found, _outcome in plan.under] == ["Under-triaged"]
    with pytest.raises(ValidationError) as refused:
        ruleset_publish(note="Try", failures_confirmed=True)
    assert refused.value.code == "under_triage"
    assert RulesetVersion.objects.count() == before


def test_the_plan_runs_every_stored_case_and_every_warning_sign_on_its_own():
    plan = ruleset_publish_plan(snapshot=build_snapshot())
    assert plan.case_count == ClinicalTestCase.objects.count()
    signs = Rule.objects.filter(kind="red_flag", is_active=True).count()
    assert len(plan.sign_cases) == signs > 0
    assert plan.sign_failures == []


def test_publishing_stores_the_snapshot_hash_and_case_summary():
    snapshot = build_snapshot()
    snapshot["causes"][0]["name"] = "Renamed for the plan"

    version = ruleset_publish(note="From the plan", snapshot=snapshot)

    plan = ruleset_publish_plan(snapshot=snapshot)
    assert version.snapshot == snapshot
    assert version.content_hash == content_hash(snapshot) == plan.content_hash
    assert version.case_summary["cases"] == ClinicalTestCase.objects.count()
    assert version.case_summary["warning_signs"]["passed"] == len(plan.sign_cases)
    assert version.safety_confirmation == {}


def test_a_warning_sign_that_cannot_fire_refuses_publishing_though_no_case_covers_it():
    rule = Rule.objects.get(slug="rf_saddle_numbness")
    # Two conditions no runner can meet at once: the generated case finds no answers.
    Condition.objects.create(
        rule=rule, question_id=rule.conditions.get().question_id, operator="eq", value="no"
    )
    before = RulesetVersion.objects.count()
    with pytest.raises(ValidationError) as refused:
        ruleset_publish(
            note="Narrowed",
            user=make_user("Clinical reviewer"),
            safety_reason="Testing",
            failures_confirmed=True,
        )
    assert refused.value.code == "sign_case_failed"
    assert "New numbness or tingling between your legs" in refused.value.messages[0]
    assert RulesetVersion.objects.count() == before


def lower_saddle_numbness():
    Rule.objects.filter(slug="rf_saddle_numbness").update(urgency="soon")


@pytest.mark.parametrize("user", [None, "Editor"])
def test_a_weakened_warning_sign_is_refused_without_a_clinical_reviewer(user):
    lower_saddle_numbness()
    editor = make_user(user) if user else None
    with pytest.raises(ValidationError) as refused:
        ruleset_publish(
            note="Lowered", user=editor, safety_reason="Because", failures_confirmed=True
        )
    assert refused.value.code in ("safety_unconfirmed", "under_triage")
    assert RulesetVersion.objects.count() == 1


def test_a_weakened_warning_sign_with_no_case_to_catch_it_needs_a_reviewers_reason():
    # Saddle numbness to "see a doctor today": no case may catch it, the safety diff does.
    Rule.objects.filter(slug="rf_saddle_numbness").update(urgency="urgent")
    ClinicalTestCase.objects.filter(answers__saddle_numbness="yes").delete()
    reviewer = make_user("Clinical reviewer")
    with pytest.raises(ValidationError) as refused:
        ruleset_publish(note="Lowered", failures_confirmed=True)
    assert refused.value.code in ("safety_unconfirmed", "under_triage")
    if refused.value.code == "under_triage":
        pytest.skip("a case still catches it as under-triage, which is refused outright")
    with pytest.raises(ValidationError) as no_reason:
        ruleset_publish(note="Lowered", user=reviewer, safety_reason=" ", failures_confirmed=True)
    assert no_reason.value.code == "safety_reason_required"

    version = ruleset_publish(
        note="Lowered",
        user=reviewer,
        safety_reason="GIRFT 2025 review",
        failures_confirmed=True,
    )

    assert version.safety_confirmation == {
        "by": reviewer.get_username(),
        "user_id": reviewer.pk,
        "reason": "GIRFT 2025 review",
        "changes": [
            "New numbness or tingling between your legs or around your bottom: "
            "emergency → see a doctor today"
        ],
    }


def test_publishing_refuses_content_other_than_the_one_the_reviewer_read():
    with pytest.raises(ValidationError) as refused:
        ruleset_publish(note="Stale", expected_hash="0" * 64)
    assert refused.value.code == "stale"
