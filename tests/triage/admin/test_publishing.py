import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from tests.triage.editors import CALM_ANSWERS, make_user
from triage.compile import build_snapshot, content_hash, draft_ruleset, published_ruleset
from triage.models import Cause, ClinicalTestCase, Rule, RulesetVersion
from triage.outcomes import triage_with
from triage.services import assessment_submit, ruleset_publish

pytestmark = pytest.mark.django_db

PUBLISH_URL = "admin:triage_publish"


@pytest.fixture
def reviewer(client):
    user = make_user("Clinical reviewer")
    client.force_login(user)
    return user


def latest():
    return RulesetVersion.objects.order_by("-number").first()


def rename_cause(name="Pulled muscle"):
    Cause.objects.filter(slug="muscle_strain").update(name=name)


def publish_post(client, note="Renamed a cause for runners.", **extra):
    return client.post(
        reverse(PUBLISH_URL),
        {"note": note, "content_hash": content_hash(build_snapshot()), **extra},
    )


def calm_result():
    _clean, result = triage_with(draft_ruleset(), CALM_ANSWERS)
    return result


def test_publishing_makes_a_new_version_that_runners_get(client, reviewer):
    before = latest()
    rename_cause()
    page = client.get(reverse(PUBLISH_URL))
    assertContains(page, "Pulled muscle")
    assertContains(page, "Every case that must pass passes, and no case is under-triaged.")
    response = publish_post(client)
    version = latest()
    assert response.status_code == 302
    assert version.number == before.number + 1
    assert version.created_by == reviewer
    assert version.note == "Renamed a cause for runners."
    assert version.content_hash == content_hash(build_snapshot())
    cases = ClinicalTestCase.objects.count()
    must_pass = ClinicalTestCase.objects.filter(corpus="").count()
    summary = version.case_summary
    assert (summary["cases"], summary["confirmed"]) == (cases, [])
    assert must_pass <= summary["passed"] <= cases
    corpus = ClinicalTestCase.objects.exclude(corpus="").count()
    assert sum(figures["cases"] for figures in summary["corpus"].values()) == corpus
    ruleset, version_pk = published_ruleset()
    assert version_pk == version.pk
    assert ruleset.causes_by_slug["muscle_strain"].name == "Pulled muscle"
    assessment = assessment_submit(answers=CALM_ANSWERS)
    assert assessment.ruleset_version == version


def test_publishing_is_refused_while_a_case_under_triages(client, reviewer):
    before = latest()
    ClinicalTestCase.objects.create(
        name="Calm runner must see a doctor today",
        answers=CALM_ANSWERS,
        expected_urgency="urgent",
    )
    rename_cause()
    page = client.get(reverse(PUBLISH_URL))
    assertContains(page, "Publishing is refused")
    assertContains(page, "Calm runner must see a doctor today")
    assertNotContains(page, 'type="submit" class="default" value="Publish"')
    response = publish_post(client, confirm_failures="on")
    assert response.status_code == 200
    assertContains(response, "Publishing is refused")
    assert latest() == before


def test_the_service_refuses_under_triage_even_when_failures_are_confirmed():
    ClinicalTestCase.objects.create(
        name="Under-triaged", answers=CALM_ANSWERS, expected_urgency="emergency"
    )
    with pytest.raises(ValidationError) as caught:
        ruleset_publish(note="Try", failures_confirmed=True)
    assert caught.value.code == "under_triage"


def test_other_failures_need_confirming_with_a_note(client, reviewer):
    before = latest()
    result = calm_result()
    top = {cause["slug"] for cause in result["causes"][:3]}
    absent = next(
        slug for slug in ("spinal_stenosis", "si_joint", "facet_joint") if slug not in top
    )
    ClinicalTestCase.objects.create(
        name="Calm runner with the wrong cause",
        answers=CALM_ANSWERS,
        expected_urgency=result["urgency"],
        expected_causes=[absent],
    )
    rename_cause()
    page = client.get(reverse(PUBLISH_URL))
    assertContains(page, "only after confirming them")
    assertContains(page, "confirm_failures")

    refused = publish_post(client)
    assertContains(refused, "confirm them to publish anyway")
    assert latest() == before

    confirmed = publish_post(
        client, note="The case expects a cause we no longer rank; reviewed.", confirm_failures="on"
    )
    assert confirmed.status_code == 302
    version = latest()
    assert version.number == before.number + 1
    assert version.case_summary["confirmed"] == ["Calm runner with the wrong cause"]


def test_the_service_needs_a_note_for_confirmed_failures():
    result = calm_result()
    case = ClinicalTestCase.objects.create(
        name="Over-triaged", answers=CALM_ANSWERS, expected_urgency="self_care"
    )
    if result["urgency"] == "self_care":
        case.expected_causes = ["spinal_stenosis"]
        case.save()
    with pytest.raises(ValidationError) as caught:
        ruleset_publish(note=" ", failures_confirmed=True)
    assert caught.value.code == "note_required"


def test_publishing_is_refused_when_the_rules_changed_while_reading(client, reviewer):
    before = latest()
    rename_cause()
    digest = content_hash(build_snapshot())
    rename_cause("Strained muscle")
    response = client.post(reverse(PUBLISH_URL), {"note": "Rename", "content_hash": digest})
    assertContains(response, "The rules changed while you were reading")
    assert latest() == before


def test_an_unchanged_draft_is_not_published_again(client, reviewer):
    before = latest()
    page = client.get(reverse(PUBLISH_URL))
    assertContains(page, "There is nothing to publish")
    publish_post(client)
    assert latest() == before


def test_publishing_an_earlier_version_again_rolls_back(client, reviewer):
    original = latest()
    original_name = Cause.objects.get(slug="muscle_strain").name
    rename_cause()
    publish_post(client)
    renamed = latest()
    assert published_ruleset()[0].causes_by_slug["muscle_strain"].name == "Pulled muscle"

    url = reverse("admin:triage_publish_again", args=[original.pk])
    page = client.get(url)
    assertContains(page, f"publishes the rules of version {original.number} again")
    assertContains(page, original_name)
    response = client.post(
        url, {"note": "Roll back the rename", "content_hash": original.content_hash}
    )
    assert response.status_code == 302
    rolled_back = latest()
    assert rolled_back.number == renamed.number + 1
    assert rolled_back.based_on == original
    assert rolled_back.snapshot == original.snapshot
    assert published_ruleset()[0].causes_by_slug["muscle_strain"].name == original_name
    # The draft keeps the editors' rename; only what runners get went back.
    assert Cause.objects.get(slug="muscle_strain").name == "Pulled muscle"


def test_editors_cannot_publish(client):
    client.force_login(make_user("Editor"))
    rename_cause()
    before = latest()
    assert publish_post(client).status_code == 403
    assert latest() == before


def test_the_publish_page_runs_in_bounded_queries(client, reviewer, django_assert_max_num_queries):
    rename_cause()
    with django_assert_max_num_queries(25):
        client.get(reverse(PUBLISH_URL))


def test_the_versions_list_links_to_publishing_for_reviewers_only(client, reviewer):
    page = client.get(reverse("admin:triage_rulesetversion_changelist"))
    assertContains(page, reverse(PUBLISH_URL))
    client.force_login(make_user("Editor"))
    page = client.get(reverse("admin:triage_rulesetversion_changelist"))
    assertNotContains(page, reverse(PUBLISH_URL))
    assertContains(page, reverse("admin:triage_compare"))


def test_comparing_two_versions_names_the_added_and_removed_rules(
    client, reviewer, django_assert_max_num_queries
):
    first = latest()
    snapshot = build_snapshot()
    # An evidence rule: removing a warning sign would need a reviewer's reason.
    index = next(i for i, rule in enumerate(snapshot["rules"]) if rule["kind"] == "evidence")
    removed = snapshot["rules"].pop(index)
    snapshot["rules"].append(
        {
            "slug": "ev_sudden_onset",
            "kind": "evidence",
            "title": "Sudden start",
            "conditions": [{"question": "onset", "operator": "eq", "value": "sudden"}],
            "cause": "muscle_strain",
            "weight": 1.0,
        }
    )
    second = ruleset_publish(note="Test", snapshot=snapshot)
    with django_assert_max_num_queries(15):
        response = client.get(
            reverse("admin:triage_compare"), {"old": first.number, "new": second.number}
        )
    assertContains(response, "ev_sudden_onset")
    assertContains(response, removed["slug"])
    diff = {section.key: section for section in response.context["diff"]}
    assert ("ev_sudden_onset", "Sudden start") in diff["rules"].added
    assert (removed["slug"], removed["title"]) in diff["rules"].removed


def test_the_compare_page_shows_the_draft_against_the_published_version(client, reviewer):
    rename_cause()
    response = client.get(reverse("admin:triage_compare"))
    assertContains(response, "Pulled muscle")
    bad = client.get(reverse("admin:triage_compare"), {"old": "999", "new": "draft"})
    assert bad.status_code == 200
    assertContains(bad, "Select a valid choice")


def lower_saddle_numbness_uncaught():
    """Saddle numbness to "see a doctor today", with no case left that would catch it."""
    Rule.objects.filter(slug="rf_saddle_numbness").update(urgency="urgent")
    ClinicalTestCase.objects.filter(answers__saddle_numbness="yes").delete()


def test_a_weakened_warning_sign_is_shown_first_in_red_and_needs_a_reason(client, reviewer):
    before = latest()
    lower_saddle_numbness_uncaught()
    page = client.get(reverse(PUBLISH_URL))
    content = page.content.decode()
    assert content.index('id="safety-diff"') < content.index("Clinical test cases</h2>")
    assertContains(page, "These changes weaken warning signs")
    assertContains(
        page,
        "New numbness or tingling between your legs or around your bottom: "
        "emergency → see a doctor today",
    )
    assertContains(page, 'name="safety_reason"')

    refused = publish_post(client, note="Saddle numbness to today", confirm_failures="on")
    assert refused.status_code == 200
    assertContains(refused, "Give the clinical reason for weakening these warning signs.")
    assert latest() == before

    published = publish_post(
        client,
        note="Saddle numbness to today",
        confirm_failures="on",
        safety_reason="Trial of same-day pathway, approved by the clinical board.",
    )
    assert published.status_code == 302
    version = latest()
    assert version.number == before.number + 1
    assert version.safety_confirmation["by"] == reviewer.get_username()
    assert version.safety_confirmation["reason"].startswith("Trial of same-day pathway")
    assert version.safety_confirmation["changes"] == [
        "New numbness or tingling between your legs or around your bottom: "
        "emergency → see a doctor today"
    ]


def test_a_page_with_no_weakened_sign_shows_no_safety_diff(client, reviewer):
    rename_cause()
    page = client.get(reverse(PUBLISH_URL))
    assertNotContains(page, 'id="safety-diff"')
    assertNotContains(page, 'name="safety_reason"')


def test_a_versions_page_says_its_test_cases_in_words_not_json(client, reviewer):
    rename_cause()
    publish_post(client)
    version = latest()
    summary = version.case_summary

    page = client.get(reverse("admin:triage_rulesetversion_change", args=[version.pk]))

    assertContains(page, f"{summary['passed']} of {summary['cases']} clinical test cases passed.")
    assertContains(page, "Published cases: ")
    assertContains(page, "No warning sign was weakened.")
    assertContains(page, version.content_hash[:12])
    assertNotContains(page, '"cases":')
    assertNotContains(page, version.content_hash)


def test_a_weakened_warning_sign_is_shown_with_who_confirmed_it_and_why_escaped():
    from triage.admin.versions import safety_in_words

    html = safety_in_words(
        {"by": "dr_reviewer", "reason": "Duplicate rule", "changes": ["Removed <b>fever</b>"]}
    )

    assert "Confirmed by dr_reviewer." in html
    assert "Their reason: Duplicate rule" in html
    assert "<li>Removed &lt;b&gt;fever&lt;/b&gt;</li>" in html
