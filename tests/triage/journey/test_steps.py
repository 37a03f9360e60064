"""The questionnaire steps: order, progress, labels, questions built from published content."""

import re
from html.parser import HTMLParser

import pytest
from pytest_django.asserts import assertContains, assertRedirects

from tests.triage.journey.walking import (
    ABOUT,
    MORE_SIGNS,
    PAIN,
    RUNNING,
    SARAH,
    SIGN_PAGES,
    SIGNS,
    post_step,
    stored_answers,
    ticked_signs,
    walk_signs,
    walk_to_pain,
)
from triage.compile import build_snapshot
from triage.engine import contract
from triage.journey import body_map
from triage.services import ruleset_publish

pytestmark = pytest.mark.django_db


def test_start_leads_to_the_first_step(client):
    assertRedirects(client.get("/check/"), ABOUT)


def test_starting_the_check_is_counted_for_the_dashboard_without_personal_data(client):
    from triage.models import QuestionnaireStartDay

    client.post("/check/")
    client.get("/check/")  # carrying on is not a new start
    assert list(QuestionnaireStartDay.objects.values_list("count", flat=True)) == [1]


def test_opening_the_check_writes_nothing_to_the_database(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from triage.models import QuestionnaireStartDay

    with CaptureQueriesContext(connection) as queries:
        assertRedirects(client.get("/check/"), ABOUT)
        client.get(ABOUT)
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert [sql for sql in writes if "SAVEPOINT" not in sql.upper()] == []
    assert not QuestionnaireStartDay.objects.exists()


def test_the_first_answered_page_counts_a_start_and_the_next_does_not(client):
    from triage.models import QuestionnaireStartDay

    client.post(ABOUT, {"age": "", "sex": "female"})  # not answered yet: not a start
    assert not QuestionnaireStartDay.objects.exists()

    post_step(client, ABOUT, SARAH["about"])
    post_step(client, SIGNS, ticked_signs(()))
    assert list(QuestionnaireStartDay.objects.values_list("count", flat=True)) == [1]


def test_each_step_says_where_the_runner_is(client):
    response = client.get(ABOUT)

    assertContains(response, "Page 1 of 6")
    assertContains(response, "<h1>About you</h1>", html=True)
    # Full only on the result: six pages, then the result.
    assertContains(response, 'value="14" max="100"')


def test_a_later_step_cannot_be_reached_before_the_earlier_ones(client):
    assertRedirects(client.get(PAIN), ABOUT)
    post_step(client, ABOUT, SARAH["about"])

    assertRedirects(client.get(PAIN), SIGNS)


def test_an_unknown_step_is_not_found(client):
    response = client.get("/check/shoe-size/")

    assert response.status_code == 404
    assertContains(response, "Sorry, we cannot find that page", status_code=404)


def test_warning_signs_come_second_over_two_themed_checklists_with_none_of_these(client):
    post_step(client, ABOUT, SARAH["about"])
    post_step(client, SIGNS, ticked_signs(()))
    pages = [client.get(SIGNS), client.get(MORE_SIGNS)]

    assertContains(pages[0], "Page 2 of 6")
    assertContains(pages[1], "Page 3 of 6")
    asked = set()
    for response in pages:
        html = response.content.decode()
        signs = set(re.findall(r'type="checkbox" class="form-check-input" name="(\w+)"', html))
        assert "none" in signs and "None of these" in html
        asked |= signs - {"none"}
        assert html.count("<fieldset") == 1 and "<legend" in html
        assert html.count("<summary>What this means") == len(signs) - 1
    # Every warning sign is asked, each once.
    assert asked == set(contract.WARNING_SIGNS)
    assert sum(len(signs) for signs in SIGN_PAGES.values()) == len(contract.WARNING_SIGNS)


def test_every_warning_sign_has_a_short_label_with_the_question_behind_it(client):
    from triage.journey.signs import SHORT_LABELS

    for slug in contract.WARNING_SIGNS:
        assert len(str(SHORT_LABELS[slug]).split()) <= 15, slug
    post_step(client, ABOUT, SARAH["about"])
    html = client.get(SIGNS).content.decode()
    assert str(SHORT_LABELS["saddle_numbness"]) in html
    assert "<summary>What this means</summary>" in html


def test_every_sign_that_means_an_emergency_on_its_own_is_on_the_first_checklist(
    default_ruleset,
):
    for rule in default_ruleset.rules:
        if rule.kind == "red_flag" and rule.urgency == "emergency" and len(rule.conditions) == 1:
            assert rule.conditions[0].question in SIGN_PAGES[SIGNS], rule.slug


def test_help_text_explains_words_that_could_be_unclear(client):
    response = client.get(ABOUT)

    assertContains(response, "Your age in years.")
    assertContains(response, 'inputmode="numeric"')
    assertContains(response, 'min="10"')
    assertContains(response, 'max="100"')


def test_answers_live_in_the_session_not_in_the_page(client):
    post_step(client, ABOUT, SARAH["about"])
    walk_signs(client)

    html = client.get(RUNNING).content.decode()

    hidden = re.findall(r'<input type="hidden" name="([^"]+)"', html)
    assert set(hidden) <= {"csrfmiddlewaretoken", "asked"}
    assert stored_answers(client)["age"] == 35


def test_every_control_on_every_step_has_a_label(client):
    walk_to_pain(client, SARAH)

    for url in (ABOUT, SIGNS, MORE_SIGNS, RUNNING, PAIN):
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


def test_a_question_editors_publish_goes_on_its_page_without_code(client, default_ruleset):
    from dataclasses import replace

    from triage.journey.session import STEPS_BY_SLUG, step_of

    question = default_ruleset.questions_by_slug["load_change"]
    assert step_of(replace(question, slug="hill_repeats")) == STEPS_BY_SLUG["running"]
    optional = replace(question, slug="hill_repeats", required=False)
    assert step_of(optional) == STEPS_BY_SLUG["more"]


def test_an_optional_question_no_rule_reads_is_never_asked(client):
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
    walk_to_pain(client, SARAH)
    post_step(client, PAIN, SARAH["pain"])

    # It cannot change the urgency or the causes, so the last page leaves it out.
    assert "Do you run hill repeats?" not in client.get("/check/more/").content.decode()


def test_pain_location_is_a_body_map_backed_by_checkboxes(client):
    walk_to_pain(client, SARAH)

    html = client.get(PAIN).content.decode()

    assert '<svg class="body-map-svg"' in html and 'aria-hidden="true"' in html
    for choice in contract.QUESTIONS["pain_location"][1]:
        assert f'data-choice="{choice}"' in html
        assert f'name="pain_location" value="{choice}"' in html
    assert "Below the knee (calf or foot)" in html
    assert html.count('class="body-map-hit"') == sum(
        len(shapes) for shapes in body_map.BODY_MAP_REGIONS.values()
    )


def test_every_body_map_choice_has_targets_of_its_own_big_enough_for_a_finger():
    def overlap(a, b):
        return (
            a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]
        )

    regions = body_map.BODY_MAP_REGIONS
    assert sorted(regions) == sorted(contract.QUESTIONS["pain_location"][1])
    targets = [(choice, shape["hit"]) for choice, shapes in regions.items() for shape in shapes]
    for choice, (x, y, width, height) in targets:
        assert min(width, height) >= body_map.MIN_TARGET, choice
        assert 0 <= x <= body_map.WIDTH - width and 0 <= y <= body_map.HEIGHT - height, choice
    for choice, hit in targets:
        assert not [other for other, box in targets if other != choice and overlap(hit, box)]


# Counts include the savepoints of the test's transaction (two per write).
def test_step_pages_make_few_queries(client, django_assert_max_num_queries):
    walk_to_pain(client, SARAH)

    for url in (ABOUT, SIGNS, MORE_SIGNS, RUNNING, PAIN):
        # The ruleset version check and the session; the rules come from memory.
        with django_assert_max_num_queries(2):
            client.get(url)
    with django_assert_max_num_queries(5):
        post_step(client, RUNNING, SARAH["running"])
