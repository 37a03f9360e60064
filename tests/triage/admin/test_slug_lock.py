"""Slugs are the contract: an editor gives new content its slug, but only a clinical reviewer
may rename the slug of existing content (triage.admin.slugs)."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from tests.triage.editors import make_user
from triage.models import Cause, Choice, Question, Rule

pytestmark = pytest.mark.django_db


def _change_data(client, url):
    """What the change form would post unchanged (its inline choices included)."""
    response = client.get(url)
    data = {}
    for form in [response.context["adminform"].form] + [
        inline_form
        for formset in response.context["inline_admin_formsets"]
        for inline_form in formset.formset.forms
    ]:
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if value is None or value is False:
                continue
            key = form.add_prefix(name)
            data[key] = (
                [str(v.pk if hasattr(v, "pk") else v) for v in value]
                if isinstance(value, list | tuple)
                else str(value.pk if hasattr(value, "pk") else value)
            )
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = str(management.initial.get(name, 0))
    return data


def test_an_editor_sees_an_existing_causes_slug_but_cannot_rename_it(client):
    client.force_login(make_user("Editor"))
    cause = Cause.objects.get(slug="muscle_strain")
    url = reverse("admin:triage_cause_change", args=[cause.pk])

    page = client.get(url)
    assert "slug" not in page.context["adminform"].form.fields
    assertContains(page, "muscle_strain")
    data = {**_change_data(client, url), "slug": "pulled_muscle"}
    response = client.post(url, data)

    assert response.status_code == 302
    cause.refresh_from_db()
    assert cause.slug == "muscle_strain"


def test_a_clinical_reviewer_may_rename_a_slug(client):
    client.force_login(make_user("Clinical reviewer"))
    cause = Cause.objects.get(slug="muscle_strain")
    url = reverse("admin:triage_cause_change", args=[cause.pk])

    assert "slug" in client.get(url).context["adminform"].form.fields


def test_an_editor_gives_a_new_item_its_slug(client):
    client.force_login(make_user("Editor"))

    page = client.get(reverse("admin:triage_rule_add"))

    assert "slug" in page.context["adminform"].form.fields
    # On an existing rule it is shown, and no longer filled in from the title.
    rule = client.get(reverse("admin:triage_rule_change", args=[Rule.objects.first().pk]))
    assert "slug" not in rule.context["adminform"].form.fields
    assert rule.context["prepopulated_fields"] == []


def test_an_editor_cannot_rename_a_choice_but_may_add_one(client):
    client.force_login(make_user("Editor"))
    question = Question.objects.get(slug="trend")
    url = reverse("admin:triage_question_change", args=[question.pk])
    data = _change_data(client, url)
    renamed = next(key for key, value in data.items() if key.endswith("-slug"))
    old = data[renamed]

    response = client.post(url, {**data, renamed: "renamed_choice"})

    assertContains(response, "Only a clinical reviewer may rename the slug")
    assert Choice.objects.filter(question=question, slug=old).exists()
    assert not Choice.objects.filter(slug="renamed_choice").exists()
