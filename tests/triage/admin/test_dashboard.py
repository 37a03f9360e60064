import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains

from tests.triage.editors import CALM_ANSWERS, make_user
from triage.admin.dashboard import dashboard_figures
from triage.models import Assessment, QuestionnaireStartDay, RulesetVersion
from triage.services import (
    assessment_submit,
    questionnaire_result_record,
    questionnaire_start_record,
)

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 6, 15, 12, 0, tzinfo=dt.UTC)


def test_each_start_adds_one_to_the_days_count():
    day = dt.date(2026, 6, 15)
    for _ in range(3):
        questionnaire_start_record(day=day)
    questionnaire_start_record(day=day + dt.timedelta(days=1))
    assert QuestionnaireStartDay.objects.get(day=day).count == 3
    assert QuestionnaireStartDay.objects.count() == 2


@time_machine.travel(NOW, tick=False)
def test_a_start_without_a_day_counts_for_today():
    questionnaire_start_record()
    assert QuestionnaireStartDay.objects.get().day == dt.date(2026, 6, 15)


def _assessment(answers, *, days_ago):
    with time_machine.travel(NOW - dt.timedelta(days=days_ago), tick=False):
        return assessment_submit(answers=answers)


@time_machine.travel(NOW, tick=False)
def test_the_figures_count_the_last_thirty_days_by_urgency_and_cause():
    calm = _assessment(CALM_ANSWERS, days_ago=1)
    _assessment(CALM_ANSWERS, days_ago=29)
    _assessment({**CALM_ANSWERS, "saddle_numbness": "yes"}, days_ago=2)
    _assessment(CALM_ANSWERS, days_ago=31)  # too old
    for days_ago in range(8):
        questionnaire_start_record(day=NOW.date() - dt.timedelta(days=days_ago))
    questionnaire_start_record(day=NOW.date() - dt.timedelta(days=40))  # too old
    figures = dashboard_figures()
    by_urgency = dict(figures["by_urgency"])
    assert figures["assessments"] == 3
    assert by_urgency["Emergency: get help now"] == 1
    assert sum(by_urgency.values()) == 3
    assert [label for label, _n in figures["by_urgency"]][0] == "Emergency: get help now"
    top = dict(figures["by_cause"])
    assert top[calm.result["causes"][0]["name"]] >= 2
    assert figures["starts"] == 8
    # The three assessments came from no journey (as from the API): no start reached a result.
    assert (figures["finished"], figures["completion"]) == (0, 0)
    assert figures["version"] == RulesetVersion.objects.order_by("-number").first()


@time_machine.travel(NOW, tick=False)
def test_no_starts_gives_no_completion_share():
    assert dashboard_figures()["completion"] is None


@time_machine.travel(NOW, tick=False)
def test_the_dashboard_draws_bar_charts_in_bounded_queries(client, django_assert_max_num_queries):
    client.force_login(make_user("Editor"))
    for days_ago in (1, 2, 3):
        _assessment(CALM_ANSWERS, days_ago=days_ago)
    _assessment({**CALM_ANSWERS, "fever": "yes"}, days_ago=1)
    questionnaire_start_record()
    with django_assert_max_num_queries(12):
        response = client.get(reverse("admin:triage_dashboard"))
    assertContains(response, '<figure class="bar-chart">', count=2)
    assertContains(response, 'class="bar"', count=4 + len(response.context["figures"]["by_cause"]))
    assertContains(response, "4 assessments in the last 30 days")
    version = RulesetVersion.objects.order_by("-number").first()
    assertContains(response, f"Version {version.number}")
    bars = response.context["urgency_chart"]["bars"]
    widest = max(bar["width"] for bar in bars)
    assert widest == 360
    assert Assessment.objects.count() == 4


def test_the_dashboard_with_no_assessments_still_draws(client):
    client.force_login(make_user("Editor"))
    response = client.get(reverse("admin:triage_dashboard"))
    assert response.status_code == 200
    assertContains(response, "0 assessments in the last 30 days")


@time_machine.travel(NOW, tick=False)
def test_results_count_against_their_starts_and_never_pass_every_start():
    # The figures: 15 started, 19 results (some from the API, some re-submitted).
    for _ in range(15):
        questionnaire_start_record()
    for _ in range(19):
        questionnaire_result_record(day=NOW.date())
    for _ in range(19):
        assessment_submit(answers=CALM_ANSWERS)
    figures = dashboard_figures()
    assert (figures["starts"], figures["finished"], figures["completion"]) == (15, 15, 100)
    assert figures["assessments"] == 19


@time_machine.travel(NOW, tick=False)
def test_a_runner_who_finishes_the_check_counts_once_against_their_start(client):
    from tests.triage.journey.walking import SARAH, walk

    client.post("/check/")
    walk(client, about=SARAH["about"], running=SARAH["running"], pain=SARAH["pain"])
    client.get("/check/")  # back to the start page: a GET counts nothing (issue 16)
    row = QuestionnaireStartDay.objects.get(day=NOW.date())
    assert (row.count, row.results) == (1, 1)
    assert dashboard_figures()["completion"] == 100
