"""Slugs in words for the editors' pages: a clinician reads "Speak to a doctor today" and
"Muscle strain (pulled back)", not urgent and muscle_strain."""

from django import template

from triage.models import Urgency

register = template.Library()


@register.filter
def urgency_label(slug):
    """The urgency's name; an unknown slug as it is."""
    try:
        return Urgency(slug).label
    except ValueError:
        return slug


@register.filter
def names(slugs, by_slug):
    """Slugs as names from a {slug: name} mapping, joined with commas; unknown ones as they are."""
    lookup = by_slug.get if isinstance(by_slug, dict) else {}.get
    return ", ".join(str(lookup(slug, slug)) for slug in slugs or ())
