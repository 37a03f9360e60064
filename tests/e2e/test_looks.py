"""How the pages look: one calm style of our own, and urgency cards told apart at a glance."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE
from tests.e2e.pages import ANSWERS_BY_URGENCY
from triage.services import assessment_submit

pytestmark = pytest.mark.browser

CARD = """() => {
    const card = document.querySelector(".urgency-card");
    const header = card.querySelector(".urgency-card-header");
    const box = header.getBoundingClientRect();
    return {
        background: getComputedStyle(header).backgroundColor,
        colour: getComputedStyle(header).color,
        icon: card.querySelector(".urgency-icon path").getAttribute("d"),
        level: card.querySelector(".urgency-card-level").textContent.trim().toLowerCase(),
        heading: document.querySelector("h1").textContent.trim().toLowerCase(),
        bottom: box.bottom,
        width: box.width,
    };
}"""


def rgb(css):
    return tuple(int(part) for part in css[css.index("(") + 1 : css.index(")")].split(",")[:3])


def test_each_urgency_card_has_its_own_colour_and_icon_on_the_first_screen(page, snap):
    cards = {}
    for urgency, answers in ANSWERS_BY_URGENCY.items():
        page.goto(assessment_submit(answers=answers).get_absolute_url())
        cards[urgency] = page.evaluate(CARD)
        snap(page, urgency)

    backgrounds = [rgb(card["background"]) for card in cards.values()]
    for index, one in enumerate(backgrounds):
        for other in backgrounds[index + 1 :]:
            # Far apart in colour: the sum of the channel differences, out of 765.
            assert sum(abs(a - b) for a, b in zip(one, other, strict=True)) > 120
    red, green, blue = rgb(cards["emergency"]["background"])
    assert red > 180 and green < 80 and blue < 80
    assert len({card["icon"] for card in cards.values()}) == 4
    for card in cards.values():
        # The page's heading says what to do; the card's level line does not repeat it.
        assert card["heading"] != card["level"]
        # The whole coloured header is on a phone's first screen, across its full width.
        assert card["bottom"] < PHONE["height"]
        assert card["width"] > PHONE["width"] * 0.8


PAGE_STYLE = """() => ({
    sheets: [...document.styleSheets].map(sheet => sheet.href),
    scripts: [...document.scripts].map(script => script.src),
    fonts: [...document.fonts].map(font => font.family),
    wide: document.documentElement.scrollWidth,
})"""


def test_every_page_uses_our_two_stylesheets_our_script_no_web_fonts_and_fits_a_phone(
    page, live_server
):
    assessment = assessment_submit(answers=ANSWERS_BY_URGENCY["soon"])
    paths = [
        "/",
        "/check/",
        assessment.get_absolute_url(),
        "/articles/",
        "/articles/lower-back-pain-after-running/",
        "/causes/spinal_stenosis/",
    ]
    static = f"{live_server.url}/static/"
    for path in paths:
        page.goto(path)
        expect(page.locator("main")).to_be_visible()
        style = page.evaluate(PAGE_STYLE)
        assert style["sheets"] == [
            f"{static}vendor/bootstrap/bootstrap.min.css",
            f"{static}css/site.css",
        ], path
        assert style["scripts"] == [f"{static}js/site.js"], path
        assert style["fonts"] == [], path
        assert style["wide"] <= PHONE["width"], path
