"""The result page: the urgency card, safety net, plans, causes and the answer summary."""

import re

import pytest
from django.test import override_settings
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains

from tests.triage.journey.walking import (
    URGENCY_CASES,
    submit,
)
from triage.models import Advice, Assessment, Treatment
from triage.results import full_result
from triage.services import ruleset_publish

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("urgency", "heading"),
    [
        ("self_care", "<h1>Look after your back at home for now</h1>"),
        ("soon", "<h1>Book a GP or physiotherapy appointment in the next few days</h1>"),
        ("urgent", "<h1>See a GP today, or call 111</h1>"),
        ("emergency", "<h1>Call 999 now, or go to A&amp;E</h1>"),
    ],
)
def test_result_page_heading_is_the_action_and_the_urgency_card_comes_first(
    client, urgency, heading
):
    assessment = submit(**URGENCY_CASES[urgency])
    assert assessment.urgency == urgency

    response = client.get(assessment.get_absolute_url())

    assertContains(response, f'class="urgency-card urgency-{urgency}"')
    assertContains(response, heading)
    html = response.content.decode()
    assert html.index("<h1>") < html.index("urgency-card") < html.index('id="safety-net"')
    assertContains(response, 'class="urgency-icon"')
    for flag in assessment.result["red_flags"]:
        assertContains(response, flag["title"])
        assertContains(response, flag["reason"])


@pytest.mark.parametrize("urgency", list(URGENCY_CASES))
def test_result_page_always_carries_the_safety_net_disclaimer_date_and_version(client, urgency):
    assessment = submit(**URGENCY_CASES[urgency])

    response = client.get(assessment.get_absolute_url())

    html = response.content.decode()
    net = html[html.index('<section class="safety-net" id="safety-net"') :]
    net = net[: net.index("</section>")]
    assert 'Call <a href="tel:999">999</a> now if' in net
    assert "Get help today if" in net and 'href="tel:111"' in net
    for item in (
        *full_result(assessment)["safety_net_items"]["emergency"],
        *full_result(assessment)["safety_net_items"]["today"],
    ):
        assert f"<li>{escape(item)}</li>" in net
    assertContains(response, escape(full_result(assessment)["disclaimer"]))
    # Reference, date and rules version at the foot, after everything else.
    foot = html.index('<footer class="result-meta">')
    assert foot > html.index("Not a diagnosis.")
    assert f"Rules version {assessment.result['ruleset_version']}." in html[foot:]
    assert f"Checked on {assessment.created:%-d %B %Y}" in html[foot:]
    assert str(assessment.pk) in html[foot:]
    assertContains(response, "You said no to:")


@pytest.mark.parametrize("urgency", ["self_care", "soon"])
def test_self_care_and_soon_results_carry_the_home_plan(client, urgency):
    assessment = submit(**URGENCY_CASES[urgency])
    advice = full_result(assessment)["advice"]
    plan = next(a for a in advice if a["kind"] == "return_to_running")

    response = client.get(assessment.get_absolute_url())

    assertContains(response, "Your home-care plan")
    for item in advice:
        assertContains(response, item["title"])
    assertContains(response, '<table class="table stage-table">')
    for stage in plan["stages"]:
        assertContains(response, stage["activity"])
    assertContains(response, "Treatments and what the evidence says")
    assertContains(response, "<h4>Pros</h4>")
    assertContains(response, 'class="evidence evidence-')
    for tip in full_result(assessment)["prevention"]:
        assertContains(response, tip["title"])


@pytest.mark.parametrize("urgency", ["urgent", "emergency"])
def test_urgent_and_emergency_results_carry_no_exercise_plan(client, urgency):
    assessment = submit(**URGENCY_CASES[urgency])

    response = client.get(assessment.get_absolute_url())

    assertNotContains(response, "Your home-care plan")
    assertNotContains(response, "stage-table")
    assertNotContains(response, "Treatments and what the evidence says")
    assertNotContains(response, "Stop it coming back")
    assertNotContains(response, "Keep moving")


def test_emergency_result_puts_what_to_do_first_and_lists_only_serious_causes(client):
    assessment = submit(saddle_numbness="yes")

    html = client.get(assessment.get_absolute_url()).content.decode()

    assert html.index("urgency-card") < html.index("While you wait for help")
    assert html.index("While you wait for help") < html.index("A doctor needs to rule this out")
    assert "Squeezed nerves at the base of the spine" in html
    # The engine lists only what a doctor must rule out; the page shows what it lists.
    assert [c["slug"] for c in assessment.result["causes"]] == ["cauda_equina_syndrome"]
    assert "Muscle strain (pulled back)" not in html
    assert "likelihood-bar" not in html


def test_result_page_ranks_causes_with_bars_reasons_and_links(client):
    assessment = submit(
        leg_symptoms="one_leg", pain_location=["low_back_centre", "below_knee"], age=40
    )
    causes = assessment.result["causes"]

    html = client.get(assessment.get_absolute_url()).content.decode()

    # Every cause the engine listed is on the page, in its order.
    positions = [html.index(f'href="/causes/{cause["slug"]}/"') for cause in causes]
    assert positions == sorted(positions)
    top = [c for c in causes if c["likelihood"] in ("high", "moderate")][:3]
    assert top and html.count('class="likelihood-bar"') == len(causes)
    folded = html[html.index("Other possible causes") :]
    for cause in causes:
        assert (f'href="/causes/{cause["slug"]}/"' in folded) == (cause not in top)
    assert f'class="likelihood likelihood-{top[0]["likelihood"]}"' in html
    shown = html[: html.index("Other possible causes")]
    assert shown.count('<ul class="cause-reasons">') == len([c for c in top if c["reasons"]])


def test_the_page_groups_causes_without_dropping_any(default_ruleset):
    from triage.journey.presentation import group_causes

    causes = [
        {"slug": "a", "likelihood": "high", "reasons": ["1", "2", "3", "4"]},
        {"slug": "b", "likelihood": "moderate", "reasons": []},
        {"slug": "c", "likelihood": "low", "reasons": ["x"]},
        {"slug": "d", "likelihood": "moderate", "reasons": []},
        {"slug": "e", "likelihood": "moderate", "reasons": []},
        {"slug": "f", "likelihood": "to_rule_out", "serious": True, "reasons": ["y"]},
    ]

    groups = group_causes(causes, default_ruleset)

    assert [c["slug"] for c in groups.to_rule_out] == ["f"]
    assert [c["slug"] for c in groups.top] == ["a", "b", "d"]
    assert [c["slug"] for c in groups.others] == ["c", "e"]
    assert len(groups.top[0]["top_reasons"]) == 3


def test_result_page_summarises_the_answers_for_a_clinician(client):
    assessment = submit(fever="yes", severity=6)

    response = client.get(assessment.get_absolute_url())

    assertContains(response, "You said yes to:")
    assertContains(response, "A temperature of 38°C or more, shivers, or feeling very unwell")
    assertContains(response, "How bad is the pain right now, from 0 to 10?")
    assertContains(response, "<dd>6</dd>", html=False)
    assertContains(response, "Middle of the lower back")


def test_result_page_stays_the_same_after_the_content_changes(client):
    assessment = submit()
    before = client.get(assessment.get_absolute_url()).content.decode()
    Advice.objects.filter(slug="keep_moving").update(title="Move about a lot")
    ruleset_publish(note="a new title")

    after = client.get(assessment.get_absolute_url()).content.decode()

    assert "Keep moving" in before and "Keep moving" in after
    assert "Move about a lot" not in after


def test_an_unknown_result_is_not_found(client):
    response = client.get("/check/result/6f1c1a3e-0000-4000-8000-000000000000/")

    assertContains(response, "Sorry, we cannot find that page", status_code=404)


def test_result_page_has_a_print_stylesheet_summary(client):
    assessment = submit()

    response = client.get(assessment.get_absolute_url())

    assertContains(response, "summary for a doctor or physiotherapist")
    assertContains(response, "data-print")
    assertContains(response, '<meta name="robots" content="noindex">')


def test_result_page_makes_few_queries(client, django_assert_max_num_queries):
    assessment = submit()
    # The assessment's row, its result and answers, its version's row, treatments, related
    # articles, and the published version (at most once a second); the ruleset it was made
    # with is in memory already.
    with django_assert_max_num_queries(6):
        first = client.get(assessment.get_absolute_url())

    # Rendered once: a later visit reads the assessment's row (it may have been purged), the
    # published version if a second has passed, and the rest of the page from the cache.
    with django_assert_max_num_queries(2):
        again = client.get(assessment.get_absolute_url())
    # The same page, but for the form's CSRF token (masked afresh on every request).
    assert _without_csrf(again) == _without_csrf(first)


def _without_csrf(response):
    return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", response.content.decode())


@override_settings(RESULT_PAGE_CACHE_SECONDS=600)
def test_a_purged_result_is_gone_though_its_page_was_cached(client):
    assessment = submit()
    assertContains(client.get(assessment.get_absolute_url()), "Possible causes")

    Assessment.objects.filter(pk=assessment.pk).delete()

    assert client.get(assessment.get_absolute_url()).status_code == 404


def test_a_publish_renders_cached_result_pages_afresh(client):
    assessment = submit()
    client.get(assessment.get_absolute_url())
    # Treatments are read live: a publish must reach a page rendered before it.
    treatment = Treatment.objects.filter(
        causes__slug=assessment.result["causes"][0]["slug"]
    ).first()
    Treatment.objects.filter(pk=treatment.pk).update(name="Renamed by an editor")
    assertNotContains(client.get(assessment.get_absolute_url()), "Renamed by an editor")

    ruleset_publish(note="treatments renamed")

    assertContains(client.get(assessment.get_absolute_url()), "Renamed by an editor")
