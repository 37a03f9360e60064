import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from articles.forms import SEARCH_MAX_LENGTH
from articles.models import Article
from tests.articles.factories import make_article, make_draft

pytestmark = pytest.mark.django_db

LIST_URL = reverse("articles:list")
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL full-text search"
)
on_other_databases = pytest.mark.skipif(
    connection.vendor == "postgresql", reason="the fallback for other databases"
)


@pytest.fixture
def hill_article():
    return make_article(
        title="Hill repeats and your lower back",
        summary="Going up is fine; coming down needs care.",
        body="Shorten your stride on the descent and keep your trunk upright.",
    )


def test_search_finds_words_in_the_title(hill_article):
    assert hill_article in Article.objects.published().search("hill repeats")


def test_search_finds_words_in_the_body(hill_article):
    assert hill_article in Article.objects.published().search("stride descent")


def test_search_needs_every_word_to_match(hill_article):
    assert hill_article not in Article.objects.published().search("stride swimming")


def test_a_blank_search_returns_everything():
    everything = Article.objects.published()
    assert list(everything.search("   ")) == list(everything)


def test_search_never_finds_drafts():
    make_draft(title="Hidden hill draft")
    assert not Article.objects.published().search("hidden hill").exists()


@on_other_databases
def test_the_fallback_ignores_case_and_matches_parts_of_words(hill_article):
    assert hill_article in Article.objects.published().search("UPRIGHT")
    assert hill_article in Article.objects.published().search("desc")


@on_postgresql
def test_postgresql_search_stems_words_and_ranks_title_matches_first():
    in_body = make_article(
        title="Easy weeks",
        body="Plan an easier week after three weeks of stretching harder.",
        published_at=timezone.now(),
    )
    in_title = make_article(
        title="Stretching: what it can and cannot do",
        body="A short guide.",
        published_at=timezone.now() - datetime.timedelta(days=30),
    )
    results = list(Article.objects.published().search("stretches"))
    assert results.index(in_title) < results.index(in_body)
    # websearch syntax: a minus word excludes.
    assert in_body not in Article.objects.published().search("stretching -easier")


def test_the_search_box_filters_the_list_page(client, hill_article):
    response = client.get(LIST_URL, {"q": "descent stride"})
    assert list(response.context["article_list"]) == [hill_article]
    assertContains(response, "1 article found for “descent stride”.")
    assertContains(response, 'value="descent stride"')


def test_a_search_with_no_results_says_so(client):
    response = client.get(LIST_URL, {"q": "zebra crossing"})
    assertContains(response, "No articles match those words.")


def test_search_finds_the_default_guide_by_words_in_its_body(client):
    response = client.get(LIST_URL, {"q": "acupuncture"})
    slugs = [article.slug for article in response.context["article_list"]]
    assert "lower-back-pain-after-running" in slugs


def test_pages_of_search_results_keep_the_search(client):
    for number in range(11):
        make_article(title=f"Cadence note {number}")
    response = client.get(LIST_URL, {"q": "cadence"})
    assertContains(response, 'href="?q=cadence&amp;page=2"')
    second = client.get(LIST_URL, {"q": "cadence", "page": 2})
    assert len(second.context["article_list"]) == 1


def test_a_search_that_is_too_long_is_refused_with_a_message(client):
    response = client.get(LIST_URL, {"q": "x" * (SEARCH_MAX_LENGTH + 1)})
    assert response.status_code == 200
    assertContains(response, f"Use {SEARCH_MAX_LENGTH} characters or fewer")
    # Nothing is filtered: the reader still sees the articles.
    assert response.context["query"] == ""
    assert len(response.context["article_list"]) > 0


def test_search_words_are_escaped_on_the_page(client):
    response = client.get(LIST_URL, {"q": "<b>bold</b>"})
    assert "<b>bold</b>" not in response.content.decode()


def test_a_search_with_a_null_character_is_refused_not_crashed(client):
    # PostgreSQL cannot take a NUL in a query; the form stops it first.
    response = client.get(LIST_URL, {"q": "disc\x00"})
    assert response.status_code == 200
    assertContains(response, "Null characters are not allowed.")
