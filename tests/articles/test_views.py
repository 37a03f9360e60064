import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from articles.models import Article
from tests.articles.factories import make_article, make_draft
from triage.models import Cause

pytestmark = pytest.mark.django_db

LIST_URL = reverse("articles:list")


def _hours_ago(hours):
    return timezone.now() - datetime.timedelta(hours=hours)


def test_the_list_shows_published_articles_newest_first(client):
    older = make_article(title="Older article", published_at=_hours_ago(2))
    newer = make_article(title="Newer article", published_at=_hours_ago(1))
    response = client.get(LIST_URL)
    articles = list(response.context["article_list"])
    assert articles.index(newer) < articles.index(older)
    assert articles == sorted(articles, key=lambda article: article.published_at, reverse=True)
    assertTemplateUsed(response, "articles/article_list.html")


def test_the_list_leaves_out_drafts_and_scheduled_articles_even_for_staff(staff_client):
    make_draft(title="Secret draft")
    make_article(title="Future article", published_at=timezone.now() + datetime.timedelta(days=1))
    response = staff_client.get(LIST_URL)
    assertNotContains(response, "Secret draft")
    assertNotContains(response, "Future article")


def test_the_list_is_paginated_ten_to_a_page(client):
    total = Article.objects.published().count()
    for number in range(11 - total + 1):
        make_article(title=f"Paged article {number}")
    total = Article.objects.published().count()
    assert total > 10

    first = client.get(LIST_URL)
    second = client.get(LIST_URL, {"page": 2})
    assert len(first.context["article_list"]) == 10
    assert len(second.context["article_list"]) == total - 10
    assert not set(first.context["article_list"]) & set(second.context["article_list"])
    assertContains(first, 'rel="next" href="?page=2"')
    assertContains(second, 'rel="prev" href="?page=1"')


@pytest.mark.parametrize("page", ["99", "not-a-number"])
def test_a_page_that_does_not_exist_is_not_found(client, page):
    assert client.get(LIST_URL, {"page": page}).status_code == 404


def test_the_list_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    for _ in range(15):
        make_article(causes=Cause.objects.filter(slug__in=["overuse", "sciatica"]))
    # A count for the paginator and one query for the page, however many articles there are.
    with django_assert_max_num_queries(2):
        response = client.get(LIST_URL)
    assert response.status_code == 200


def test_the_list_has_a_meta_description(client):
    assertContains(client.get(LIST_URL), '<meta name="description" content="Guides and runner')


def test_the_detail_page_shows_the_article(client):
    article = make_article(
        title="Downhill running",
        summary="Why hills can hurt your back.",
        body="## Go gently\n\nShorter steps help.",
    )
    response = client.get(article.get_absolute_url())
    assertTemplateUsed(response, "articles/article_detail.html")
    assertContains(response, "<h1>Downhill running</h1>", html=True)
    assertContains(response, "<h2>Go gently</h2>", html=True)
    assertContains(response, '<meta name="description" content="Why hills can hurt your back.">')
    assertNotContains(response, "Draft")


def test_the_detail_page_shows_the_review_dates(client):
    article = make_article(
        last_reviewed=datetime.date(2026, 11, 5), next_review_due=datetime.date(2027, 11, 5)
    )
    response = client.get(article.get_absolute_url())
    assertContains(response, "Last reviewed")
    assertContains(response, "5 November 2026")
    assertContains(response, "Next review due")
    assertContains(response, "5 November 2027")


def test_the_detail_page_links_the_causes_it_covers_to_their_pages(client):
    cause = Cause.objects.get(slug="sciatica")
    article = make_article(causes=[cause])
    response = client.get(article.get_absolute_url())
    assertContains(response, f'<a href="{cause.get_absolute_url()}">{cause.name}</a>', html=True)
    assert client.get(cause.get_absolute_url()).status_code == 200


def test_the_detail_page_lists_related_articles(client):
    cause = Cause.objects.get(slug="piriformis_syndrome")
    article = make_article(causes=[cause])
    related = make_article(title="Also about the buttock", causes=[cause])
    unrelated = make_article(title="About something else")
    response = client.get(article.get_absolute_url())
    assertContains(response, "Related articles")
    assertContains(response, related.get_absolute_url())
    assertNotContains(response, unrelated.get_absolute_url())


def test_a_draft_is_not_found_for_anonymous_readers(client):
    assert client.get(make_draft().get_absolute_url()).status_code == 404


def test_a_draft_is_not_found_for_signed_in_runners_who_are_not_staff(client, django_user_model):
    client.force_login(django_user_model.objects.create_user(username="runner"))
    assert client.get(make_draft().get_absolute_url()).status_code == 404


def test_a_scheduled_article_is_not_found_for_readers_yet(client):
    article = make_article(published_at=timezone.now() + datetime.timedelta(days=1))
    assert client.get(article.get_absolute_url()).status_code == 404


def test_staff_preview_a_draft_with_a_banner_and_no_indexing(staff_client):
    draft = make_draft(title="Work in progress")
    response = staff_client.get(draft.get_absolute_url())
    assertContains(response, "Work in progress")
    assertContains(response, "<strong>Draft</strong>", html=True)
    assertContains(response, "Only staff can see this page.")
    assertContains(response, '<meta name="robots" content="noindex">', html=True)


def test_staff_preview_a_scheduled_article_with_its_publication_time(staff_client):
    article = make_article(published_at=timezone.now() + datetime.timedelta(days=1))
    response = staff_client.get(article.get_absolute_url())
    assertContains(response, "Not published yet")


def test_a_published_article_has_no_banner_for_staff(staff_client):
    response = staff_client.get(make_article().get_absolute_url())
    assertNotContains(response, "Only staff can see")
    assertNotContains(response, "noindex")


def test_an_unknown_slug_is_not_found(client):
    assert client.get(reverse("articles:detail", kwargs={"slug": "no-such"})).status_code == 404
