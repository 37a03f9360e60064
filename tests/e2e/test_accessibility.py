"""Accessibility in a real browser: axe-core on every kind of page, the keyboard alone, focus."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.pages import (
    ANSWERS_BY_URGENCY,
    CALM_RUNNER,
    RESULT_URL,
    STEP_URLS,
    answer_page,
    answer_step,
    answers_of,
    axe_violations,
    go_on,
    start_check,
    urgency_heading,
)
from triage.services import assessment_submit

pytestmark = pytest.mark.browser


def test_axe_finds_nothing_on_the_home_page_and_every_step(page):
    page.goto("/")
    found = axe_violations(page)
    everything, _signs = answers_of(CALM_RUNNER)
    start_check(page)
    # Each step twice: as it first appears, and sent back with its errors shown.
    for slug in CALM_RUNNER:
        expect(page).to_have_url(re.compile(STEP_URLS[slug] + "$"))
        found += axe_violations(page)
        if slug != "more":  # the last page asks nothing that must be answered
            go_on(page)
            expect(page.get_by_role("alert")).to_contain_text("Please check your answers")
            found += axe_violations(page)
        answer_page(page, everything, [])
        go_on(page)
    expect(page).to_have_url(RESULT_URL)
    assert found == []


def test_axe_finds_nothing_on_a_result_of_each_urgency(page):
    found = []
    for urgency, answers in ANSWERS_BY_URGENCY.items():
        assessment = assessment_submit(answers=answers)
        assert assessment.urgency == urgency
        page.goto(assessment.get_absolute_url())
        found += axe_violations(page)
    assert found == []


def test_axe_finds_nothing_on_the_articles_a_cause_and_the_admin_login(page):
    found = []
    page.goto("/articles/")
    found += axe_violations(page)
    page.locator("article h2 a").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    found += axe_violations(page)
    page.goto("/articles/?q=disc")
    found += axe_violations(page)
    page.goto("/causes/sciatica/")
    found += axe_violations(page)
    page.goto("/admin/login/")
    found += axe_violations(page)
    assert found == []


# --- The keyboard alone ------------------------------------------------------------------------

FOCUSED = """() => {
    const e = document.activeElement;
    return {name: e.name || "", type: e.type || "", value: e.value || "",
            text: (e.textContent || "").trim()};
}"""


def tab_to(page, name=None, *, value=None, text=None, limit=120):
    """Press Tab until the control wanted has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if (
            (name is None or focused["name"] == name)
            and (value is None or focused["value"] == value)
            and (text is None or focused["text"] == text)
        ):
            return focused
    raise AssertionError(f"Tab never reached {name or text!r} on {page.url}")


def pick_radio(page, name, value):
    """Tab into a radio group, then pick with the arrow keys (Space for the first choice)."""
    tab_to(page, name)
    values = page.locator(f"input[type=radio][name={name}]").evaluate_all(
        "inputs => inputs.map(input => input.value)"
    )
    steps = values.index(value)
    if steps == 0:
        page.keyboard.press("Space")
    for _ in range(steps):
        page.keyboard.press("ArrowDown")
    expect(page.locator(f"input[name={name}][value={value}]")).to_be_checked()


def press_button(page, text):
    tab_to(page, text=text)
    page.keyboard.press("Enter")


def test_every_step_can_be_completed_with_the_keyboard_alone(page):
    page.goto("/")
    focused = tab_to(page, text="Skip to main content", limit=1)
    assert focused["text"] == "Skip to main content"
    expect(page.get_by_role("link", name="Skip to main content")).to_be_visible()
    tab_to(page, text="Start the check")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(STEP_URLS["about-you"] + "$"))
    tab_to(page, "age")
    page.keyboard.type("35")
    pick_radio(page, "sex", "male")
    press_button(page, "Continue")

    for step in ("warning-signs", "more-warning-signs"):
        expect(page).to_have_url(re.compile(STEP_URLS[step] + "$"))
        tab_to(page, "none")
        page.keyboard.press("Space")
        press_button(page, "Continue")

    expect(page).to_have_url(re.compile(STEP_URLS["running"] + "$"))
    pick_radio(page, "running_experience", "over_1_year")
    pick_radio(page, "load_change", "none")
    press_button(page, "Continue")

    expect(page).to_have_url(re.compile(STEP_URLS["pain"] + "$"))
    tab_to(page, "pain_location", value="low_back_centre")
    page.keyboard.press("Space")
    pick_radio(page, "onset", "gradual")
    pick_radio(page, "onset_trigger", "run")
    pick_radio(page, "duration", "under_1_week")
    pick_radio(page, "trend", "improving")
    tab_to(page, "severity")
    page.keyboard.type("3")
    pick_radio(page, "leg_symptoms", "none")
    pick_radio(page, "leg_weakness", "none")
    pick_radio(page, "daily_impact", "some")
    press_button(page, "Continue")

    expect(page).to_have_url(re.compile(STEP_URLS["more"] + "$"))
    tab_to(page, "character", value="ache")
    page.keyboard.press("Space")
    press_button(page, "See my result")

    expect(page).to_have_url(RESULT_URL)
    expect(urgency_heading(page)).to_have_text("Look after your back at home for now")


FOCUS_STYLE = """() => {
    const s = getComputedStyle(document.activeElement);
    return {outline: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow,
            tag: document.activeElement.tagName, name: document.activeElement.name || "",
            text: (document.activeElement.textContent || "").trim().slice(0, 40)};
}"""


def test_focus_is_visible_on_every_control_a_keyboard_reaches(visit):
    # Reduced motion: Bootstrap's focus transitions are off, so the style read is the final one.
    page = visit(reduced_motion="reduce").page
    start_check(page)
    answer_step(page, CALM_RUNNER["about-you"])
    go_on(page)
    for slug in ("warning-signs", "more-warning-signs", "running"):
        answer_step(page, CALM_RUNNER[slug])
        go_on(page)
    answer_step(page, CALM_RUNNER["pain"])
    go_on(page)
    # The last page: questions of every kind, links and buttons.
    expect(page).to_have_url(re.compile(STEP_URLS["more"] + "$"))

    seen, unclear = set(), []
    for _ in range(120):
        page.keyboard.press("Tab")
        style = page.evaluate(FOCUS_STYLE)
        if style["tag"] == "BODY":
            break
        seen.add(style["tag"])
        if style["outline"] != "solid" or style["width"] < 2:
            unclear.append(style)
    assert {"A", "INPUT", "BUTTON"} <= seen
    assert unclear == []
