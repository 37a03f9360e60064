import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, Status
from tests.articles.factories import make_article, make_draft
from triage.models import Cause

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2027, 3, 1, 12, 0, tzinfo=datetime.UTC)


def test_published_includes_an_article_whose_publication_time_has_passed():
    article = make_article(published_at=timezone.now() - datetime.timedelta(minutes=1))
    assert article in Article.objects.published()


def test_published_leaves_out_drafts():
    draft = make_draft()
    assert draft not in Article.objects.published()


def test_published_leaves_out_an_article_scheduled_for_the_future():
    scheduled = make_article(published_at=timezone.now() + datetime.timedelta(days=1))
    assert scheduled not in Article.objects.published()
    assert not scheduled.is_public


def test_a_scheduled_article_becomes_public_when_its_time_comes():
    with time_machine.travel(NOW, tick=False):
        scheduled = make_article(published_at=NOW + datetime.timedelta(hours=1))
    with time_machine.travel(NOW + datetime.timedelta(hours=2), tick=False):
        assert scheduled in Article.objects.published()
        assert scheduled.is_public


def test_staff_can_view_drafts_and_other_users_cannot(django_user_model):
    draft = make_draft()
    staff = django_user_model(username="staff", is_staff=True)
    runner = django_user_model(username="runner")
    assert draft in Article.objects.viewable_by(staff)
    assert draft not in Article.objects.viewable_by(runner)


def test_the_database_refuses_a_published_article_without_a_publication_time():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(status=Status.PUBLISHED, published_at=None)


def test_full_clean_explains_a_published_article_needs_a_time():
    article = Article(
        title="T", slug="t", summary="S", body="B", status=Status.PUBLISHED, published_at=None
    )
    with pytest.raises(ValidationError, match="needs a publication time"):
        article.full_clean()


def test_the_database_refuses_a_review_due_before_the_last_review():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(
            last_reviewed=datetime.date(2027, 1, 1), next_review_due=datetime.date(2026, 1, 1)
        )


def test_slugs_are_unique():
    make_article(slug="same")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(slug="same")


def test_str_is_the_title_and_the_url_uses_the_slug():
    article = make_article(title="Hills and your back", slug="hills")
    assert str(article) == "Hills and your back"
    assert article.get_absolute_url() == "/articles/hills/"


@time_machine.travel(NOW, tick=False)
def test_a_published_article_past_its_review_date_is_overdue():
    overdue = make_article(next_review_due=datetime.date(2027, 2, 28))
    due_today = make_article(next_review_due=datetime.date(2027, 3, 1))
    draft = make_draft(next_review_due=datetime.date(2027, 2, 28))
    assert overdue.is_review_overdue
    assert not due_today.is_review_overdue
    assert not draft.is_review_overdue


@time_machine.travel(NOW, tick=False)
def test_review_queryset_methods_split_overdue_from_due_soon():
    overdue = make_article(next_review_due=datetime.date(2027, 2, 28))
    soon = make_article(next_review_due=datetime.date(2027, 3, 31))
    later = make_article(next_review_due=datetime.date(2027, 4, 1))
    assert set(Article.objects.review_overdue()) >= {overdue}
    assert soon not in Article.objects.review_overdue()
    due_soon = set(Article.objects.review_due_within(30))
    assert soon in due_soon
    assert overdue not in due_soon
    assert later not in due_soon


def test_related_articles_share_causes_most_shared_first_and_are_published():
    # Causes no default article is about, so that only this test's articles are related.
    si_joint, piriformis, hamstring = (
        Cause.objects.get(slug=slug)
        for slug in ("si_joint", "piriformis_syndrome", "hamstring_tendinopathy")
    )
    article = make_article(causes=[si_joint, piriformis])
    shares_both = make_article(
        causes=[si_joint, piriformis], published_at=timezone.now() - datetime.timedelta(days=9)
    )
    shares_one = make_article(causes=[si_joint], published_at=timezone.now())
    make_article(causes=[hamstring])
    make_draft(causes=[si_joint, piriformis])
    assert list(article.related_articles()) == [shares_both, shares_one]


def test_an_article_about_no_cause_has_no_related_articles():
    assert list(make_article().related_articles()) == []


def test_saving_an_article_records_its_history():
    article = make_article(title="First title")
    article.title = "Second title"
    article.save()
    assert [h.title for h in article.history.order_by("history_date")] == [
        "First title",
        "Second title",
    ]


def test_the_rendered_body_follows_the_text_when_it_changes():
    article = make_article(body="First **version**.")
    assert "<strong>version</strong>" in Article.objects.get(pk=article.pk).body_html
    Article.objects.filter(pk=article.pk).update(body="Second *version*.")
    assert "<em>version</em>" in Article.objects.get(pk=article.pk).body_html
