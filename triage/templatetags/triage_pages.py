import re

from django import template

from backpain.markdown import render_markdown
from triage.journey import body_map as drawing
from triage.models import Urgency

register = template.Library()


@register.filter
def markdown(text):
    """Editors' Markdown (cause pages, advice) as safe HTML."""
    return render_markdown(text or "")


# "30 km" not already followed by "(... miles)": runners in the UK think in miles as well.
_KILOMETRES = re.compile(r"\b(\d+(?:\.\d+)?) ?km\b(?! ?\()")
KM_PER_MILE = 1.609344


def _with_miles(match):
    miles = round(float(match.group(1)) / KM_PER_MILE)
    return f"{match.group(0)} ({miles} miles)"


@register.filter
def miles(text):
    """Text with miles beside every distance in kilometres ("30 km (19 miles)")."""
    if not isinstance(text, str):
        return text
    return _KILOMETRES.sub(_with_miles, text)


@register.inclusion_tag("includes/urgency_icon.html")
def urgency_icon(urgency):
    """The decorative icon of an urgency level (a slug or an Urgency)."""
    return {"urgency": Urgency(urgency)}


# The question drawn as a body map instead of a list of checkboxes; its choices are the keys of
# BODY_MAP_REGIONS (triage/journey/body_map.py, where the drawing is).
BODY_MAP_QUESTION = "pain_location"


@register.filter
def is_body_map(question_slug):
    return question_slug == BODY_MAP_QUESTION


@register.inclusion_tag("triage/includes/body_map.html")
def body_map(field):
    """The body-map question as a clickable drawing backed by ordinary checkboxes."""
    selected = {str(value) for value in (field.value() or [])}
    options = []
    for number, (value, label) in enumerate(field.field.choices, start=1):
        options.append(
            {
                "number": number,
                "value": value,
                "label": label,
                "id": f"{field.auto_id}_{number - 1}",
                "checked": value in selected,
                "shapes": drawing.body_map_shapes(value),
            }
        )
    return {
        "field": field,
        "options": options,
        "figures": drawing.BODY_MAP_FIGURES,
        "width": drawing.WIDTH,
        "height": drawing.HEIGHT,
    }
