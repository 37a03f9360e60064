"""An Editor alone cannot put clinical text live: changes to causes, treatments and published
articles wait for a Clinical reviewer, and runners read the approved text until then."""

import pytest
from django.forms import ModelMultipleChoiceField
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article, Status
from tests.articles.factories import make_article
from tests.triage.admin.test_history import form_data
from tests.triage.editors import make_user
from triage.models import Cause, Treatment

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return make_user("Editor")


@pytest.fixture
def reviewer():
    return make_user("Clinical reviewer")


def edit(client, url, **changes):
    page = client.get(url)
    data = form_data(page)
    form = page.context["adminform"].form
    for name, field in form.fields.items():
        if isinstance(field, ModelMultipleChoiceField):
            data[name] = [str(getattr(item, "pk", item)) for item in form.initial.get(name, [])]
    data.update(changes)
    return client.post(url, data)


def approve(client, model_name, obj):
    return client.post(
        reverse(f"admin:{model_name}_changelist"),
        {"action": "approve_pending", "_selected_action": [obj.pk]},
    )


def test_an_editors_treatment_change_waits_and_runners_keep_the_approved_text(
    client, editor, reviewer
):
    treatment = Treatment.objects.filter(causes__isnull=False).first()
    cause = treatment.causes.first()
    old = treatment.description
    client.force_login(editor)
    url = reverse("admin:triage_treatment_change", args=[treatment.pk])
    response = edit(client, url, description="Heat cures everything in a day.")
    assert response.status_code == 302
    assertContains(client.get(url), "waiting for a clinical reviewer")

    treatment.refresh_from_db()
    assert treatment.description == old
    assert treatment.pending_change["fields"] == {"description": "Heat cures everything in a day."}
    assert treatment.pending_change["by"] == editor.get_username()
    page = client.get(cause.get_absolute_url())
    assertNotContains(page, "Heat cures everything in a day.")

    # The Editor cannot approve their own change.
    approve(client, "triage_treatment", treatment)
    treatment.refresh_from_db()
    assert treatment.description == old

    client.force_login(reviewer)
    assertContains(client.get(url), "Heat cures everything in a day.")
    approve(client, "triage_treatment", treatment)
    treatment.refresh_from_db()
    assert treatment.description == "Heat cures everything in a day."
    assert treatment.pending_change == {}
    record = treatment.history.first()
    assert record.history_user == reviewer
    assert record.history_change_reason == f"Approved the change proposed by {editor.username}"
    assertContains(client.get(cause.get_absolute_url()), "Heat cures everything in a day.")


def test_an_editors_cause_change_waits_for_a_reviewer(client, editor, reviewer):
    cause = Cause.objects.get(slug="muscle_strain")
    client.force_login(editor)
    url = reverse("admin:triage_cause_change", args=[cause.pk])
    assert edit(client, url, self_care="Run through it.").status_code == 302
    cause.refresh_from_db()
    assert cause.self_care != "Run through it."
    assertNotContains(client.get(cause.get_absolute_url()), "Run through it.")
    api = client.get(f"/api/v1/causes/{cause.slug}").json()
    assert api["self_care"] != "Run through it."

    client.force_login(reviewer)
    approve(client, "triage_cause", cause)
    cause.refresh_from_db()
    assert cause.self_care == "Run through it."


def test_a_reviewers_own_change_is_live_at_once(client, reviewer):
    cause = Cause.objects.get(slug="muscle_strain")
    client.force_login(reviewer)
    url = reverse("admin:triage_cause_change", args=[cause.pk])
    assert edit(client, url, summary="A pulled muscle.").status_code == 302
    cause.refresh_from_db()
    assert cause.summary == "A pulled muscle."


def test_an_editor_cannot_add_or_delete_causes_or_treatments(client, editor):
    client.force_login(editor)
    assert client.get(reverse("admin:triage_treatment_add")).status_code == 403
    assert client.get(reverse("admin:triage_cause_add")).status_code == 403
    treatment = Treatment.objects.first()
    url = reverse("admin:triage_treatment_delete", args=[treatment.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Treatment.objects.filter(pk=treatment.pk).exists()


def test_an_editors_change_to_a_published_article_waits_for_a_reviewer(client, editor, reviewer):
    article = make_article(body="The approved body.")
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert edit(client, url, body="An unreviewed body.").status_code == 302
    article.refresh_from_db()
    assert article.body == "The approved body."
    client.logout()
    page = client.get(article.get_absolute_url())
    assertContains(page, "The approved body.")
    assertNotContains(page, "An unreviewed body.")

    client.force_login(reviewer)
    approve(client, "articles_article", article)
    client.logout()
    assertContains(client.get(article.get_absolute_url()), "An unreviewed body.")


def test_an_editor_writes_drafts_but_cannot_publish_them(client, editor, reviewer):
    client.force_login(editor)
    add = client.get(reverse("admin:articles_article_add"))
    assert add.status_code == 200
    assert "status" not in add.context["adminform"].form.fields
    draft = make_article(status=Status.DRAFT, body="Draft body.")
    url = reverse("admin:articles_article_change", args=[draft.pk])
    response = edit(client, url, body="Edited draft.", status="published")
    assert response.status_code == 302
    draft.refresh_from_db()
    # A draft no runner sees is edited directly; its status stays a draft.
    assert (draft.body, draft.status) == ("Edited draft.", Status.DRAFT)
    assert not Article.objects.published().filter(pk=draft.pk).exists()

    client.force_login(reviewer)
    assert edit(client, url, status="published").status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
