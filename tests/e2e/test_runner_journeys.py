"""A runner in pain, on a phone, in a real browser: every step, the shortcuts and the print-out."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE
from tests.e2e.pages import (
    CALM_RUNNER,
    RESULT_URL,
    STEP_URLS,
    answer,
    answer_page,
    answer_step,
    answers_of,
    go_on,
    question,
    start_check,
    urgency_heading,
    walk,
)
from triage.engine import contract
from triage.models import Assessment

pytestmark = pytest.mark.browser


def stored_assessment(page):
    return Assessment.objects.get(pk=page.url.rstrip("/").rsplit("/", 1)[1])


def test_a_runner_on_a_phone_answers_every_step_and_reads_a_self_care_result(page, snap):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lower back pain from running")
    snap(page, "home")

    taken = walk(page, CALM_RUNNER, snap=snap)

    expect(urgency_heading(page)).to_have_text("Look after your back at home for now")
    expect(page.get_by_role("heading", name="Possible causes", exact=True)).to_be_visible()
    expect(page.locator("summary", has_text="Your home-care plan")).to_be_visible()
    expect(page.locator("#safety-net")).to_contain_text("Get help today if")
    # The page fits the phone: nothing makes it scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    snap(page, "result")
    assessment = stored_assessment(page)
    assert assessment.urgency == "self_care"
    # Every answer the runner gave to a question put to them is kept.
    assert taken["answered"] == len(
        [slug for slug in assessment.answers if slug not in contract.WARNING_SIGNS]
    ) - len([v for v in assessment.answers.values() if v == []])


def test_a_runner_who_ticks_an_emergency_sign_lands_on_the_emergency_result_at_once(page, snap):
    start_check(page)
    answer_step(page, CALM_RUNNER["about-you"])
    go_on(page)
    answer_step(page, ["saddle_numbness"])
    snap(page, "sign-ticked")
    go_on(page)

    expect(page).to_have_url(RESULT_URL)
    expect(urgency_heading(page)).to_have_text("Call 999 now, or go to A&E")
    call = page.locator(".urgency-card").get_by_role("link", name="Call 999")
    expect(call).to_have_attribute("href", "tel:999")
    # The way to get help is on the first screen, without scrolling.
    expect(call).to_be_in_viewport()
    expect(page.get_by_role("heading", name="Your home-care plan", exact=True)).to_have_count(0)
    snap(page, "result")
    assessment = stored_assessment(page)
    assert assessment.urgency == "emergency"
    assert "running_experience" not in assessment.answers


def test_a_runner_who_goes_back_two_steps_finds_the_answers_kept(page):
    start_check(page)
    walk_to_pain(page)
    answer(page, "severity", 6)

    page.get_by_role("button", name="Back", exact=True).click()
    expect(
        question(page, "running_experience").get_by_role("radio", name="More than a year")
    ).to_be_checked()
    expect(
        question(page, "load_change").get_by_role("radio", name="No real change")
    ).to_be_checked()
    page.get_by_role("button", name="Back", exact=True).click()

    expect(page).to_have_url(re.compile(STEP_URLS["more-warning-signs"] + "$"))
    expect(page.get_by_label("None of these")).to_be_checked()
    go_on(page)
    go_on(page)
    # What the runner typed before going back is still there.
    expect(question(page, "severity").get_by_role("spinbutton")).to_have_value("6")


def walk_to_pain(page):
    start_check(page)
    for slug in ("about-you", "warning-signs", "more-warning-signs", "running"):
        answer_step(page, CALM_RUNNER.get(slug, []))
        go_on(page)
    expect(page).to_have_url(re.compile(STEP_URLS["pain"] + "$"))


def test_a_runner_picks_where_it_hurts_by_clicking_the_body_map(page, snap):
    walk_to_pain(page)
    buttock_box = page.get_by_role("checkbox", name="Deep in the buttock")
    one_side_box = page.get_by_role("checkbox", name="One side of the lower back")

    # The right buttock and the right side of the back; the shoulder blades on, then off again.
    page.locator('[data-choice="buttock"] path').nth(1).click()
    page.locator('[data-choice="low_back_one_side"] path').nth(1).click()
    page.locator('[data-choice="between_shoulder_blades"]').click()
    page.locator('[data-choice="between_shoulder_blades"]').click()

    expect(buttock_box).to_be_checked()
    expect(one_side_box).to_be_checked()
    expect(page.get_by_role("checkbox", name="Between the shoulder blades")).not_to_be_checked()
    expect(page.locator('[data-choice="buttock"]')).to_have_class(re.compile("is-selected"))
    expect(page.locator('[data-choice="between_shoulder_blades"]')).not_to_have_class(
        re.compile("is-selected")
    )
    snap(page, "body-map")
    answers, _signs = answers_of(CALM_RUNNER)
    del answers["pain_location"]
    while not RESULT_URL.search(page.url):
        answer_page(page, answers, [])
        with page.expect_navigation():
            go_on(page)
    assert stored_assessment(page).answers["pain_location"] == ["low_back_one_side", "buttock"]


def pdf_pages(pdf):
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def test_a_runner_prints_a_one_page_summary_of_the_result(page, snap):
    walk(page, CALM_RUNNER)
    page.evaluate("window.print = () => { window.printed = true; }")
    page.get_by_role("button", name="Print a summary for your doctor").click()
    assert page.evaluate("window.printed") is True

    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".result-actions")).to_be_hidden()
    expect(urgency_heading(page)).to_be_visible()
    # Everything folded on screen is opened on paper.
    expect(page.get_by_role("heading", name="Warning signs", exact=True)).to_be_visible()
    pdf = page.pdf(format="A4", prefer_css_page_size=True, print_background=True)
    snap.keep("summary.pdf", pdf)
    assert pdf_pages(pdf) == 1


def test_an_emergency_result_also_prints_on_one_page(page, snap):
    start_check(page)
    answer_step(page, CALM_RUNNER["about-you"])
    go_on(page)
    answer_step(page, ["chest_pain", "saddle_numbness", "bladder_change"])
    go_on(page)
    expect(page).to_have_url(RESULT_URL)

    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", prefer_css_page_size=True, print_background=True)
    snap.keep("summary.pdf", pdf)
    assert pdf_pages(pdf) == 1


def test_the_whole_self_care_journey_works_without_javascript(visit, snap):
    page = visit(java_script_enabled=False).page
    runner = {
        **CALM_RUNNER,
        "about-you": {"age": 29, "sex": "Female", "pregnant_or_postpartum": "No"},
        "more": {"periods_missed": "No"},
    }

    taken = walk(page, runner, snap=snap)

    expect(urgency_heading(page)).to_have_text("Look after your back at home for now")
    # The print button needs a script, so it is not offered without one.
    expect(page.get_by_role("button", name="Print a summary for your doctor")).to_have_count(0)
    snap(page, "result")
    answers = stored_assessment(page).answers
    assert answers["age"] == 29 and answers["sex"] == "female"
    assert taken["pages"] <= 7


def test_without_javascript_a_question_an_answer_brings_up_is_asked_on_the_page_sent_back(
    visit, snap
):
    page = visit(java_script_enabled=False).page
    # Severe pain that stops daily life: whether painkillers helped could make it urgent.
    runner = {
        **CALM_RUNNER,
        "pain": {**CALM_RUNNER["pain"], "severity": 8},
        "more": {"self_care_tried": ["Painkillers"]},
    }
    answers, signs = answers_of(runner)
    start_check(page)
    while not page.url.endswith(STEP_URLS["more"]):
        answer_page(page, answers, signs)
        go_on(page)
    expect(question(page, "self_care_helped")).to_be_hidden()
    answer_page(page, answers, signs)
    go_on(page)

    expect(page.get_by_role("status")).to_contain_text(re.compile(r"brings? up"))
    snap(page, "revealed")
    answer(page, "self_care_helped", "No")
    go_on(page)
    expect(page).to_have_url(RESULT_URL)
    assert stored_assessment(page).answers["self_care_helped"] == "no"


def test_every_request_of_a_journey_goes_to_our_own_server_and_is_answered(visit):
    runner = visit()
    page = runner.page
    walk(page, CALM_RUNNER)
    page.get_by_role("link", name="Articles").first.click()
    page.locator("article h2 a").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    assert len(runner.requested) > 10
    assert any("/static/vendor/bootstrap/" in url for url in runner.requested)
    assert runner.foreign_requests() == []
    # Every request answered: no missing page, stylesheet, script or image.
    assert runner.failed == []
