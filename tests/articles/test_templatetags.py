import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone

from articles.templatetags.articles_tags import articles_for_causes
from tests.articles.factories import make_article, make_draft
from triage.models import Cause

pytestmark = pytest.mark.django_db


@pytest.fixture
def piriformis():
    return Cause.objects.get(slug="piriformis_syndrome")


@pytest.fixture
def hamstring():
    return Cause.objects.get(slug="hamstring_tendinopathy")


def test_articles_about_the_most_likely_cause_come_first(piriformis, hamstring):
    about_second = make_article(causes=[hamstring], published_at=timezone.now())
    about_first = make_article(
        causes=[piriformis], published_at=timezone.now() - datetime.timedelta(days=5)
    )
    articles = articles_for_causes(["piriformis_syndrome", "hamstring_tendinopathy"])
    assert articles == [about_first, about_second]


def test_at_most_three_published_articles_in_one_query(piriformis, django_assert_num_queries):
    for _ in range(5):
        make_article(causes=[piriformis])
    make_draft(causes=[piriformis], title="Draft")
    with django_assert_num_queries(1):
        articles = articles_for_causes(["piriformis_syndrome"])
    assert len(articles) == 3
    assert all(article.is_public for article in articles)


def test_result_cause_dicts_are_accepted(piriformis):
    article = make_article(causes=[piriformis])
    assert articles_for_causes([{"slug": "piriformis_syndrome", "name": "x"}]) == [article]


def test_no_causes_means_no_articles_and_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert articles_for_causes([]) == []
        assert articles_for_causes(None) == []


def test_the_default_stories_are_found_for_their_causes():
    slugs = [article.slug for article in articles_for_causes(["disc_herniation"])]
    assert "runner-story-bulging-disc" in slugs
    assert "lower-back-pain-after-running" in slugs


def test_the_partial_lists_the_articles_with_links(piriformis):
    article = make_article(title="Deep buttock pain", causes=[piriformis])
    html = Template(
        "{% load articles_tags %}"
        "{% articles_for_causes causes as articles %}"
        '{% include "articles/includes/related_for_causes.html" %}'
    ).render(Context({"causes": [{"slug": "piriformis_syndrome"}]}))
    assert f'<a href="{article.get_absolute_url()}">Deep buttock pain</a>' in html
    assert "Read more about your possible causes" in html


def test_the_partial_renders_nothing_without_articles():
    html = Template(
        "{% load articles_tags %}"
        "{% articles_for_causes causes as articles %}"
        '{% include "articles/includes/related_for_causes.html" %}'
    ).render(Context({"causes": ["vascular_claudication"]}))
    assert html.strip() == ""
