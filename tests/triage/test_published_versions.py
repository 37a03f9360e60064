"""Publishing and serving ruleset versions, and storing assessments."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import make_answers
from triage import engine
from triage.compile import _compiled_version, published_ruleset
from triage.models import Assessment, Condition, Rule, RulesetVersion
from triage.services import assessment_submit, ruleset_publish

pytestmark = pytest.mark.django_db


def test_publishing_makes_a_numbered_version_with_a_hash_and_draft_edits_wait_for_it():
    Rule.objects.filter(slug="rf_night_pain").update(title="Pain at night, whatever you do")
    ruleset, _ = published_ruleset()
    assert next(r for r in ruleset.rules if r.slug == "rf_night_pain").title != (
        "Pain at night, whatever you do"
    )
    version = ruleset_publish(note="Night pain in plainer words")
    assert version.number == 2
    assert len(version.content_hash) == 64
    ruleset, version_id = published_ruleset()
    assert version_id == version.pk
    assert next(r for r in ruleset.rules if r.slug == "rf_night_pain").title == (
        "Pain at night, whatever you do"
    )


def test_a_published_version_cannot_be_changed():
    version = RulesetVersion.objects.get()
    version.note = "edited"
    with pytest.raises(ValueError, match="immutable"):
        version.save()


def test_broken_content_is_not_published():
    Condition.objects.filter(rule__slug="rf_fever").update(value="sometimes")
    with pytest.raises(ValidationError):
        ruleset_publish(note="broken")
    assert RulesetVersion.objects.count() == 1


def test_the_engine_reads_the_version_number_only_while_it_is_unchanged(
    django_assert_num_queries,
):
    published_ruleset()
    with django_assert_num_queries(1):
        published_ruleset()
    ruleset_publish(note="new")
    # An earlier test may have compiled a version of this pk and content (rolled back since).
    _compiled_version.cache_clear()
    with django_assert_num_queries(2):
        published_ruleset()


def test_assessment_stores_answers_result_and_version_and_no_personal_data():
    assessment = assessment_submit(answers=make_answers(fever="yes"))
    assert assessment.urgency == "urgent"
    assert assessment.top_cause == "spinal_infection"
    assert assessment.ruleset_version.number == 1
    assert assessment.result["urgency"] == "urgent"
    fields = {field.name for field in Assessment._meta.get_fields()}
    assert not fields & {"name", "email", "ip", "ip_address", "user"}


def test_invalid_answers_store_nothing():
    with pytest.raises(engine.InvalidAnswers):
        assessment_submit(answers=make_answers(age=3))
    assert not Assessment.objects.exists()
