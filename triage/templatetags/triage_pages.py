import re

from django import template

from backpain.markdown import render_markdown
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
# BODY_MAP_REGIONS below.
BODY_MAP_QUESTION = "pain_location"

# Where each body-map choice sits on the body map: SVG paths in a 300 x 430 drawing of a
# runner seen from behind (left part) with a small front view of the hips (right part). A choice
# an editor adds later simply has no region: its checkbox works all the same.
BODY_MAP_REGIONS = {
    "between_shoulder_blades": {
        "paths": ["M84 76 H116 V122 H84 Z"],
        "mark": (100, 99),
    },
    "side_under_ribs": {
        "paths": ["M60 124 H76 V168 H63 Z", "M124 124 H140 L137 168 H124 Z"],
        "mark": (68, 146),
    },
    "low_back_centre": {
        "paths": ["M89 150 H111 V198 H89 Z"],
        "mark": (100, 174),
    },
    "low_back_one_side": {
        "paths": ["M70 172 H87 V198 H68 Z", "M113 172 H130 L132 198 H113 Z"],
        "mark": (78, 185),
    },
    "pelvic_dimple": {
        "paths": [
            "M82 210 a7 7 0 1 0 14 0 a7 7 0 1 0 -14 0 Z",
            "M104 210 a7 7 0 1 0 14 0 a7 7 0 1 0 -14 0 Z",
        ],
        "mark": (89, 210),
    },
    "buttock": {
        "paths": [
            "M64 236 a19 20 0 1 0 38 0 a19 20 0 1 0 -38 0 Z",
            "M98 236 a19 20 0 1 0 38 0 a19 20 0 1 0 -38 0 Z",
        ],
        "mark": (83, 238),
    },
    "back_of_thigh": {
        "paths": ["M66 262 H96 L94 326 H70 Z", "M104 262 H134 L130 326 H106 Z"],
        "mark": (81, 294),
    },
    "below_knee": {
        "paths": ["M70 342 H94 L90 404 H74 Z", "M106 342 H130 L126 404 H110 Z"],
        "mark": (82, 372),
    },
    "tummy": {
        "paths": ["M226 218 H274 L277 242 H223 Z"],
        "mark": (250, 230),
    },
    "groin_or_front_hip": {
        "paths": ["M222 246 L246 246 L252 282 Z", "M278 246 L254 246 L248 282 Z"],
        "mark": (234, 258),
    },
}


@register.filter
def is_body_map(question_slug):
    return question_slug == BODY_MAP_QUESTION


@register.inclusion_tag("triage/includes/body_map.html")
def body_map(field):
    """The body-map question as a clickable drawing backed by ordinary checkboxes."""
    selected = {str(value) for value in (field.value() or [])}
    options = []
    for number, (value, label) in enumerate(field.field.choices, start=1):
        region = BODY_MAP_REGIONS.get(value, {})
        options.append(
            {
                "number": number,
                "value": value,
                "label": label,
                "id": f"{field.auto_id}_{number - 1}",
                "checked": value in selected,
                "paths": region.get("paths", []),
                "mark": region.get("mark"),
            }
        )
    return {"field": field, "options": options}
