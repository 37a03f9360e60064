import datetime
import hashlib
from functools import cached_property

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.cache import cache
from django.db import connections, models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from backpain.markdown import RENDER_VERSION, render_markdown
from triage.models import PendingReview

REVIEW_SOON_DAYS = 30
BODY_CACHE_SECONDS = 24 * 60 * 60


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Kind(models.TextChoices):
    GUIDE = "guide", _("Guide")
    STORY = "story", _("Runner story")


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles readers may see: published, with a publication time that has come."""
        return self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())

    def viewable_by(self, user):
        # Staff preview drafts and scheduled articles on the public page.
        return self if user.is_staff else self.published()

    def review_overdue(self, today=None):
        return self.filter(next_review_due__lt=today or timezone.localdate())

    def review_due_within(self, days, today=None):
        today = today or timezone.localdate()
        return self.filter(
            next_review_due__gte=today, next_review_due__lte=today + datetime.timedelta(days)
        )

    def search(self, query):
        """Articles whose title, summary or body match the words of query.

        PostgreSQL: full-text search with English stemming, best matches first. Other databases
        (SQLite in development): every word must appear, in any case, in one of the fields.
        """
        words = query.split()
        if not words:
            return self
        if connections[self.db].vendor == "postgresql":
            return self._search_postgresql(" ".join(words))
        matches = self
        for word in words:
            matches = matches.filter(
                Q(title__icontains=word) | Q(summary__icontains=word) | Q(body__icontains=word)
            )
        return matches

    def _search_postgresql(self, text):
        vector = (
            SearchVector("title", weight="A", config="english")
            + SearchVector("summary", weight="B", config="english")
            + SearchVector("body", weight="C", config="english")
        )
        query = SearchQuery(text, search_type="websearch", config="english")
        return (
            self.annotate(search=vector, rank=SearchRank(vector, query))
            .filter(search=query)
            .order_by("-rank", "-published_at")
        )


class Article(PendingReview, models.Model):
    title = models.CharField(
        _("title"), max_length=200, help_text=_("e.g. Lower back pain after running")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        help_text=_("The end of the page address, e.g. lower-back-pain-after-running."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.GUIDE)
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_(
            "One or two sentences shown in lists and to search engines, e.g. What can cause "
            "back pain after a run, and what helps."
        ),
    )
    body = models.TextField(
        _("body"),
        help_text=_(
            "Written in Markdown: ## for a heading, - for a list item, **bold**, "
            "[link text](https://example.org). Scripts and unsafe links are removed."
        ),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(
        _("published"),
        null=True,
        blank=True,
        help_text=_(
            "Readers see the article from this time. Left empty, it is set when you publish."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    last_reviewed = models.DateField(
        _("last reviewed"), null=True, blank=True, help_text=_("e.g. 2026-11-01")
    )
    next_review_due = models.DateField(
        _("next review due"), null=True, blank=True, help_text=_("e.g. 2027-11-01")
    )
    causes = models.ManyToManyField(
        "triage.Cause",
        verbose_name=_("causes"),
        blank=True,
        related_name="articles",
        help_text=_("The possible causes this article is about."),
    )
    treatments = models.ManyToManyField(
        "triage.Treatment",
        verbose_name=_("treatments"),
        blank=True,
        related_name="articles",
        help_text=_("The treatments this article is about."),
    )

    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[causes, treatments])

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="articles_article_unique_slug"),
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED) | Q(published_at__isnull=False),
                name="articles_article_published_has_date",
                violation_error_message=_("A published article needs a publication time."),
            ),
            models.CheckConstraint(
                condition=Q(last_reviewed__isnull=True)
                | Q(next_review_due__isnull=True)
                | Q(next_review_due__gt=models.F("last_reviewed")),
                name="articles_article_review_due_after_reviewed",
                violation_error_message=_("The next review must be due after the last review."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    @cached_property
    def body_html(self):
        # Rendering the guide takes about 10 ms; keyed on the text, a cached copy is never stale.
        digest = hashlib.sha256(self.body.encode()).hexdigest()
        key = f"articles:body:{RENDER_VERSION}:{digest}"
        return cache.get_or_set(
            key, lambda: render_markdown(self.body), timeout=BODY_CACHE_SECONDS
        )

    @property
    def is_public(self):
        """True when readers who are not staff can see the article now."""
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_review_overdue(self):
        return (
            self.status == Status.PUBLISHED
            and self.next_review_due is not None
            and self.next_review_due < timezone.localdate()
        )

    def related_articles(self, limit=3):
        """Published articles sharing the most causes with this one, newest first on a tie."""
        cause_ids = [cause.pk for cause in self.causes.all()]
        if not cause_ids:
            return Article.objects.none()
        return (
            Article.objects.published()
            .exclude(pk=self.pk)
            .annotate(shared=models.Count("causes", filter=Q(causes__in=cause_ids)))
            .filter(shared__gt=0)
            .order_by("-shared", "-published_at")[:limit]
        )
