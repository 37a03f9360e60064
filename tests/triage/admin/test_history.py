import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from tests.triage.editors import make_user
from triage.defaults import LOADER_REASON
from triage.models import (
    Advice,
    Cause,
    Choice,
    ClinicalTestCase,
    Condition,
    PreventionTip,
    Question,
    Rule,
    RunningStage,
    Treatment,
)

pytestmark = pytest.mark.django_db


def _value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "on" if value else ""
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return str(getattr(value, "pk", value))


def form_data(response):
    """What the admin change form would post back unchanged."""
    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        value = form.initial.get(name, form.fields[name].initial)
        if value not in (None, "", False):
            data[name] = _value(value)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        for name, field in formset.management_form.fields.items():
            data[f"{formset.prefix}-{name}"] = str(
                formset.management_form.initial.get(name, field.initial or 0)
            )
        data[f"{formset.prefix}-TOTAL_FORMS"] = str(formset.initial_form_count())
        for form in formset.initial_forms:
            for name in form.fields:
                value = form.initial.get(name)
                if name == "id":
                    value = form.instance.pk
                if value not in (None, "", False):
                    data[form.add_prefix(name)] = _value(value)
    return data


@pytest.mark.parametrize(
    "model",
    [
        Question,
        Choice,
        Cause,
        Treatment,
        Advice,
        RunningStage,
        PreventionTip,
        Rule,
        Condition,
        ClinicalTestCase,
    ],
)
def test_every_content_model_keeps_its_history(model):
    assert hasattr(model, "history")
    assert model.history.model._meta.db_table.startswith("triage_historical")


def test_a_rule_edit_is_recorded_with_who_and_what_and_shown(client):
    editor = make_user("Editor")
    client.force_login(editor)
    rule = Rule.objects.get(slug="rf_saddle_numbness")
    old_title = rule.title
    url = reverse("admin:triage_rule_change", args=[rule.pk])
    data = form_data(client.get(url))
    data["title"] = "Numb between the legs"
    data["conditions-0-value"] = "yes"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    latest = rule.history.first()
    assert latest.title == "Numb between the legs"
    assert latest.history_user == editor
    assert latest.history_type == "~"

    page = client.get(reverse("admin:triage_rule_history", args=[rule.pk]))
    assertContains(page, old_title)
    assertContains(page, "Numb between the legs")
    assertContains(page, editor.username)


def test_a_condition_edit_shows_on_its_rules_history(client):
    editor = make_user("Editor")
    client.force_login(editor)
    rule = Rule.objects.get(slug="rf_saddle_numbness")
    url = reverse("admin:triage_rule_change", args=[rule.pk])
    data = form_data(client.get(url))
    # The same question, now also firing on a second condition.
    data["conditions-TOTAL_FORMS"] = "2"
    data["conditions-1-question"] = str(Question.objects.get(slug="bladder_change").pk)
    data["conditions-1-operator"] = "eq"
    data["conditions-1-value"] = "yes"
    data["match"] = "any"
    assert client.post(url, data).status_code == 302
    added = Condition.history.filter(rule_id=rule.pk, history_type="+").latest("history_date")
    assert added.history_user == editor
    page = client.get(reverse("admin:triage_rule_history", args=[rule.pk]))
    assertContains(page, "History of its Conditions")
    assertContains(page, "bladder_change eq yes")


def test_a_change_is_reverted_from_the_history(client):
    client.force_login(make_user("Editor"))
    rule = Rule.objects.filter(kind="evidence").first()
    original_weight = rule.weight
    before_edit = rule.history.first()
    rule.weight = original_weight + 5
    rule.save()
    revert_url = reverse(
        "admin:triage_rule_simple_history", args=[rule.pk, before_edit.history_id]
    )
    page = client.get(revert_url)
    assert page.status_code == 200
    data = form_data(page)
    assert data["weight"] == str(original_weight)
    response = client.post(revert_url, data)
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.weight == original_weight
    assert rule.history.count() >= 3


def test_a_reviewer_is_offered_a_revert_on_a_causes_history(client):
    reviewer = make_user("Clinical reviewer")
    client.force_login(reviewer)
    cause = Cause.objects.get(slug="muscle_strain")
    page = client.get(reverse("admin:triage_cause_history", args=[cause.pk]))
    assertContains(page, "Choose a date from the list below to revert")


def test_the_history_page_runs_in_bounded_queries(client, django_assert_max_num_queries):
    client.force_login(make_user("Editor"))
    rule = Rule.objects.get(slug="rf_saddle_numbness")
    for weight in range(5):
        rule.weight = weight
        rule.save()
    with django_assert_max_num_queries(15):
        client.get(reverse("admin:triage_rule_history", args=[rule.pk]))


def test_reverting_a_rule_reverts_its_conditions_with_it(client):
    editor = make_user("Editor")
    client.force_login(editor)
    rule = Rule.objects.get(slug="rf_saddle_numbness")
    url = reverse("admin:triage_rule_change", args=[rule.pk])
    data = form_data(client.get(url))
    data["title"] = "Numb between the legs"
    # A second condition, in the same save: the history record must hold both.
    data["conditions-TOTAL_FORMS"] = "2"
    data["conditions-1-question"] = str(Question.objects.get(slug="fever").pk)
    data["conditions-1-operator"] = "eq"
    data["conditions-1-value"] = "yes"
    assert client.post(url, data).status_code == 302
    edited = rule.history.first()
    assert [c["question"] for c in edited.conditions_json] == ["saddle_numbness", "fever"]
    assert edited.history_change_reason.startswith("Changed in the admin: Title")

    original = rule.history.order_by("history_date").first()
    original.conditions_json = [{"question": "saddle_numbness", "operator": "eq", "value": "yes"}]
    original.save()
    revert_url = reverse("admin:triage_rule_simple_history", args=[rule.pk, original.history_id])
    response = client.post(revert_url, form_data(client.get(revert_url)))
    assert response.status_code == 302

    rule.refresh_from_db()
    assert rule.title == original.title
    assert rule.conditions_as_json() == [
        {"question": "saddle_numbness", "operator": "eq", "value": "yes"}
    ]
    reverted = rule.history.first()
    assert reverted.history_user == editor
    assert reverted.history_change_reason.startswith("Reverted to the version of")
    assert reverted.conditions_json == rule.conditions_as_json()


def test_a_rule_saved_in_the_admin_records_the_user_and_the_reason(client):
    editor = make_user("Editor")
    client.force_login(editor)
    rule = Rule.objects.filter(kind="evidence").first()
    url = reverse("admin:triage_rule_change", args=[rule.pk])
    data = form_data(client.get(url))
    data["weight"] = str(rule.weight + 1)
    assert client.post(url, data).status_code == 302
    page = client.get(reverse("admin:triage_rule_history", args=[rule.pk]))
    assertContains(page, editor.username)
    assertContains(page, "Changed in the admin: Weight")


def test_content_the_loader_wrote_says_so_in_its_history(client):
    # The test database was filled by the loader: its history names no editor, but a reason.
    rule = Rule.objects.get(slug="ev_strain_sudden")
    record = rule.history.earliest()
    assert record.history_user is None
    assert record.history_change_reason == LOADER_REASON

    client.force_login(make_user("Editor"))
    page = client.get(reverse("admin:triage_rule_history", args=[rule.pk]))

    assertContains(page, LOADER_REASON)


def test_the_loaders_reason_stays_with_the_loader(client):
    client.force_login(make_user("Editor"))
    rule = Rule.objects.get(slug="ev_strain_sudden")
    rule.save()  # a save of some other path, after a load

    assert rule.history.latest().history_change_reason != LOADER_REASON
