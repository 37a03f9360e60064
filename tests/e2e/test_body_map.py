"""The body map on a phone (390x844): every region a 44 px tap target that ticks its own box,
captions clear of the figures, numbers readable in light and dark mode. The sizes are kept in
artifacts/e2e/body_map.json for the record."""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS, DESKTOP, PHONE
from tests.e2e.pages import axe_violations
from tests.e2e.test_runner_journeys import walk_to_pain
from triage.engine import contract

pytestmark = pytest.mark.browser
CHOICES = contract.QUESTIONS["pain_location"][1]
TARGET_PX = 44
FIGURES = {}


def _record(key, value):
    FIGURES[key] = value
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "body_map.json").write_text(json.dumps(FIGURES, indent=2, sort_keys=True))


def _targets(page):
    """{choice: [bounding box of each of its tap targets]}, as drawn now."""
    return {
        region.get_attribute("data-choice"): [
            hit.bounding_box() for hit in region.locator(".body-map-hit").all()
        ]
        for region in page.locator("[data-choice]").all()
    }


def _boxes(locator):
    return [box for box in (each.bounding_box() for each in locator.all()) if box]


def _overlap(a, b):
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def _ticked(page):
    return sorted(
        box.get_attribute("value")
        for box in page.locator('input[name="pain_location"]:checked').all()
    )


def test_every_region_is_a_44px_target_on_a_phone_and_none_overlap(page):
    walk_to_pain(page)
    page.set_viewport_size(PHONE)

    targets = _targets(page)
    assert sorted(targets) == sorted(CHOICES)
    sizes = [min(box["width"], box["height"]) for boxes in targets.values() for box in boxes]
    _record("smallest_target_px_at_390", round(min(sizes), 1))
    _record(
        "figure_height_px_at_390", round(page.locator(".body-map-svg").bounding_box()["height"])
    )
    for choice, boxes in targets.items():
        for box in boxes:
            assert box["width"] >= TARGET_PX and box["height"] >= TARGET_PX, (choice, box)
    for choice, boxes in targets.items():
        for other, other_boxes in targets.items():
            if other != choice:
                assert not any(_overlap(a, b) for a in boxes for b in other_boxes), (choice, other)


def test_the_drawing_fits_a_small_phone_without_scrolling_sideways(page):
    walk_to_pain(page)
    page.set_viewport_size({"width": 320, "height": 640})

    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    box = page.locator(".body-map-svg").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320


def test_clicking_each_region_ticks_exactly_its_own_box(page):
    walk_to_pain(page)
    page.set_viewport_size(PHONE)

    for choice, boxes in _targets(page).items():
        region = page.locator(f'[data-choice="{choice}"]')
        # Each side of a region, in the middle and just inside a corner of its target.
        for box in boxes:
            for x, y in ((0.5, 0.5), (0.06, 0.06)):
                page.mouse.click(box["x"] + x * box["width"], box["y"] + y * box["height"])
                assert _ticked(page) == [choice]
                expect(region).to_have_class(re.compile("is-selected"))
                page.mouse.click(box["x"] + x * box["width"], box["y"] + y * box["height"])
                assert _ticked(page) == []
                expect(region).not_to_have_class(re.compile("is-selected"))


def test_each_number_sits_in_its_region_and_matches_its_box(page):
    walk_to_pain(page)

    keys = {
        box.get_attribute("value"): box.locator("xpath=..").locator(".body-map-key").inner_text()
        for box in page.locator('input[name="pain_location"]').all()
    }
    marks = []
    for choice, boxes in _targets(page).items():
        numbers = page.locator(f'[data-choice="{choice}"] .body-map-number')
        assert [text.strip() for text in numbers.all_text_contents()] == [keys[choice]] * len(
            boxes
        )
        for number, box in zip(_boxes(numbers), boxes, strict=True):
            assert (
                box["x"] <= number["x"]
                and number["x"] + number["width"] <= box["x"] + box["width"]
            )
            assert (
                box["y"] <= number["y"]
                and number["y"] + number["height"] <= box["y"] + box["height"]
            )
        marks += _boxes(page.locator(f'[data-choice="{choice}"] .body-map-mark'))
    assert not any(_overlap(a, b) for i, a in enumerate(marks) for b in marks[i + 1 :])


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_captions_overlap_no_figure_shape(page, viewport):
    walk_to_pain(page)
    page.set_viewport_size(viewport)

    captions = _boxes(page.locator(".body-map-caption"))
    shapes = _boxes(page.locator(".body-map-outline path, .body-map-region path, .body-map-hit"))
    assert len(captions) == 2
    assert shapes
    for caption in captions:
        assert not [shape for shape in shapes if _overlap(caption, shape)], caption


def _luminance(rgb):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(int(part)) for part in re.findall(r"\d+", rgb)[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _contrast(first, second):
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _fill(locator):
    return locator.evaluate("element => getComputedStyle(element).fill")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_numbers_are_readable_selected_or_not(page, scheme):
    walk_to_pain(page)
    page.emulate_media(color_scheme=scheme)
    region = page.locator('[data-choice="buttock"]')

    for selected in (False, True):
        if selected:
            region.locator("path").first.click()
            expect(region).to_have_class(re.compile("is-selected"))
        number = _fill(region.locator(".body-map-number").first)
        mark = _fill(region.locator(".body-map-mark").first)
        assert _contrast(number, mark) >= 4.5, (scheme, selected, number, mark)


def test_the_body_map_has_no_axe_violations_and_looks_right(page, snap):
    walk_to_pain(page)
    page.get_by_role("checkbox", name="Deep in the buttock").check()
    page.locator('[data-choice="tummy"] path').click()

    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        assert axe_violations(page) == []
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        snap(page, f"pain-{scheme}")
        for size, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
            page.set_viewport_size(viewport)
            snap.keep(f"body-map-{scheme}-{size}.png", page.locator(".body-map").screenshot())
        # The question as a runner first sees it on a phone: its words and the whole drawing.
        page.set_viewport_size(PHONE)
        page.locator("#question-pain_location").evaluate("element => element.scrollIntoView()")
        snap.keep(f"question-{scheme}-phone.png", page.screenshot())
