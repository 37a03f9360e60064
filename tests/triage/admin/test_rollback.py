"""Rolling back: publishing an earlier version again resets the draft rules to it, so the next
publish cannot bring the rolled-back change back."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from tests.triage.editors import make_user
from triage.compile import build_snapshot, content_hash
from triage.models import Question, Rule, RulesetVersion
from triage.services import draft_rules_reset, ruleset_publish, ruleset_rollback

pytestmark = pytest.mark.django_db


def latest():
    return RulesetVersion.objects.order_by("-number").first()


@pytest.fixture
def reviewer():
    return make_user("Clinical reviewer")


def change_rules():
    """A bad change to publish and roll back: a new rule, a rule off, an edited rule."""
    rule = Rule.objects.get(slug="ev_strain_sudden")
    rule.weight = 9.0
    rule.title = "Any sudden pain at all"
    rule.save()
    rule.conditions.create(
        question=Question.objects.get(slug="night_pain"), operator="eq", value="yes"
    )
    Rule.objects.filter(slug="ev_overuse_sharp_load").update(is_active=False)
    added = Rule.objects.create(
        slug="ev_new_rule",
        kind="evidence",
        title="A new rule",
        cause=Rule.objects.get(slug="ev_overuse_sharp_load").cause,
        weight=1.0,
    )
    added.conditions.create(question=Question.objects.get(slug="fever"), operator="eq", value="no")


def test_rolling_back_resets_the_draft_rules_to_the_version(reviewer):
    original = latest()
    change_rules()
    ruleset_publish(user=reviewer, note="Bad change", failures_confirmed=True)
    assert content_hash(build_snapshot()) != original.content_hash

    ruleset_rollback(version=original, user=reviewer, note="Roll back the bad change")

    assert build_snapshot()["rules"] == original.snapshot["rules"]
    strain = Rule.objects.get(slug="ev_strain_sudden")
    assert (strain.weight, strain.title) != (9.0, "Any sudden pain at all")
    assert "night_pain" not in [c["question"] for c in strain.conditions_as_json()]
    assert Rule.objects.get(slug="ev_overuse_sharp_load").is_active
    assert not Rule.objects.get(slug="ev_new_rule").is_active
    record = strain.history.first()
    assert record.history_change_reason == f"Reset to version {original.number}"
    assert record.history_user == reviewer
    assert record.conditions_json == strain.conditions_as_json()


def test_after_a_rollback_the_next_publish_has_nothing_to_bring_back(reviewer):
    original = latest()
    change_rules()
    ruleset_publish(user=reviewer, note="Bad change", failures_confirmed=True)
    ruleset_rollback(version=original, user=reviewer, note="Roll back")
    assert content_hash(build_snapshot()) == latest().content_hash == original.content_hash


def test_resetting_an_unchanged_draft_changes_no_rule():
    assert draft_rules_reset(version=latest()) == []


def test_the_publish_again_page_says_the_draft_is_reset_and_does_it(client, reviewer):
    client.force_login(reviewer)
    original = latest()
    change_rules()
    ruleset_publish(user=reviewer, note="Bad change", failures_confirmed=True)
    url = reverse("admin:triage_publish_again", args=[original.pk])
    page = client.get(url)
    assertContains(page, f"It also resets the draft rules to version {original.number}")
    response = client.post(
        url,
        {
            "note": "Roll back",
            "content_hash": original.content_hash,
            "confirm_failures": "on",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert build_snapshot()["rules"] == original.snapshot["rules"]
