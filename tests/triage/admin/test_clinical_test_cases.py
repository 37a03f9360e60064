import tomllib
from pathlib import Path

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from tests.triage.editors import CALM_ANSWERS, answer_data, make_user
from triage.defaults import CONTENT_DIR, default_content_load
from triage.models import Cause, ClinicalTestCase, Rule
from triage.services import assessment_submit

pytestmark = pytest.mark.django_db

ADD_URL = "admin:triage_clinicaltestcase_add"
RUN_URL = "admin:triage_cases_run"


@pytest.fixture
def editor_client(client):
    client.force_login(make_user("Editor"))
    return client


def case_data(answers=CALM_ANSWERS, **fields):
    data = answer_data(
        answers,
        name="Calm runner",
        note="An everyday ache after a run.",
        source="Team review, May",
        expected_urgency="self_care",
        expected_causes=["muscle_strain"],
    )
    data.update(fields)
    return data


def test_the_default_cases_are_loaded_once_by_name():
    with open(CONTENT_DIR / "cases.toml", "rb") as handle:
        names = [case["name"] for case in tomllib.load(handle)["cases"]]
    assert set(names) <= set(ClinicalTestCase.objects.values_list("name", flat=True))
    count = ClinicalTestCase.objects.count()
    default_content_load()
    assert ClinicalTestCase.objects.count() == count


def test_loading_a_changed_case_keeps_the_editors_version_unless_reset(tmp_path):
    source = Path(CONTENT_DIR)
    for item in source.glob("*.toml"):
        (tmp_path / item.name).write_bytes(item.read_bytes())
    (tmp_path / "cases.toml").write_text(
        '[[cases]]\nname = "Tmp case"\nexpected_urgency = "soon"\n'
        "expected_causes = []\n[cases.answers]\nage = 40\n"
    )
    default_content_load(directory=tmp_path)
    ClinicalTestCase.objects.filter(name="Tmp case").update(expected_urgency="urgent")
    default_content_load(directory=tmp_path)
    assert ClinicalTestCase.objects.get(name="Tmp case").expected_urgency == "urgent"
    default_content_load(directory=tmp_path, reset=True)
    assert ClinicalTestCase.objects.get(name="Tmp case").expected_urgency == "soon"


def test_an_editor_makes_a_case_from_the_questionnaire_form(editor_client):
    page = editor_client.get(reverse(ADD_URL))
    assertContains(page, "Answers: Warning signs")
    assertContains(page, 'name="answer_saddle_numbness"')
    response = editor_client.post(reverse(ADD_URL), case_data())
    assert response.status_code == 302
    case = ClinicalTestCase.objects.get(name="Calm runner")
    assert case.answers == CALM_ANSWERS
    assert case.expected_causes == ["muscle_strain"]
    assert case.expected_urgency == "self_care"


def test_the_case_form_shows_stored_answers_when_editing(editor_client):
    case = ClinicalTestCase.objects.create(
        name="Stored", answers=CALM_ANSWERS, expected_urgency="self_care"
    )
    page = editor_client.get(reverse("admin:triage_clinicaltestcase_change", args=[case.pk]))
    form = page.context["adminform"].form
    assert form.initial["answer_severity"] == 3
    assert form.initial["answer_pain_location"] == ["low_back_centre"]


def test_a_case_missing_a_warning_sign_answer_is_refused_on_that_field(editor_client):
    answers = {k: v for k, v in CALM_ANSWERS.items() if k != "fever"}
    response = editor_client.post(reverse(ADD_URL), case_data(answers))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["answer_fever"] == ["This question is required."]
    assert not ClinicalTestCase.objects.filter(name="Calm runner").exists()


def test_an_answer_out_of_range_is_refused(editor_client):
    response = editor_client.post(reverse(ADD_URL), case_data({**CALM_ANSWERS, "age": 130}))
    assert "answer_age" in response.context["adminform"].form.errors
    assert not ClinicalTestCase.objects.filter(name="Calm runner").exists()


def test_more_than_three_expected_causes_are_refused(editor_client):
    causes = list(Cause.objects.values_list("slug", flat=True)[:4])
    response = editor_client.post(reverse(ADD_URL), case_data(expected_causes=causes))
    assert response.context["adminform"].form.errors["expected_causes"] == [
        "Choose at most three causes: the check is on the three most likely."
    ]


def test_a_stored_assessment_becomes_a_test_case(editor_client):
    assessment = assessment_submit(answers=CALM_ANSWERS)
    response = editor_client.post(
        reverse("admin:triage_assessment_changelist"),
        {"action": "make_test_cases", "_selected_action": [str(assessment.pk)]},
    )
    case = ClinicalTestCase.objects.get(source=f"Assessment {assessment.pk}")
    assert response.status_code == 302
    assert response.url == reverse("admin:triage_clinicaltestcase_change", args=[case.pk])
    assert case.answers == assessment.answers
    assert case.expected_urgency == assessment.urgency
    assert case.expected_causes == [assessment.top_cause]
    # A second time makes no duplicate.
    editor_client.post(
        reverse("admin:triage_assessment_changelist"),
        {"action": "make_test_cases", "_selected_action": [str(assessment.pk)]},
    )
    assert ClinicalTestCase.objects.filter(source=f"Assessment {assessment.pk}").count() == 1


def test_staff_who_may_not_add_cases_do_not_get_the_action(client):
    user = make_user(None)
    user.user_permissions.add(*_perms("view_assessment"))
    client.force_login(user)
    page = client.get(reverse("admin:triage_assessment_changelist"))
    assert "make_test_cases" not in page.content.decode()


def _perms(*codenames):
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label="triage", codename__in=codenames)


def test_the_run_page_shows_draft_and_published_side_by_side(
    editor_client, django_assert_max_num_queries
):
    ClinicalTestCase.objects.create(
        name="Calm runner keeps self-care", answers=CALM_ANSWERS, expected_urgency="self_care"
    )
    # A draft edit: a new warning-sign-like rule makes calm answers urgent.
    rule = Rule.objects.create(
        slug="rf_test_severity",
        kind="red_flag",
        title="Any pain at all",
        urgency="urgent",
    )
    rule.conditions.create(question_id=_question_pk("severity"), operator="gte", value="1")
    with django_assert_max_num_queries(20):
        response = editor_client.get(reverse(RUN_URL))
    rows = {row["case"].name: row for row in response.context["rows"]}
    row = rows["Calm runner keeps self-care"]
    assert row["published"].passed
    assert not row["draft"].passed
    assert row["draft"].urgency == "urgent"
    assert row["draft"].over_triage
    assert row["changed"]
    assertContains(response, "Calm runner keeps self-care")
    assert response.context["changed"] >= 1


def test_the_run_page_marks_under_triage(editor_client):
    ClinicalTestCase.objects.create(
        name="Should be an emergency", answers=CALM_ANSWERS, expected_urgency="emergency"
    )
    response = editor_client.get(reverse(RUN_URL))
    row = next(r for r in response.context["rows"] if r["case"].name == "Should be an emergency")
    assert row["draft"].under_triage
    assertContains(response, "Fail: less urgent than expected")
    assertContains(response, "cannot be published while a case gets a less urgent result")


def test_a_case_whose_answers_no_longer_fit_is_reported_not_crashed(editor_client):
    ClinicalTestCase.objects.create(
        name="Old answers", answers={"age": 40, "gone_question": "yes"}, expected_urgency="soon"
    )
    response = editor_client.get(reverse(RUN_URL))
    row = next(r for r in response.context["rows"] if r["case"].name == "Old answers")
    assert row["draft"].errors["gone_question"] == "Unknown question."
    assertContains(response, "Could not run")


def _question_pk(slug):
    from triage.models import Question

    return Question.objects.get(slug=slug).pk


def test_the_case_pages_name_urgencies_and_causes_in_words_not_slugs(editor_client):
    case = next(c for c in ClinicalTestCase.objects.all() if "muscle_strain" in c.expected_causes)
    strain = Cause.objects.get(slug="muscle_strain").name

    listing = editor_client.get(reverse("admin:triage_clinicaltestcase_changelist") + "?all=")
    run = editor_client.get(reverse(RUN_URL)).content.decode()

    assertContains(listing, strain)
    assert case.name in run
    assert strain in run
    assert "Self-care at home" in run
    assert "<li>Urgency: self_care" not in run
    assert "Top three: muscle_strain" not in run
