"""Loading the default articles (articles/content/*.md) into the database.

Each file is Markdown with a TOML header between two `+++` lines: title, slug, kind, summary,
status, published_at, last_reviewed, next_review_due, and the slugs of the causes and treatments
it is about.
"""

import tomllib
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from articles.models import Article
from triage.defaults import LoadReport
from triage.models import Cause, Treatment

CONTENT_DIR = Path(__file__).resolve().parent / "content"
FRONT_MATTER_FENCE = "+++"
FIELDS = [
    "title",
    "kind",
    "summary",
    "body",
    "status",
    "published_at",
    "last_reviewed",
    "next_review_due",
]


def read_article(path):
    """The header's values and the body of one content file, as a dict."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FRONT_MATTER_FENCE:
        raise ValidationError(
            "%(file)s must start with a +++ line, then the TOML header, then another +++ line.",
            code="no_front_matter",
            params={"file": path.name},
        )
    try:
        end = next(
            number
            for number, line in enumerate(lines[1:], start=1)
            if line.strip() == FRONT_MATTER_FENCE
        )
    except StopIteration:
        raise ValidationError(
            "%(file)s: the TOML header is not closed with a +++ line.",
            code="unclosed_front_matter",
            params={"file": path.name},
        ) from None
    try:
        data = tomllib.loads("".join(lines[1:end]))
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError(
            "%(file)s: the TOML header is not valid: %(error)s",
            code="bad_front_matter",
            params={"file": path.name, "error": exc},
        ) from exc
    data["body"] = "".join(lines[end + 1 :]).strip() + "\n"
    return data


def read_articles(directory=CONTENT_DIR):
    return [read_article(path) for path in article_paths(directory)]


def article_paths(directory=CONTENT_DIR):
    # README.md explains the format to editors; it is not an article.
    return [path for path in sorted(directory.glob("*.md")) if path.name != "README.md"]


def _related(model, slugs, article_slug):
    rows = list(model.objects.filter(slug__in=slugs))
    missing = sorted(set(slugs) - {row.slug for row in rows})
    if missing:
        raise ValidationError(
            "%(article)s is about unknown %(kind)s: %(missing)s",
            code="unknown_slug",
            params={
                "article": article_slug,
                "kind": model._meta.verbose_name_plural,
                "missing": ", ".join(missing),
            },
        )
    return rows


@transaction.atomic
def article_content_load(*, reset=False, report=None, directory=CONTENT_DIR):
    """Load the default articles. Articles already there are kept unless reset is True.

    Run after triage.defaults.default_content_load: articles link to its causes and treatments.
    Counts go into report (a triage.defaults.LoadReport, made if not given), which is returned.
    """
    report = report if report is not None else LoadReport()
    for data in read_articles(directory):
        causes = _related(Cause, data.get("causes", []), data["slug"])
        treatments = _related(Treatment, data.get("treatments", []), data["slug"])
        values = {
            name: data.get(name, Article._meta.get_field(name).get_default()) for name in FIELDS
        }
        article = Article.objects.filter(slug=data["slug"]).first()
        if article is None:
            article = Article(slug=data["slug"])
            bucket = "created"
        elif reset:
            bucket = "reset"
        else:
            report.count("kept", Article)
            continue
        for name, value in values.items():
            setattr(article, name, value)
        article.full_clean()
        article._change_reason = "Default content"
        article.save()
        article.causes.set(causes)
        article.treatments.set(treatments)
        report.count(bucket, Article)
    return report


def load_with_triage_content(sender, *, reset, report, **kwargs):
    """Receiver of triage.defaults.content_loaded: load_default_content loads the articles too."""
    article_content_load(reset=reset, report=report)
