from django import template
from django.db.models import Case, IntegerField, Min, Value, When

from articles.models import Article

register = template.Library()

MAX_ARTICLES = 3


@register.simple_tag
def articles_for_causes(causes, limit=MAX_ARTICLES):
    """Published articles about the given causes, in one query: `{% articles_for_causes
    cause_slugs as articles %}`.

    causes is a ranked list of cause slugs, or of result dicts with a "slug" key (a triage
    result's "causes"). Articles about the most likely cause come first, newest first on a tie.
    """
    slugs = [cause["slug"] if isinstance(cause, dict) else str(cause) for cause in causes or ()]
    if not slugs:
        return []
    rank = Case(
        *(When(causes__slug=slug, then=Value(position)) for position, slug in enumerate(slugs)),
        output_field=IntegerField(),
    )
    return list(
        Article.objects.published()
        .filter(causes__slug__in=slugs)
        .annotate(best_rank=Min(rank))
        .defer("body")
        .order_by("best_rank", "-published_at")[:limit]
    )
