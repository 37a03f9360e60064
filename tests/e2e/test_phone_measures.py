"""Measured on a phone (390x844): how tall each result is, where the safety net starts, how
many questions the article's three stories are asked, and how soon an emergency ends the check.
The figures are kept in artifacts/e2e/figures.json for the record."""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS, PHONE
from tests.e2e.pages import ANSWERS_BY_URGENCY, RESULT_URL, axe_violations
from tests.triage.journey.walking import JOHN, MARY, SARAH
from triage.services import assessment_submit

pytestmark = pytest.mark.browser
FIGURES = {}


def _record(key, value):
    FIGURES[key] = value
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "figures.json").write_text(json.dumps(FIGURES, indent=2, sort_keys=True))


def _result_page(page, urgency):
    assessment = assessment_submit(answers=ANSWERS_BY_URGENCY[urgency])
    assert assessment.urgency == urgency
    page.set_viewport_size(PHONE)
    page.goto(assessment.get_absolute_url())
    return assessment


@pytest.mark.parametrize("urgency", ["self_care", "soon", "urgent", "emergency"])
def test_each_result_on_a_phone_is_short_with_the_safety_net_near_the_top(page, snap, urgency):
    _result_page(page, urgency)

    height = page.evaluate("document.documentElement.scrollHeight")
    net = page.locator("#safety-net").bounding_box()["y"]
    _record(f"result_height_px.{urgency}", height)
    _record(f"safety_net_top_px.{urgency}", round(net))
    snap(page, "result")
    if urgency == "self_care":
        assert height <= 6000
        assert net <= 1700
    assert axe_violations(page) == []


@pytest.mark.parametrize(("urgency", "number"), [("urgent", "111"), ("emergency", "999")])
def test_an_urgent_or_emergency_result_fits_its_action_and_phone_link_on_the_first_screen(
    page, urgency, number
):
    _result_page(page, urgency)

    expect(page.get_by_role("heading", level=1)).to_be_in_viewport(ratio=1)
    call = page.locator(".urgency-card").get_by_role("link", name=f"Call {number}")
    expect(call).to_have_attribute("href", f"tel:{number}")
    box = call.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"]


def _answer_by_slug(page, slug, value):
    block = page.locator(f"#question-{slug}")
    if not block.count() or not block.is_visible():
        return False
    if isinstance(value, list):
        for choice in value:
            block.locator(f'input[value="{choice}"]').check()
    elif block.locator('input[type="number"]').count():
        block.locator('input[type="number"]').fill(str(value))
    else:
        block.locator(f'input[value="{value}"]').check()
    return True


def _walk_story(page, story, signs=()):
    """Walk a story through the pages; returns (pages, shown, answered) outside the signs."""
    answers = {**story["about"], **story["running"], **story["pain"]}
    page.goto("/check/")
    pages = shown = answered = 0
    last = None
    while not RESULT_URL.search(page.url):
        assert pages < 12, page.url
        if page.locator("#warning-signs").count():
            ticked = [s for s in signs if page.locator(f"#question-{s}").count()]
            for sign in ticked:
                page.locator(f"#question-{sign} input").check()
            if not ticked:
                page.get_by_label("None of these").check()
        else:
            selector = ".question.is-revealed" if page.url == last else ".question"
            for slug, value in answers.items():
                if page.locator(f"{selector}#question-{slug}").count():
                    answered += _answer_by_slug(page, slug, value)
            shown += sum(1 for block in page.locator(selector).all() if block.is_visible())
        last = page.url
        with page.expect_navigation():
            page.get_by_role("button", name=re.compile(r"^(Continue|See my result)$")).click()
        pages += 1
    return pages, shown, answered


@pytest.mark.parametrize(("name", "story"), [("sarah", SARAH), ("john", JOHN), ("mary", MARY)])
def test_the_articles_stories_are_asked_only_what_could_change_their_result(page, name, story):
    pages, shown, answered = _walk_story(page, story)

    _record(f"story.{name}", {"pages": pages, "shown": shown, "answered": answered})
    # The thirteen required questions are always asked; at most 39 questions lie outside the
    # warning signs, and the engine leaves out those that could not change the result.
    assert 13 <= shown < 39
    assert answered <= shown
    assert pages <= 7


@pytest.mark.parametrize("sign", ["saddle_numbness", "chest_pain", "sudden_tearing_pain"])
def test_a_runner_with_an_emergency_sign_reaches_the_emergency_result_after_two_pages(page, sign):
    pages, _shown, _answered = _walk_story(page, JOHN, signs=[sign])

    _record(f"pages_to_emergency.{sign}", pages)
    assert pages <= 2
    expect(page.get_by_role("heading", level=1)).to_have_text("Call 999 now, or go to A&E")


def test_each_warning_sign_page_fits_two_phone_screens(page, snap):
    page.goto("/check/")
    page.locator("#question-age input").fill("35")
    page.locator('#question-sex input[value="male"]').check()
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    for number in (1, 2):
        form = page.locator("form.step-form").bounding_box()
        top = page.get_by_role("heading", level=1).bounding_box()["y"]
        _record(f"warning_sign_page_px.{number}", round(form["y"] + form["height"] - top))
        assert form["y"] + form["height"] - top <= 2 * PHONE["height"]
        snap(page, f"signs-{number}")
        page.get_by_label("None of these").check()
        with page.expect_navigation():
            page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(re.compile("/check/running/$"))


def test_the_home_pages_promise_is_the_measured_number_of_questions(page):
    """The stories see 35 to 50 questions, warning signs included (figures.json)."""
    signs = 18
    counts = [_walk_story(page, story)[1] + signs for story in (SARAH, JOHN, MARY)]
    page.goto("/")
    promise = page.locator(".home-start-note").inner_text()
    promised = int(re.search(r"about (\d+) questions", promise).group(1))
    _record("questions_with_signs", counts)
    assert abs(promised - sum(counts) / len(counts)) <= 5
