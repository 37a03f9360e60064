"""Builders for article tests: each fills in what a test does not care about."""

import datetime
import itertools

from django.utils import timezone

from articles.models import Article, Kind, Status

_numbers = itertools.count(1)


def make_article(**kwargs):
    number = next(_numbers)
    causes = kwargs.pop("causes", ())
    treatments = kwargs.pop("treatments", ())
    kwargs.setdefault("title", f"Test article {number}")
    kwargs.setdefault("slug", f"test-article-{number}")
    kwargs.setdefault("kind", Kind.STORY)
    kwargs.setdefault("summary", f"Summary of test article {number}.")
    kwargs.setdefault("body", f"Body of test article {number}.")
    kwargs.setdefault("status", Status.PUBLISHED)
    if kwargs["status"] == Status.PUBLISHED:
        kwargs.setdefault("published_at", timezone.now() - datetime.timedelta(hours=number))
    article = Article.objects.create(**kwargs)
    article.causes.set(causes)
    article.treatments.set(treatments)
    return article


def make_draft(**kwargs):
    return make_article(status=Status.DRAFT, **kwargs)
