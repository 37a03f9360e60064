import datetime

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article, Status
from tests.articles.factories import make_article, make_draft

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2027, 6, 1, 12, 0, tzinfo=datetime.UTC)
CHANGELIST = reverse("admin:articles_article_changelist")


def _change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


@pytest.fixture
def at_today(client, admin_user):
    """A signed-in admin on TODAY (a login made before travelling would have expired)."""
    with time_machine.travel(TODAY, tick=False):
        client.force_login(admin_user)
        yield client


@pytest.fixture
def review_dates(at_today):
    return {
        "overdue": make_article(
            title="Overdue article", next_review_due=datetime.date(2027, 5, 31)
        ),
        "soon": make_article(title="Due soon article", next_review_due=datetime.date(2027, 7, 1)),
        "later": make_article(
            title="Due later article", next_review_due=datetime.date(2027, 7, 2)
        ),
    }


def test_the_list_filters_by_status_and_kind(admin_client):
    make_draft(title="A draft story")
    response = admin_client.get(CHANGELIST, {"status__exact": Status.DRAFT})
    assertContains(response, "A draft story")
    assertNotContains(response, "Lower back pain after running")
    response = admin_client.get(CHANGELIST, {"kind__exact": "guide"})
    assertContains(response, "Lower back pain after running")
    assertNotContains(response, "A draft story")


def test_the_review_filter_shows_overdue_articles(client, review_dates):
    response = client.get(CHANGELIST, {"review": "overdue"})
    shown = set(response.context["cl"].result_list)
    assert review_dates["overdue"] in shown
    assert review_dates["soon"] not in shown
    assert review_dates["later"] not in shown


def test_the_review_filter_shows_articles_due_within_30_days(client, review_dates):
    response = client.get(CHANGELIST, {"review": "soon"})
    shown = set(response.context["cl"].result_list)
    assert review_dates["soon"] in shown
    assert review_dates["overdue"] not in shown
    assert review_dates["later"] not in shown
    assertContains(response, "Due within 30 days")


def test_the_list_flags_published_articles_past_their_review_date(client, review_dates):
    response = client.get(CHANGELIST, {"q": "Overdue article"})
    assertContains(response, "Review overdue")
    assertContains(response, 'alt="True"')
    response = client.get(CHANGELIST, {"q": "Due soon article"})
    assertContains(response, 'alt="False"')
    assertNotContains(response, 'alt="True"')


def test_the_change_page_warns_when_a_published_article_is_overdue(client, review_dates):
    response = client.get(_change_url(review_dates["overdue"]))
    warnings = [m.message for m in get_messages(response.wsgi_request)]
    assert any("was due for review" in message for message in warnings)
    assertContains(response, "was due for review")


def test_the_change_page_does_not_warn_when_the_review_is_not_due(client, review_dates):
    response = client.get(_change_url(review_dates["soon"]))
    assertNotContains(response, "was due for review")


def test_a_draft_past_its_review_date_gets_no_warning(client, at_today):
    draft = make_draft(next_review_due=datetime.date(2027, 1, 1))
    assertNotContains(client.get(_change_url(draft)), "was due for review")


def test_the_list_and_change_page_link_to_the_public_page(admin_client):
    draft = make_draft(title="Preview me")
    assertContains(admin_client.get(CHANGELIST), f'href="{draft.get_absolute_url()}"')
    response = admin_client.get(_change_url(draft))
    assertContains(response, f'<a href="{draft.get_absolute_url()}" target="_blank"')
    assertContains(response, "Preview")
    # The link works for staff even though the article is a draft.
    assert admin_client.get(draft.get_absolute_url()).status_code == 200


def test_the_admin_search_finds_articles_by_body(admin_client):
    make_article(title="Findable", body="A word like quadratus appears here.")
    response = admin_client.get(CHANGELIST, {"q": "quadratus"})
    assert [a.title for a in response.context["cl"].result_list] == ["Findable"]


def _form_data(**overrides):
    data = {
        "title": "New guide",
        "slug": "new-guide",
        "kind": "guide",
        "summary": "A short summary.",
        "body": "Some words.",
        "status": Status.PUBLISHED,
        "published_at_0": "",
        "published_at_1": "",
        "author": "",
        "last_reviewed": "",
        "next_review_due": "",
        "causes": [],
        "treatments": [],
    }
    data.update(overrides)
    return data


def test_publishing_without_a_time_publishes_now(admin_client, admin_user):
    response = admin_client.post(reverse("admin:articles_article_add"), _form_data())
    assert response.status_code == 302
    article = Article.objects.get(slug="new-guide")
    assert article.is_public
    assert article.history.first().history_user == admin_user


def test_a_review_due_before_the_last_review_is_refused_with_a_message(admin_client):
    response = admin_client.post(
        reverse("admin:articles_article_add"),
        _form_data(last_reviewed="2027-01-01", next_review_due="2026-01-01"),
    )
    assertContains(response, "The next review must be due after the last review.")
    assert not Article.objects.filter(slug="new-guide").exists()


def test_the_history_page_lists_changes(admin_client):
    article = make_article(title="Versioned")
    article.title = "Versioned again"
    article.save()
    response = admin_client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assertContains(response, "Versioned again")


@pytest.mark.parametrize("role", ["Editor", "Clinical reviewer"])
def test_editors_and_reviewers_can_write_articles(client, django_user_model, role):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("writer", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    assert client.get(reverse("admin:articles_article_add")).status_code == 200
    assert user.has_perm("articles.change_article")
    assert user.has_perm("articles.delete_article")
