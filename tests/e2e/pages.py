"""What a runner does on the pages, in the words they see: find a question, tick an answer.

Answers are given by their labels ("More than a year"), not by their slugs, so a test reads as
what a person did and fails when a label a runner relies on disappears.
"""

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from triage.engine import contract

RESULT_URL = re.compile(r"/check/result/[0-9a-f-]{36}/$")
STEP_URLS = {
    "about-you": "/check/about-you/",
    "warning-signs": "/check/warning-signs/",
    "more-warning-signs": "/check/more-warning-signs/",
    "running": "/check/running/",
    "pain": "/check/pain/",
    "more": "/check/more/",
}

# A runner with an everyday ache after a run, with an answer to every question: self-care.
# The page of each answer: the optional ones wait for the last page, which asks only those
# still worth asking.
CALM_RUNNER = {
    "about-you": {"age": 35, "sex": "Male"},
    "warning-signs": [],
    "more-warning-signs": [],
    "running": {"running_experience": "More than a year", "load_change": "No real change"},
    "pain": {
        "pain_location": ["Middle of the lower back"],
        "onset": "Slowly, over days or weeks",
        "onset_trigger": "Running",
        "duration": "Less than a week",
        "trend": "Getting better",
        "severity": 3,
        "leg_symptoms": "No",
        "leg_weakness": "No",
        "daily_impact": "It gets in the way a bit",
    },
    "more": {
        "weight_above_healthy": "No",
        "running_surface": "Roads or pavements",
        "shoes_worn": "No",
        "strength_training": "Yes",
        "warm_up": "Yes",
        "form_issue": "No",
        "previous_bone_stress": "No",
        "under_fuelling": "No",
        "character": ["Aching", "Stiff"],
        "worse_with": ["Bending forward"],
        "eased_by": ["Moving about"],
        "morning_stiffness": "Less than 30 minutes",
        "wakes_second_half_night": "No",
        "self_care_tried": ["Rest"],
        "self_care_helped": "A little",
    },
}

# The same result in answers of the contract's slugs, for tests that store an assessment
# directly and only need its page.
CALM_ANSWERS = {
    "age": 35,
    "sex": "male",
    "running_experience": "over_1_year",
    "load_change": "none",
    "pain_location": ["low_back_centre"],
    "onset": "gradual",
    "onset_trigger": "run",
    "duration": "under_1_week",
    "trend": "improving",
    "severity": 3,
    "leg_symptoms": "none",
    "leg_weakness": "none",
    "daily_impact": "some",
} | {sign: "no" for sign in contract.WARNING_SIGNS}
# One answer away from the calm runner, for a result of each urgency.
ANSWERS_BY_URGENCY = {
    "emergency": CALM_ANSWERS | {"saddle_numbness": "yes"},
    "urgent": CALM_ANSWERS | {"fever": "yes"},
    "soon": CALM_ANSWERS | {"leg_weakness": "stable"},
    "self_care": CALM_ANSWERS,
}


def question(page, slug):
    return page.locator(f"#question-{slug}")


def answer(page, slug, value):
    """Type a number, tick one choice by its label, or tick several."""
    block = question(page, slug)
    if isinstance(value, int):
        block.get_by_role("spinbutton").fill(str(value))
    elif isinstance(value, list):
        for label in value:
            block.get_by_role("checkbox", name=label, exact=True).check()
    else:
        block.get_by_role("radio", name=value, exact=True).check()


def answer_step(page, answers):
    """Answer one step: a dict of answers, or for the warning signs a list of signs to tick."""
    if isinstance(answers, list):
        if not answers:
            page.get_by_label("None of these").check()
        for slug in answers:
            question(page, slug).get_by_role("checkbox").check()
        return
    for slug, value in answers.items():
        answer(page, slug, value)


def go_on(page):
    page.get_by_role("button", name=re.compile(r"^(Continue|See my result)$")).click()


def start_check(page):
    page.goto("/")
    page.get_by_role("link", name="Start the check").first.click()
    expect(page).to_have_url(re.compile(STEP_URLS["about-you"] + "$"))


def answers_of(runner):
    """A runner's answers as one dict by question slug, and the warning signs they tick."""
    answers, signs = {}, []
    for value in runner.values():
        if isinstance(value, list):
            signs += value
        else:
            answers.update(value)
    return answers, signs


def answer_page(page, answers, signs, *, again=False):
    """Answer what this page asks, from everything the runner would say.

    Returns (questions shown, questions answered) outside the warning-sign pages; on a page
    sent back with questions an answer brought up (`again`), only those count.
    """
    if page.locator("#warning-signs").count():
        answer_step(page, [slug for slug in signs if question(page, slug).count()])
        return 0, 0
    selector = ".question.is-revealed" if again else ".question"
    answered = 0
    for slug, value in answers.items():
        block = page.locator(f"{selector}#question-{slug}")
        if block.count() and block.is_visible():
            answer(page, slug, value)
            answered += 1
    # Counted after answering: a question an answer brings up (with JavaScript) is shown too.
    shown = sum(1 for block in page.locator(selector).all() if block.is_visible())
    return shown, answered


def walk(page, runner, snap=None):
    """Answer every page from the start and arrive at the result; returns what it took:
    {"pages": pages sent, "shown": questions shown, "answered": answered, outside the signs}."""
    answers, signs = answers_of(runner)
    start_check(page)
    taken = {"pages": 0, "shown": 0, "answered": 0}
    last = None
    while not RESULT_URL.search(page.url):
        assert taken["pages"] < 12, page.url
        shown, answered = answer_page(page, answers, signs, again=page.url == last)
        taken["shown"] += shown
        taken["answered"] += answered
        last = page.url
        if snap:
            snap(page, page.url.rstrip("/").rsplit("/", 1)[1])
        with page.expect_navigation():
            go_on(page)
        taken["pages"] += 1
    return taken


def urgency_heading(page):
    """The result's H1: what to do and how soon."""
    return page.get_by_role("heading", level=1)


AXE = Axe()


def axe_violations(page, context=None):
    """axe-core's violations on the page as it is now, one readable line per rule broken.

    `context` narrows the check to part of the page, e.g. {"include": [["#content-main"]]}.
    """
    found = AXE.run(page, context=context).response["violations"]
    return [
        f"{page.url} {rule['id']} ({rule['impact']}): {rule['help']}: "
        + ", ".join(str(node["target"]) for node in rule["nodes"][:5])
        for rule in found
    ]
