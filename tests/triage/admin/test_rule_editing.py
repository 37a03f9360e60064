import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from tests.triage.editors import make_user
from triage.models import Cause, Condition, Question, Rule

pytestmark = pytest.mark.django_db


def rule_data(conditions, **fields):
    data = {
        "slug": "ev_test_rule",
        "title": "Test rule",
        "description": "Adds weight to muscle strain after a run.",
        "kind": "evidence",
        "match": "all",
        "urgency": "",
        "cause": str(Cause.objects.get(slug="muscle_strain").pk),
        "weight": "1.5",
        "reason": "You said it started on a run.",
        "is_active": "on",
        "order": "999",
        "conditions-TOTAL_FORMS": str(len(conditions)),
        "conditions-INITIAL_FORMS": "0",
        "conditions-MIN_NUM_FORMS": "0",
        "conditions-MAX_NUM_FORMS": "1000",
    }
    for index, (question, operator, value) in enumerate(conditions):
        data[f"conditions-{index}-question"] = str(Question.objects.get(slug=question).pk)
        data[f"conditions-{index}-operator"] = operator
        data[f"conditions-{index}-value"] = value
    data.update(fields)
    return data


@pytest.fixture
def editor_client(client):
    client.force_login(make_user("Editor"))
    return client


def post_rule(client, data):
    return client.post(reverse("admin:triage_rule_add"), data)


def test_a_valid_rule_is_saved_with_normalised_values(editor_client):
    response = post_rule(
        editor_client,
        rule_data(
            [
                ("onset_trigger", "eq", "run"),
                ("pain_location", "includes_any", " buttock , low_back_one_side,buttock"),
                ("severity", "gte", "7.0"),
            ]
        ),
    )
    assert response.status_code == 302
    rule = Rule.objects.get(slug="ev_test_rule")
    assert [(c.question.slug, c.operator, c.value) for c in rule.conditions.all()] == [
        ("onset_trigger", "eq", "run"),
        ("pain_location", "includes_any", "buttock,low_back_one_side"),
        ("severity", "gte", "7"),
    ]


def test_a_value_that_is_not_a_choice_of_the_question_is_refused(editor_client):
    response = post_rule(editor_client, rule_data([("onset_trigger", "eq", "marathon")]))
    assert response.status_code == 200
    assertContains(response, "“marathon” is not a choice of this question")
    assert not Rule.objects.filter(slug="ev_test_rule").exists()


def test_one_unknown_choice_in_a_list_is_refused(editor_client):
    response = post_rule(
        editor_client, rule_data([("pain_location", "includes_any", "buttock,knee")])
    )
    assertContains(response, "“knee” is not a choice of this question")
    assert not Rule.objects.filter(slug="ev_test_rule").exists()


def test_an_operator_that_does_not_fit_the_question_is_refused(editor_client):
    response = post_rule(editor_client, rule_data([("pain_location", "eq", "buttock")]))
    assertContains(response, "does not fit this kind of question")
    assert not Rule.objects.filter(slug="ev_test_rule").exists()


def test_a_number_condition_needs_a_whole_number(editor_client):
    response = post_rule(editor_client, rule_data([("severity", "gte", "seven")]))
    assertContains(response, "“seven” is not a whole number")
    assert not Rule.objects.filter(slug="ev_test_rule").exists()


def test_a_condition_without_a_value_is_refused(editor_client):
    response = post_rule(editor_client, rule_data([("onset_trigger", "eq", "")]))
    assertContains(response, "Give a value for this condition")


def test_a_question_that_does_not_exist_is_refused(editor_client):
    data = rule_data([("onset_trigger", "eq", "run")])
    data["conditions-0-question"] = "987654"
    response = post_rule(editor_client, data)
    assertContains(response, "Select a valid choice")
    assert not Rule.objects.filter(slug="ev_test_rule").exists()


def test_a_rule_without_conditions_is_refused(editor_client):
    response = post_rule(editor_client, rule_data([]))
    assertContains(response, "A rule needs at least one condition")
    assert not Rule.objects.filter(slug="ev_test_rule").exists()


def test_removing_every_condition_of_a_rule_is_refused(editor_client):
    rule = Rule.objects.get(slug="rf_saddle_numbness")
    condition = rule.conditions.get()
    data = rule_data(
        [("saddle_numbness", "eq", "yes")],
        slug=rule.slug,
        kind="red_flag",
        urgency="emergency",
        cause=str(rule.cause_id),
        **{
            "conditions-INITIAL_FORMS": "1",
            "conditions-0-id": str(condition.pk),
            "conditions-0-rule": str(rule.pk),
            "conditions-0-DELETE": "on",
        },
    )
    response = editor_client.post(reverse("admin:triage_rule_change", args=[rule.pk]), data)
    assertContains(response, "A rule needs at least one condition")
    assert Condition.objects.filter(pk=condition.pk).exists()


@pytest.mark.parametrize(
    ("kind", "field", "message"),
    [
        ("red_flag", "urgency", "A warning sign needs an urgency floor."),
        ("evidence", "cause", "An evidence rule needs the cause it adds weight to."),
        ("advice", "advice", "An advice rule needs the advice item it includes."),
        ("prevention", "prevention", "A prevention rule needs the tip it includes."),
    ],
)
def test_each_kind_of_rule_must_name_what_it_acts_on(editor_client, kind, field, message):
    data = rule_data([("onset_trigger", "eq", "run")], kind=kind, **{field: ""})
    response = post_rule(editor_client, data)
    assert response.context["adminform"].form.errors[field] == [message]
    assert not Rule.objects.filter(slug="ev_test_rule").exists()


def test_a_question_shown_only_for_a_choice_it_does_not_have_is_refused(editor_client):
    question = Question.objects.get(slug="periods_missed")
    url = reverse("admin:triage_question_change", args=[question.pk])
    form = editor_client.get(url).context["adminform"].form
    data = {
        name: (value if value is not None else "")
        for name, value in form.initial.items()
        if name in form.fields
    }
    data.update(
        {
            "shown_when_question": str(Question.objects.get(slug="sex").pk),
            "shown_when_operator": "eq",
            "shown_when_value": "woman",
            "required": "",
            "choices-TOTAL_FORMS": "0",
            "choices-INITIAL_FORMS": "0",
        }
    )
    response = editor_client.post(url, data)
    assertContains(response, "“woman” is not a choice of this question")
    question.refresh_from_db()
    assert question.shown_when_value == "female"


def test_the_rule_form_gives_the_script_each_questions_choices(editor_client):
    response = editor_client.get(reverse("admin:triage_rule_add"))
    questions = response.context["condition_questions"]
    sex = Question.objects.get(slug="sex")
    assert questions[str(sex.pk)]["kind"] == "single"
    assert ["female", "Female"] in [
        [slug, label.title()] for slug, label in questions[str(sex.pk)]["choices"]
    ]
    assertContains(response, 'id="condition-questions"')
    assertContains(response, "admin_extra/conditions.js")
    assertContains(response, "data-condition-value")


def test_the_rule_list_shows_what_each_rule_does_in_bounded_queries(
    editor_client, django_assert_max_num_queries
):
    rule = Rule.objects.get(slug="ev_strain_sudden")
    with django_assert_max_num_queries(12):
        response = editor_client.get(reverse("admin:triage_rule_changelist") + "?all=")
    # Each rule is described from its conditions and effect, in words: no slugs.
    assertContains(response, "When Onset is: “")
    assertContains(response, f"to “{rule.cause.name}”")
    assertContains(
        response, "When Saddle numbness is: “Yes”: urgency at least “Emergency: get help now”"
    )
    assertNotContains(response, "saddle_numbness eq")


def test_a_rule_added_without_a_slug_gets_one_from_its_title(editor_client):
    data = rule_data([("onset", "eq", "sudden")], slug="", title="Sudden start after a run")
    response = editor_client.post(reverse("admin:triage_rule_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Rule.objects.filter(slug="sudden_start_after_a_run").exists()
    again = editor_client.post(reverse("admin:triage_rule_add"), data)
    assert again.status_code == 302
    assert Rule.objects.filter(slug="sudden_start_after_a_run_2").exists()


def test_a_rule_keeps_only_the_fields_of_its_kind(editor_client):
    data = rule_data(
        [("onset", "eq", "sudden")],
        advice=str(Rule.objects.filter(kind="advice").first().advice_id),
    )
    assert editor_client.post(reverse("admin:triage_rule_add"), data).status_code == 302
    rule = Rule.objects.get(slug="ev_test_rule")
    assert rule.advice is None and rule.cause.slug == "muscle_strain"


def test_the_rule_form_groups_each_kinds_fields_for_the_script(editor_client):
    rule = Rule.objects.get(slug="rf_saddle_numbness")
    page = editor_client.get(reverse("admin:triage_rule_change", args=[rule.pk]))
    html = page.content.decode()
    for kind in ("red_flag", "evidence", "advice", "prevention"):
        assert f"rule-kind-{kind}" in html
    assert "admin_extra/rule_kind.js" in html


def test_every_kind_keeps_the_reason_shown_to_the_runner(editor_client):
    data = rule_data([("onset", "eq", "sudden")], reason="You said it came on suddenly.")
    assert editor_client.post(reverse("admin:triage_rule_add"), data).status_code == 302
    assert Rule.objects.get(slug="ev_test_rule").reason == "You said it came on suddenly."
