"""Walking a runner through the questionnaire pages, for the journey tests."""

import re

from tests.factories import make_answers
from triage.journey.session import SESSION_KEY, SIGN_PAGES
from triage.models import Assessment
from triage.services import assessment_submit

ABOUT, SIGNS, MORE_SIGNS, RUNNING, PAIN, MORE = (
    "/check/about-you/",
    "/check/warning-signs/",
    "/check/more-warning-signs/",
    "/check/running/",
    "/check/pain/",
    "/check/more/",
)
SIGN_PAGES = {f"/check/{slug}/": signs for slug, _title, signs in SIGN_PAGES}
# What a runner who saw every question of a step sends with it (see StepForm.newly_shown):
# the questions that depend on an answer on the same page.
ASKED = {MORE: ["self_care_helped"]}


def post_step(client, url, data):
    return client.post(url, {**data, "asked": ASKED.get(url, [])})


def walk(client, *, about, signs=(), running, pain):
    """Answer every page in turn, as a runner would; returns the last response.

    Each page is sent everything the runner would answer: it takes the answers to its own
    questions. The last page is sent again while it brings up more questions.
    """
    everything = {**about, **running, **pain}
    pages = ((ABOUT, everything), *((url, ticked_signs(signs, url)) for url in SIGN_PAGES))
    for url, data in (*pages, (RUNNING, everything), (PAIN, everything)):
        response = post_step(client, url, data)
        assert response.status_code == 302, response.content.decode()[:3000]
        if response["Location"].startswith("/check/result/"):
            return response
    return finish(client, everything)


def finish(client, everything):
    """Send the last page until it stops bringing up questions; returns the last response."""
    for _round in range(5):
        response = post_step(client, MORE, everything)
        if response.status_code != 200:
            return response
    raise AssertionError("The last page keeps bringing up questions.")


def ticked_signs(ticked, url=SIGNS):
    """The checklist of one warning-sign page: the signs of that page ticked, or "None"."""
    here = [sign for sign in ticked if sign in SIGN_PAGES[url]]
    return {sign: "on" for sign in here} if here else {"none": "on"}


def result_of(response):
    assert response.status_code == 302
    match = re.fullmatch(r"/check/result/([0-9a-f-]{36})/", response["Location"])
    assert match, response["Location"]
    return Assessment.objects.get(pk=match.group(1))


def stored_answers(client):
    return client.session[SESSION_KEY]["answers"]


# The three stories of the article the project started from.
SARAH = {
    "about": {"age": "35", "sex": "female", "pregnant_or_postpartum": "no"},
    "running": {"running_experience": "under_3_months", "load_change": "sharp"},
    "pain": {
        "pain_location": ["low_back_centre"],
        "onset": "gradual",
        "onset_trigger": "run",
        "duration": "1_to_6_weeks",
        "trend": "same",
        "severity": "5",
        "character": ["ache"],
        "worse_with": ["running"],
        "eased_by": ["rest"],
        "leg_symptoms": "none",
        "leg_weakness": "none",
        "daily_impact": "stopped_running",
    },
}


JOHN = {
    "about": {"age": "45", "sex": "male"},
    "running": {"running_experience": "over_1_year", "load_change": "none"},
    "pain": {
        "pain_location": ["low_back_centre", "buttock", "back_of_thigh", "below_knee"],
        "onset": "sudden",
        "onset_trigger": "run",
        "duration": "under_1_week",
        "trend": "same",
        "severity": "8",
        "character": ["sharp", "shooting"],
        "worse_with": ["bending_forward", "sitting", "cough_sneeze", "walking"],
        "leg_symptoms": "one_leg",
        "leg_weakness": "none",
        "daily_impact": "stopped_daily_life",
    },
}


MARY = {
    "about": {"age": "55", "sex": "female", "pregnant_or_postpartum": "no"},
    "running": {"running_experience": "over_1_year", "load_change": "none"},
    "pain": {
        "pain_location": ["low_back_centre", "buttock", "back_of_thigh"],
        "onset": "gradual",
        "onset_trigger": "none",
        "duration": "over_12_weeks",
        "trend": "same",
        "severity": "5",
        "character": ["ache", "heaviness"],
        "worse_with": ["walking", "running", "standing_long", "arching_back"],
        "eased_by": ["sitting", "bending_forward"],
        "leg_symptoms": "both_legs",
        "walking_leg_symptoms": "eases_sitting_or_bending",
        "leg_weakness": "none",
        "self_care_tried": ["rest", "ice", "heat", "stretching", "strengthening"],
        "self_care_helped": "no",
        "daily_impact": "some",
    },
}


def walk_signs(client, signs=()):
    for url in SIGN_PAGES:
        post_step(client, url, ticked_signs(signs, url))


def walk_to_pain(client, story, signs=()):
    post_step(client, ABOUT, story["about"])
    walk_signs(client, signs)
    post_step(client, RUNNING, story["running"])


def walk_to_more(client, story, signs=()):
    """Answer every page before the last, with the story's answers."""
    walk_to_pain(client, story, signs)
    response = post_step(client, PAIN, {**story["about"], **story["running"], **story["pain"]})
    assert response["Location"] == MORE, response["Location"]


def submit(**answers):
    return assessment_submit(answers=make_answers(**answers))


URGENCY_CASES = {
    "self_care": {},
    "soon": {"leg_weakness": "stable"},
    "urgent": {"leg_weakness": "worsening"},
    "emergency": {"saddle_numbness": "yes"},
}
