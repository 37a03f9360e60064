"""Assessments out as CSV: the export_assessments command and the admin action."""

import csv
import datetime as dt
import io
import json

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from tests.triage.editors import CALM_ANSWERS, make_user
from triage.models import Assessment
from triage.services import assessment_submit

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:triage_assessment_changelist")
SIGN_ANSWERS = {**CALM_ANSWERS, "saddle_numbness": "yes"}


def submit(answers, day):
    with time_machine.travel(dt.datetime(*day, 12, tzinfo=dt.UTC), tick=False):
        return assessment_submit(answers=answers)


@pytest.fixture
def assessments():
    Assessment.objects.all().delete()
    return [
        submit(CALM_ANSWERS, (2026, 1, 10)),
        submit(SIGN_ANSWERS, (2026, 2, 10)),
        submit(CALM_ANSWERS, (2026, 3, 10)),
    ]


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def export(*args):
    out = io.StringIO()
    call_command("export_assessments", *args, stdout=out)
    return rows(out.getvalue())


def test_every_assessment_is_a_row_with_answers_urgency_cause_version_and_time(assessments):
    found = export()

    assert [row["created"] for row in found] == [
        "2026-01-10T12:00:00+00:00",
        "2026-02-10T12:00:00+00:00",
        "2026-03-10T12:00:00+00:00",
    ]
    first = assessments[0]
    assert found[0]["urgency"] == first.urgency == "self_care"
    assert found[0]["top_cause"] == first.top_cause != ""
    assert found[0]["ruleset_version"] == str(first.ruleset_version.number)
    assert json.loads(found[0]["answers"]) == CALM_ANSWERS


def test_the_export_holds_no_id_that_opens_a_runners_result(assessments):
    out = io.StringIO()
    call_command("export_assessments", stdout=out)

    assert list(rows(out.getvalue())[0]) == [
        "created",
        "ruleset_version",
        "urgency",
        "top_cause",
        "answers",
    ]
    for assessment in assessments:
        assert str(assessment.pk) not in out.getvalue()


def test_since_and_until_are_days_both_included(assessments):
    found = export("--since", "2026-02-10", "--until", "2026-03-10")

    assert [row["created"][:10] for row in found] == ["2026-02-10", "2026-03-10"]


def test_urgency_picks_those_at_that_urgency(assessments):
    urgency = assessments[1].urgency
    assert urgency != "self_care"

    assert [row["urgency"] for row in export("--urgency", urgency)] == [urgency]
    assert len(export("--urgency", urgency, "--urgency", "self_care")) == 3


def test_the_export_can_go_to_a_file(assessments, tmp_path):
    target = tmp_path / "out.csv"
    out = io.StringIO()

    call_command("export_assessments", "--output", str(target), stdout=out)

    assert len(rows(target.read_text())) == 3
    assert "Wrote 3 assessment(s)" in out.getvalue()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "10/01/2026"], "YYYY-MM-DD"),
        (["--since", "2026-03-01", "--until", "2026-02-01"], "after --until"),
        (["--urgency", "panic"], "invalid choice"),
    ],
)
def test_a_wrong_filter_is_refused(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("export_assessments", *args, stdout=io.StringIO())


def test_the_admin_action_exports_the_selected_assessments(client, assessments):
    client.force_login(make_user("Editor"))

    response = client.post(
        CHANGELIST,
        {"action": "export_csv", "_selected_action": [str(assessments[0].pk)]},
    )

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="assessments-')
    assert [row["created"][:10] for row in rows(response.content.decode())] == ["2026-01-10"]


def test_the_admin_action_on_all_respects_the_lists_filters(client, assessments):
    client.force_login(make_user("Editor"))
    urgency = assessments[1].urgency

    response = client.post(
        f"{CHANGELIST}?urgency__exact={urgency}",
        {
            "action": "export_csv",
            "select_across": "1",
            "_selected_action": [str(assessments[1].pk)],
        },
    )

    assert [row["urgency"] for row in rows(response.content.decode())] == [urgency]


def test_the_admin_list_filters_by_date(client, assessments):
    client.force_login(make_user("Editor"))

    response = client.get(
        CHANGELIST,
        {"created__gte": "2026-03-01 00:00:00+00:00", "created__lt": "2026-04-01 00:00:00+00:00"},
    )

    assert list(response.context["cl"].queryset) == [assessments[2]]


def test_staff_without_a_role_cannot_export(client, assessments):
    client.force_login(make_user(None))

    response = client.post(
        CHANGELIST, {"action": "export_csv", "_selected_action": [str(assessments[0].pk)]}
    )

    assert response.status_code == 403
