import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from tests.triage.editors import CALM_ANSWERS, answer_data, make_user
from triage.models import Cause, ClinicalTestCase, Question, Rule
from triage.services import assessment_submit

pytestmark = pytest.mark.django_db

URL = "admin:triage_simulator"


@pytest.fixture
def editor_client(client):
    client.force_login(make_user("Editor"))
    return client


def simulate(client, answers, use="draft"):
    return client.get(reverse(URL), answer_data(answers, run="1", use=use))


def trace_row(response, rule):
    return next(row for row in response.context["trace"] if row["rule"] == rule)


def test_a_warning_sign_sets_the_urgency_and_the_trace_says_so(editor_client):
    response = simulate(editor_client, {**CALM_ANSWERS, "saddle_numbness": "yes"})
    result = response.context["result"]
    assert result["urgency"] == "emergency"
    row = trace_row(response, "rf_saddle_numbness")
    assert row["sets_floor"]
    assert row["effect"] == "urgency floor emergency"
    question = Question.objects.get(slug="saddle_numbness")
    assert row["answers"] == [(question.text, "Yes")]
    rule = Rule.objects.get(slug="rf_saddle_numbness")
    assert row["url"] == reverse("admin:triage_rule_change", args=[rule.pk])
    assertContains(response, "(sets the urgency)")
    assertContains(response, "Emergency: get help now")


def test_an_evidence_rule_in_the_draft_shows_what_it_added_to_which_cause(editor_client):
    rule = Rule.objects.create(
        slug="ev_test_sim",
        kind="evidence",
        title="Started on a run",
        cause=Cause.objects.get(slug="muscle_strain"),
        weight=2.0,
    )
    rule.conditions.create(
        question=Question.objects.get(slug="onset_trigger"), operator="eq", value="run"
    )
    draft = simulate(editor_client, CALM_ANSWERS, use="draft")
    row = trace_row(draft, "ev_test_sim")
    assert row["effect"] == "+2 to muscle_strain"
    assert not row["sets_floor"]
    onset = Question.objects.get(slug="onset_trigger")
    assert row["answers"] == [(onset.text, onset.choices.get(slug="run").label)]
    # The published rules do not have it yet.
    published = simulate(editor_client, CALM_ANSWERS, use="published")
    assert published.context["use"] == "published"
    assert "ev_test_sim" not in {row["rule"] for row in published.context["trace"]}


def test_missing_answers_are_shown_on_their_fields_and_nothing_is_run(editor_client):
    answers = {k: v for k, v in CALM_ANSWERS.items() if k != "chest_pain"}
    response = simulate(editor_client, answers)
    assert response.context["result"] is None
    assert response.context["form"].errors["answer_chest_pain"] == ["This question is required."]
    assertContains(response, "Some answers need a look")


def test_a_test_case_loads_into_the_form(editor_client):
    case = ClinicalTestCase.objects.create(
        name="Loaded case", answers={**CALM_ANSWERS, "fever": "yes"}, expected_urgency="urgent"
    )
    response = editor_client.get(reverse(URL), {"case": case.pk})
    form = response.context["form"]
    assert form.initial["answer_fever"] == "yes"
    assert form.initial["answer_pain_location"] == ["low_back_centre"]
    assertContains(response, "Answers loaded from test case")


def test_a_stored_assessment_loads_into_the_form(editor_client):
    assessment = assessment_submit(answers={**CALM_ANSWERS, "severity": 9})
    response = editor_client.get(reverse(URL), {"assessment": str(assessment.pk)})
    assert response.context["form"].initial["answer_severity"] == 9


@pytest.mark.parametrize(
    "params", [{"assessment": "not-a-uuid"}, {"case": "x"}, {"case": "99999"}]
)
def test_a_missing_case_or_assessment_gives_a_message_not_an_error(editor_client, params):
    response = editor_client.get(reverse(URL), params)
    assert response.status_code == 200
    assert response.context["result"] is None
    assert any("There is no" in str(m) for m in response.context["messages"])


def test_the_simulator_runs_in_bounded_queries(editor_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        simulate(editor_client, {**CALM_ANSWERS, "fever": "yes"})
    with django_assert_max_num_queries(20):
        simulate(editor_client, CALM_ANSWERS, use="published")
