import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from tests.triage.editors import make_user
from triage.models import Advice, Cause, Rule, Treatment

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)


@time_machine.travel(dt.datetime(2026, 6, 15, 12, tzinfo=dt.UTC), tick=False)
def test_the_index_lists_reviews_overdue_and_due_within_thirty_days(
    client, django_assert_max_num_queries
):
    client.force_login(make_user("Editor"))
    Cause.objects.filter(slug="muscle_strain").update(next_review_due=TODAY - dt.timedelta(days=3))
    Treatment.objects.filter(pk=Treatment.objects.first().pk).update(
        next_review_due=TODAY + dt.timedelta(days=20)
    )
    Rule.objects.filter(slug="rf_saddle_numbness").update(
        next_review_due=TODAY + dt.timedelta(days=30)
    )
    far = Advice.objects.first()
    Advice.objects.filter(pk=far.pk).update(next_review_due=TODAY + dt.timedelta(days=31))
    with django_assert_max_num_queries(20):
        response = client.get(reverse("admin:index"))
    page = response.content.decode()
    cause = Cause.objects.get(slug="muscle_strain")
    treatment = Treatment.objects.first()
    rule = Rule.objects.get(slug="rf_saddle_numbness")
    for item in (cause, treatment, rule):
        assert reverse(f"admin:triage_{item._meta.model_name}_change", args=[item.pk]) in page
    assertNotContains(response, reverse("admin:triage_advice_change", args=[far.pk]))
    # Most urgent first, and only the overdue one is marked.
    assert page.index(cause.name) < page.index(treatment.name) < page.index(rule.title)
    assertContains(response, '<tr class="overdue">', count=1)


def test_the_index_says_when_nothing_is_due(client):
    client.force_login(make_user("Editor"))
    response = client.get(reverse("admin:index"))
    assertContains(response, "Nothing is due for review in the next 30 days.")
    assertContains(response, reverse("admin:triage_simulator"))
    assertContains(response, reverse("admin:triage_cases_run"))


def test_staff_without_a_role_see_no_reviews_or_tools(client):
    client.force_login(make_user(None))
    response = client.get(reverse("admin:index"))
    assertNotContains(response, "Clinical reviews")
    assertNotContains(response, reverse("admin:triage_simulator"))


@time_machine.travel(dt.datetime(2026, 6, 15, 12, tzinfo=dt.UTC), tick=False)
def test_articles_due_for_review_are_listed_too(client, admin_user):
    from tests.articles.factories import make_article

    article = make_article(
        title="Running after a back strain",
        last_reviewed=TODAY - dt.timedelta(days=400),
        next_review_due=TODAY + dt.timedelta(days=5),
    )
    client.force_login(admin_user)
    response = client.get(reverse("admin:index"))
    assertContains(response, article.title)
    assertContains(response, reverse("admin:articles_article_change", args=[article.pk]))


def test_every_reviewed_model_has_a_review_date_and_an_admin_page():
    from django.contrib import admin

    from triage.templatetags.triage_admin import _reviewed_models

    models = list(_reviewed_models())
    assert len(models) == 6
    for model, name_field in models:
        model._meta.get_field("next_review_due")
        model._meta.get_field(name_field)
        assert admin.site.is_registered(model)
