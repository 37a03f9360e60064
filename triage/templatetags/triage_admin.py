"""What the admin index shows editors: content due for a clinical review."""

from datetime import timedelta

from django import template
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

register = template.Library()

DUE_WITHIN_DAYS = 30
# (app label, model name, field shown as the item's name). Looked up by name because triage never
# imports articles (articles imports triage); a name that stops resolving fails loudly.
REVIEWED_MODELS = (
    ("triage", "Cause", "name"),
    ("triage", "Treatment", "name"),
    ("triage", "Advice", "title"),
    ("triage", "PreventionTip", "title"),
    ("triage", "Rule", "title"),
    ("articles", "Article", "title"),
)


def _reviewed_models():
    for app_label, model_name, name_field in REVIEWED_MODELS:
        yield apps.get_model(app_label, model_name), name_field


@register.simple_tag(takes_context=True)
def reviews_due(context, within_days=DUE_WITHIN_DAYS):
    """Items the user may see whose next review is overdue or due soon, most urgent first."""
    user = context["request"].user
    today = timezone.localdate()
    horizon = today + timedelta(days=within_days)
    items = []
    for model, name_field in _reviewed_models():
        opts = model._meta
        if not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        rows = (
            model._default_manager.filter(next_review_due__lte=horizon)
            .order_by("next_review_due")
            .values_list("pk", name_field, "next_review_due")
        )
        for pk, name, due in rows:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk])
            items.append(
                {
                    "kind": opts.verbose_name,
                    "name": name,
                    "due": due,
                    "overdue": due < today,
                    "url": url,
                }
            )
    return sorted(items, key=lambda item: item["due"])
