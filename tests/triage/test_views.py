"""The runner's journey through the pages: questionnaire steps, result, causes, error pages."""

import re
from html.parser import HTMLParser

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from tests.factories import make_answers
from triage import engine
from triage.engine import contract
from triage.journey import SESSION_KEY
from triage.models import Advice, Assessment, Cause
from triage.ruleset import NoPublishedRuleset, build_snapshot, ruleset_publish
from triage.services import assessment_submit

pytestmark = pytest.mark.django_db

ABOUT, SIGNS, RUNNING, PAIN = (
    "/check/about-you/",
    "/check/warning-signs/",
    "/check/running/",
    "/check/pain/",
)
# What a runner who saw every question of a step sends with it (see StepForm.newly_shown).
ASKED = {
    ABOUT: ["pregnant_or_postpartum", "vascular_risk"],
    PAIN: ["bony_spot", "self_care_helped"],
}


def post_step(client, url, data):
    return client.post(url, {**data, "asked": ASKED.get(url, [])})


def walk(client, *, about, signs=(), running, pain):
    """Answer every step in turn, as a runner would; returns the last response."""
    for url, data in ((ABOUT, about), (SIGNS, _signs(signs)), (RUNNING, running)):
        response = post_step(client, url, data)
        assert response.status_code == 302, response.content.decode()[:3000]
    return post_step(client, PAIN, pain)


def _signs(ticked):
    return {sign: "on" for sign in ticked} if ticked else {"none": "on"}


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


# --- Home -------------------------------------------------------------------------------------


def test_home_says_who_the_check_is_for_and_that_it_is_not_a_diagnosis(client):
    response = client.get("/")

    assertContains(response, "Runners aged 16 and over")
    assertContains(response, "If you are under 16")
    assertContains(response, "This is not a diagnosis.")
    assertContains(response, 'href="/check/"')


def test_home_shows_the_emergency_signs_before_the_start_button(client, settings):
    settings.EMERGENCY_NUMBER = "112"

    html = client.get("/").content.decode()

    assert "Call 112 now if you have back pain and any of these" in html
    assert 'href="tel:112"' in html
    assert "numbness or tingling between your legs" in html
    assert html.index("emergency-signs") < html.index('href="/check/"')
    assert "999" not in html


def test_home_offers_the_start_button_straight_after_the_emergency_signs(client):
    html = client.get("/").content.decode()

    # A phone shows the signs first; the start button follows them, not the whole page.
    assert html.index('href="/check/"') < html.index("Who this check is for")


def test_home_needs_no_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/").status_code == 200


def test_home_shows_the_emergency_signs_when_the_database_is_down():
    def database_down(*args):
        raise OperationalError("could not connect to server")

    with connection.execute_wrapper(database_down):
        response = Client().get("/")

    assertContains(response, "Call 999 now")


# --- Steps ------------------------------------------------------------------------------------


def test_start_leads_to_the_first_step(client):
    assertRedirects(client.get("/check/"), ABOUT)


def test_starting_the_check_is_counted_for_the_dashboard_without_personal_data(client):
    from triage.models import QuestionnaireStartDay

    client.post("/check/")
    client.get("/check/")  # carrying on is not a new start
    assert list(QuestionnaireStartDay.objects.values_list("count", flat=True)) == [1]


def test_each_step_says_where_the_runner_is(client):
    response = client.get(ABOUT)

    assertContains(response, "Step 1 of 4")
    assertContains(response, 'aria-valuenow="25"')
    assertContains(response, 'aria-current="step">About you<')


def test_a_later_step_cannot_be_reached_before_the_earlier_ones(client):
    assertRedirects(client.get(PAIN), ABOUT)
    post_step(client, ABOUT, SARAH["about"])

    assertRedirects(client.get(PAIN), SIGNS)


def test_an_unknown_step_is_not_found(client):
    response = client.get("/check/shoe-size/")

    assert response.status_code == 404
    assertContains(response, "Sorry, we cannot find that page", status_code=404)


def test_warning_signs_come_second_as_one_checklist_with_none_of_these(client):
    post_step(client, ABOUT, SARAH["about"])

    response = client.get(SIGNS)

    assertContains(response, "Step 2 of 4")
    html = response.content.decode()
    assert html.count('type="checkbox"') == len(contract.WARNING_SIGNS) + 1
    assert 'name="none"' in html
    assert "None of these" in html
    assert html.count("<fieldset") == 1 and "<legend" in html


def test_help_text_explains_words_that_could_be_unclear(client):
    response = client.get(ABOUT)

    assertContains(response, "Your age in years.")
    assertContains(response, 'inputmode="numeric"')
    assertContains(response, 'min="10"')
    assertContains(response, 'max="100"')


def test_answers_live_in_the_session_not_in_the_page(client):
    post_step(client, ABOUT, SARAH["about"])
    post_step(client, SIGNS, _signs(()))

    html = client.get(RUNNING).content.decode()

    hidden = re.findall(r'<input type="hidden" name="([^"]+)"', html)
    assert set(hidden) <= {"csrfmiddlewaretoken", "asked"}
    assert stored_answers(client)["age"] == 35


def test_every_control_on_every_step_has_a_label(client):
    post_step(client, ABOUT, SARAH["about"])
    post_step(client, SIGNS, _signs(()))
    post_step(client, RUNNING, SARAH["running"])

    for url in (ABOUT, SIGNS, RUNNING, PAIN):
        page = _Controls()
        page.feed(client.get(url).content.decode())
        unlabelled = [name for name, id_ in page.controls if id_ not in page.labels]
        assert unlabelled == [], url
        assert page.fieldsets and page.fieldsets == page.legends, url


class _Controls(HTMLParser):
    def __init__(self):
        super().__init__()
        self.controls, self.labels, self.fieldsets, self.legends = [], set(), 0, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("input", "select", "textarea") and attrs.get("type") != "hidden":
            self.controls.append((attrs.get("name"), attrs.get("id")))
        elif tag == "label":
            self.labels.add(attrs.get("for"))
        elif tag == "fieldset":
            self.fieldsets += 1
        elif tag == "legend":
            self.legends += 1


def test_a_question_editors_publish_appears_on_its_step_without_code(client):
    snapshot = build_snapshot()
    snapshot["questions"].append(
        {
            "slug": "hill_repeats",
            "kind": "yes_no",
            "section": "running",
            "text": "Do you run hill repeats?",
            "help_text": "Running up the same hill again and again.",
            "required": False,
            "order": 315,
            "choices": ["yes", "no"],
            "choice_labels": {"yes": "Yes", "no": "No"},
        }
    )
    ruleset_publish(snapshot=snapshot, note="a new question")
    post_step(client, ABOUT, SARAH["about"])
    post_step(client, SIGNS, _signs(()))

    assertContains(client.get(RUNNING), "Do you run hill repeats?")
    post_step(client, RUNNING, {**SARAH["running"], "hill_repeats": "yes"})
    assert stored_answers(client)["hill_repeats"] == "yes"


def test_pain_location_is_a_body_map_backed_by_checkboxes(client):
    walk_to_pain(client, SARAH)

    html = client.get(PAIN).content.decode()

    assert '<svg class="body-map-svg"' in html and 'aria-hidden="true"' in html
    for choice in contract.QUESTIONS["pain_location"][1]:
        assert f'data-choice="{choice}"' in html
        assert f'name="pain_location" value="{choice}"' in html
    assert "Below the knee (calf or foot)" in html


def walk_to_pain(client, story, signs=()):
    post_step(client, ABOUT, story["about"])
    post_step(client, SIGNS, _signs(signs))
    post_step(client, RUNNING, story["running"])


# --- The article's stories, walked through every step -------------------------------------------


def test_sarah_who_ran_more_and_more_is_told_home_care_or_soon_with_overuse_first(client):
    assessment = result_of(walk(client, **SARAH))

    assert assessment.urgency in ("self_care", "soon")
    assert assessment.result["causes"][0]["slug"] == "overuse"
    assert assessment.answers["load_change"] == "sharp"
    response = client.get(assessment.get_absolute_url())
    assertContains(response, "Overuse (doing too much too soon)")
    assertContains(response, "Your home-care plan")


def test_john_with_sudden_stabbing_pain_is_told_soon_or_sooner_with_a_disc_in_the_top_three(
    client,
):
    assessment = result_of(walk(client, **JOHN))

    assert assessment.urgency in ("soon", "urgent", "emergency")
    top_three = [cause["slug"] for cause in assessment.result["causes"][:3]]
    assert "disc_herniation" in top_three
    assertContains(client.get(assessment.get_absolute_url()), "Bulging disc")


def test_mary_whose_home_care_did_not_help_is_told_soon_with_spinal_stenosis_first(client):
    assessment = result_of(walk(client, **MARY))

    assert assessment.urgency == "soon"
    assert assessment.result["causes"][0]["slug"] == "spinal_stenosis"
    assert assessment.answers["self_care_helped"] == "no"
    assertContains(client.get(assessment.get_absolute_url()), "Home care has not helped")


def test_an_emergency_sign_goes_straight_to_the_emergency_result(client):
    post_step(client, ABOUT, JOHN["about"])

    response = post_step(client, SIGNS, {"saddle_numbness": "on"})

    assessment = result_of(response)
    assert assessment.urgency == "emergency"
    assert assessment.answers["saddle_numbness"] == "yes"
    assert assessment.answers["bladder_change"] == "no"
    assert "running_experience" not in assessment.answers
    assert "pain_location" not in assessment.answers
    page = client.get(response["Location"])
    assertContains(page, "Call 999 now, or go to A&amp;E")
    assertContains(page, "New numbness or tingling between your legs")


def test_a_sign_that_is_not_an_emergency_carries_on_to_the_next_step(client):
    post_step(client, ABOUT, JOHN["about"])

    response = post_step(client, SIGNS, {"fever": "on"})

    assertRedirects(response, RUNNING, fetch_redirect_response=False)
    assert stored_answers(client)["fever"] == "yes"
    assert Assessment.objects.count() == 0


def test_half_answered_later_step_does_not_end_the_check_early(client):
    walk_to_pain(client, JOHN)
    client.post(PAIN, {"leg_symptoms": "both_legs", "leg_weakness": "worsening", "back": "1"})

    response = post_step(client, RUNNING, JOHN["running"])

    assertRedirects(response, PAIN, fetch_redirect_response=False)
    assert Assessment.objects.count() == 0


# --- Back button and conditional questions -----------------------------------------------------


def test_back_button_keeps_every_answer(client):
    walk_to_pain(client, SARAH, signs=["fever"])
    pain = {"onset": "sudden", "severity": "6", "pain_location": ["buttock"]}

    response = client.post(PAIN, {**pain, "back": "1"})

    assertRedirects(response, RUNNING, fetch_redirect_response=False)
    running = client.get(RUNNING).content.decode()
    assert re.search(r'value="under_3_months"[^>]*checked', running)
    signs = client.get(SIGNS).content.decode()
    assert re.search(r'name="fever"[^>]*checked', signs)
    assert not re.search(r'name="none"[^>]*checked', signs)
    about = client.get(ABOUT).content.decode()
    assert re.search(r'name="age" value="35"', about)
    again = client.get(PAIN).content.decode()
    assert re.search(r'value="sudden"[^>]*checked', again)
    assert re.search(r'name="severity" value="6"', again)
    assert re.search(r'value="buttock"[^>]*checked', again)


def test_back_button_keeps_none_of_these(client):
    post_step(client, ABOUT, SARAH["about"])
    post_step(client, SIGNS, _signs(()))

    client.post(RUNNING, {"back": "1"})

    assert re.search(r'name="none"[^>]*checked', client.get(SIGNS).content.decode())


def test_back_with_a_wrong_answer_keeps_the_others_and_reopens_the_step(client):
    walk_to_pain(client, SARAH)

    client.post(RUNNING, {"running_experience": "over_1_year", "load_change": "", "back": "1"})

    answers = stored_answers(client)
    assert answers["running_experience"] == "over_1_year"
    assert "load_change" not in answers
    assertRedirects(client.get(PAIN), RUNNING)


def _wrapper(html, slug):
    match = re.search(rf'<div class="question[^"]*" id="question-{slug}"[^>]*>', html)
    return match.group(0) if match else None


def test_pregnancy_question_is_shown_only_to_women(client):
    session = client.session
    session[SESSION_KEY] = {"answers": {"sex": "male"}, "done": [], "submitted": None}
    session.save()
    assert " hidden" in _wrapper(client.get(ABOUT).content.decode(), "pregnant_or_postpartum")

    session[SESSION_KEY] = {"answers": {"sex": "female"}, "done": [], "submitted": None}
    session.save()
    shown = _wrapper(client.get(ABOUT).content.decode(), "pregnant_or_postpartum")
    assert " hidden" not in shown
    assert 'data-condition-question="sex"' in shown


def test_periods_question_on_a_later_step_is_left_out_for_men(client):
    post_step(client, ABOUT, JOHN["about"])
    post_step(client, SIGNS, _signs(()))
    assertNotContains(client.get(RUNNING), 'name="periods_missed"')

    post_step(client, ABOUT, SARAH["about"])
    assertContains(client.get(RUNNING), 'name="periods_missed"')


def test_a_revealed_question_is_asked_before_moving_on_without_javascript(client):
    response = client.post(ABOUT, {"age": "35", "sex": "female"})

    assert response.status_code == 200
    assertContains(response, "Your answer brings up one more question.")
    assert " hidden" not in _wrapper(response.content.decode(), "pregnant_or_postpartum")
    assert stored_answers(client)["sex"] == "female"

    response = post_step(client, ABOUT, {"age": "35", "sex": "female"})
    assertRedirects(response, SIGNS, fetch_redirect_response=False)


def test_an_answer_to_a_hidden_question_is_dropped(client):
    post_step(client, ABOUT, {"age": "40", "sex": "male", "pregnant_or_postpartum": "yes"})

    assert "pregnant_or_postpartum" not in stored_answers(client)


def test_changing_an_answer_drops_the_later_answers_it_hides(client):
    walk_to_pain(client, {**SARAH, "running": {**SARAH["running"], "periods_missed": "yes"}})
    assert stored_answers(client)["periods_missed"] == "yes"

    post_step(client, ABOUT, {"age": "35", "sex": "male"})

    assert "periods_missed" not in stored_answers(client)
    assert "pregnant_or_postpartum" not in stored_answers(client)


def test_self_care_helped_is_asked_only_when_something_was_tried(client):
    walk_to_pain(client, SARAH)
    html = client.get(PAIN).content.decode()
    wrapper = _wrapper(html, "self_care_helped")
    assert " hidden" in wrapper
    assert 'data-condition-question="self_care_tried"' in wrapper
    assert 'data-condition-operator="not_empty"' in wrapper

    response = client.post(PAIN, {**SARAH["pain"], "self_care_tried": ["heat"]})
    assert response.status_code == 200
    assertContains(response, "Your answer brings up one more question.")
    assert " hidden" not in _wrapper(response.content.decode(), "self_care_helped")


def test_self_care_helped_is_dropped_when_nothing_was_tried(client):
    walk_to_pain(client, SARAH)

    assessment = result_of(post_step(client, PAIN, {**SARAH["pain"], "self_care_helped": "no"}))

    assert "self_care_helped" not in assessment.answers
    assert assessment.answers["self_care_tried"] == []


# --- Validation messages -----------------------------------------------------------------------


@pytest.mark.parametrize("age", ["", "abc", "9", "101", "35.5"])
def test_an_age_that_is_missing_or_out_of_range_says_how_to_fix_it(client, age):
    response = post_step(client, ABOUT, {"age": age, "sex": "male"})

    assertContains(response, "Enter a whole number from 10 to 100, for example 55.", count=2)
    assertContains(response, "Please check your answers")
    assert SESSION_KEY not in client.session


def test_severity_above_ten_says_how_to_fix_it(client):
    walk_to_pain(client, SARAH)

    response = post_step(client, PAIN, {**SARAH["pain"], "severity": "11"})

    assertContains(response, "Enter a whole number from 0 to 10, for example 5.", count=2)
    assert Assessment.objects.count() == 0


def test_a_missing_choice_says_how_to_fix_it(client):
    response = post_step(client, ABOUT, {"age": "35"})

    assertContains(response, "Choose one answer.", count=2)
    assertContains(response, 'href="#question-sex"')


def test_a_choice_that_is_not_offered_says_how_to_fix_it(client):
    response = post_step(client, ABOUT, {"age": "35", "sex": "alien"})

    assertContains(response, "Choose one of the answers shown.", count=2)


def test_no_pain_location_says_how_to_fix_it(client):
    walk_to_pain(client, SARAH)
    pain = {k: v for k, v in SARAH["pain"].items() if k != "pain_location"}

    response = post_step(client, PAIN, pain)

    assertContains(response, "Tick at least one box.", count=2)


def test_a_pain_location_that_is_not_offered_says_how_to_fix_it(client):
    walk_to_pain(client, SARAH)

    response = post_step(client, PAIN, {**SARAH["pain"], "pain_location": ["elbow"]})

    assertContains(response, "Tick only the boxes shown.", count=2)


def test_an_empty_warning_sign_checklist_is_not_read_as_no(client):
    post_step(client, ABOUT, SARAH["about"])

    response = post_step(client, SIGNS, {})

    assertContains(response, "If you have none of them, tick “None of these”", count=2)
    assert "saddle_numbness" not in stored_answers(client)
    assert "warning_signs" not in client.session[SESSION_KEY]["done"]


def test_none_of_these_with_a_sign_ticked_is_refused(client):
    post_step(client, ABOUT, SARAH["about"])

    response = post_step(client, SIGNS, {"none": "on", "saddle_numbness": "on"})

    assertContains(response, "You ticked “None of these” and a warning sign.", count=2)
    assert Assessment.objects.count() == 0
    assert "saddle_numbness" not in stored_answers(client)


# --- Submitting --------------------------------------------------------------------------------


def test_submitting_the_last_step_twice_stores_one_assessment(client):
    walk_to_pain(client, SARAH)

    first = post_step(client, PAIN, SARAH["pain"])
    second = post_step(client, PAIN, SARAH["pain"])

    assert first["Location"] == second["Location"]
    assert Assessment.objects.count() == 1


def test_submitting_an_emergency_twice_stores_one_assessment(client):
    post_step(client, ABOUT, SARAH["about"])

    first = post_step(client, SIGNS, {"chest_pain": "on"})
    second = post_step(client, SIGNS, {"chest_pain": "on"})

    assert first["Location"] == second["Location"]
    assert Assessment.objects.count() == 1


def test_changed_answers_make_a_new_assessment(client):
    walk_to_pain(client, SARAH)
    first = post_step(client, PAIN, SARAH["pain"])

    second = post_step(client, PAIN, {**SARAH["pain"], "severity": "3"})

    assert first["Location"] != second["Location"]
    assert Assessment.objects.count() == 2


def test_the_stored_assessment_holds_answers_only(client):
    assessment = result_of(walk(client, **SARAH))

    assert set(assessment.answers) <= set(contract.QUESTIONS) | set(contract.WARNING_SIGNS)
    assert all(assessment.answers[sign] == "no" for sign in contract.WARNING_SIGNS)
    assert assessment.answers["age"] == 35


def test_start_again_clears_the_answers(client):
    walk_to_pain(client, SARAH)

    assertRedirects(client.post("/check/"), ABOUT)

    assert stored_answers(client) == {}
    assertRedirects(client.get(RUNNING), ABOUT)


def test_starting_after_a_finished_check_starts_afresh(client):
    walk(client, **SARAH)

    client.get("/check/")

    assert stored_answers(client) == {}


def test_the_check_says_so_when_nothing_is_published(client, monkeypatch):
    def nothing_published():
        raise NoPublishedRuleset("none")

    monkeypatch.setattr("triage.views.published_ruleset", nothing_published)

    response = client.get(ABOUT)

    assertContains(response, "the check is not available right now", status_code=503)
    assertContains(response, "Call 999 now", status_code=503)


def test_questions_changed_during_the_check_send_the_runner_back_to_them(client, monkeypatch):
    walk_to_pain(client, SARAH)

    def refuse(*, answers):
        raise engine.InvalidAnswers({"load_change": "This question is required."})

    monkeypatch.setattr("triage.views.assessment_submit", refuse)

    response = post_step(client, PAIN, SARAH["pain"])

    assertRedirects(response, RUNNING, fetch_redirect_response=False)
    assertContains(client.get(RUNNING), "Some questions have changed since you started.")
    assert Assessment.objects.count() == 0


# --- Result page -------------------------------------------------------------------------------


def submit(**answers):
    return assessment_submit(answers=make_answers(**answers))


URGENCY_CASES = {
    "self_care": {},
    "soon": {"leg_weakness": "stable"},
    "urgent": {"leg_weakness": "worsening"},
    "emergency": {"saddle_numbness": "yes"},
}


@pytest.mark.parametrize(
    ("urgency", "heading"),
    [
        ("self_care", "You can probably look after this at home"),
        ("soon", "Book an appointment with a GP or physiotherapist in the next few days"),
        ("urgent", "Speak to a doctor today"),
        ("emergency", "Call 999 now, or go to A&amp;E"),
    ],
)
def test_result_page_shows_the_urgency_card(client, urgency, heading):
    assessment = submit(**URGENCY_CASES[urgency])
    assert assessment.urgency == urgency

    response = client.get(assessment.get_absolute_url())

    assertContains(response, f'class="urgency-card urgency-{urgency}"')
    assertContains(response, heading)
    assertContains(response, 'class="urgency-icon"')
    for flag in assessment.result["red_flags"]:
        assertContains(response, flag["title"])
        assertContains(response, flag["reason"])


@pytest.mark.parametrize("urgency", list(URGENCY_CASES))
def test_result_page_always_carries_the_safety_net_disclaimer_date_and_version(client, urgency):
    assessment = submit(**URGENCY_CASES[urgency])

    response = client.get(assessment.get_absolute_url())

    assertContains(response, "Get help if things change")
    assertContains(response, escape(assessment.result["safety_net"]))
    assertContains(response, escape(assessment.result["disclaimer"]))
    assertContains(response, f"Rules version {assessment.result['ruleset_version']}.")
    assertContains(response, f"Checked on {assessment.created:%-d %B %Y}")
    assertContains(response, "You said no to:")


@pytest.mark.parametrize("urgency", ["self_care", "soon"])
def test_self_care_and_soon_results_carry_the_home_plan(client, urgency):
    assessment = submit(**URGENCY_CASES[urgency])
    advice = assessment.result["advice"]
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
    for tip in assessment.result["prevention"]:
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
    assert html.index("While you wait for help") < html.index("What a doctor will want to rule")
    assert "Squeezed nerves at the base of the spine" in html
    assert "Muscle strain (pulled back)" not in html


def test_result_page_ranks_causes_with_bars_reasons_and_links(client):
    assessment = submit(
        leg_symptoms="one_leg", pain_location=["low_back_centre", "below_knee"], age=40
    )
    causes = assessment.result["causes"]

    html = client.get(assessment.get_absolute_url()).content.decode()

    positions = [html.index(f'href="/causes/{cause["slug"]}/"') for cause in causes]
    assert positions == sorted(positions)
    assert html.count('class="likelihood-bar"') == len(causes)
    assert f'class="likelihood likelihood-{causes[0]["likelihood"]}"' in html
    for reason in causes[0]["reasons"]:
        assert reason.replace("'", "&#x27;") in html


def test_result_page_summarises_the_answers_for_a_clinician(client):
    assessment = submit(fever="yes", severity=6)

    response = client.get(assessment.get_absolute_url())

    assertContains(response, "You said yes to:")
    assertContains(response, "A high temperature, shivers or feeling very unwell")
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


# --- Cause pages -------------------------------------------------------------------------------


def test_cause_page_shows_description_self_care_doctor_and_treatments(client):
    cause = Cause.objects.prefetch_related("treatments").get(slug="overuse")
    treatment = cause.treatments.all()[0]

    response = client.get(cause.get_absolute_url())

    assert cause.get_absolute_url() == "/causes/overuse/"
    assertContains(response, cause.name)
    assertContains(response, "What you can do yourself")
    assertContains(response, "When to see a doctor")
    assertContains(response, treatment.name)
    assertContains(response, treatment.get_evidence_display())
    assertContains(response, "<h4>Cons</h4>")
    assertContains(response, "Not a diagnosis.")


def test_serious_cause_page_says_it_needs_a_doctor(client):
    response = client.get("/causes/cauda_equina_syndrome/")

    assertContains(response, "This needs a doctor, not home care")


def test_unknown_cause_is_not_found(client):
    assert client.get("/causes/broken_toe/").status_code == 404


# --- Error pages -------------------------------------------------------------------------------


def test_a_bad_request_gets_a_friendly_page(client):
    response = client.get("/", headers={"host": "evil.example"})

    assertContains(response, "Sorry, something went wrong with that request", status_code=400)


def test_a_timed_out_form_gets_a_friendly_page():
    client = Client(enforce_csrf_checks=True)

    response = client.post(ABOUT, {"age": "35", "sex": "male"})

    assertContains(response, "Sorry, this page timed out", status_code=403)
    assertContains(response, "Call 999 now", status_code=403)


def test_a_server_error_shows_the_emergency_signs_and_no_stack_trace(monkeypatch):
    # Not a database error: those answer 503 (tests/backpain/test_errors.py).
    def broken():
        raise RuntimeError("the ruleset cache broke")

    monkeypatch.setattr("triage.views.published_ruleset", broken)
    client = Client(raise_request_exception=False)

    response = client.get(ABOUT)

    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, something went wrong on our side" in html
    assert "Call 999 now if you have back pain" in html
    assert "Traceback" not in html and "RuntimeError" not in html


def test_the_server_error_page_renders_without_the_database(rf, settings):
    from triage.views import server_error

    settings.EMERGENCY_NUMBER = "112"

    def database_down(*args):
        raise OperationalError("could not connect to server")

    with connection.execute_wrapper(database_down):
        response = server_error(rf.get("/"))

    assert response.status_code == 500
    assert b"Call 112 now" in response.content


# --- Queries ------------------------------------------------------------------------------------


# Counts include the savepoints of the test's transaction (two per write).


def test_step_pages_make_few_queries(client, django_assert_max_num_queries):
    walk_to_pain(client, SARAH)

    for url in (ABOUT, SIGNS, RUNNING, PAIN):
        # The ruleset version check and the session; the rules come from memory.
        with django_assert_max_num_queries(2):
            client.get(url)
    with django_assert_max_num_queries(5):
        post_step(client, RUNNING, SARAH["running"])


def test_submitting_makes_few_queries(client, django_assert_max_num_queries):
    walk_to_pain(client, SARAH)

    with django_assert_max_num_queries(11):
        post_step(client, PAIN, SARAH["pain"])


def test_result_page_makes_few_queries(client, django_assert_max_num_queries):
    assessment = submit()
    with django_assert_max_num_queries(4):
        client.get(assessment.get_absolute_url())

    # Assessment, treatments, related articles: the ruleset it was made with is now in memory.
    with django_assert_max_num_queries(3):
        client.get(assessment.get_absolute_url())


def test_cause_page_makes_few_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        client.get("/causes/overuse/")
