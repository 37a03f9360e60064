"""The editors' dashboard: counts of the last days (anonymous by design: a count per day, never
a person) and the geometry of its server-drawn bar charts.
"""

from datetime import datetime, time, timedelta

from django.db.models import Count, Sum
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from triage import engine
from triage.admin.pages import page_context, require
from triage.models import Assessment, Cause, QuestionnaireStartDay, RulesetVersion, Urgency

DASHBOARD_DAYS = 30
TOP_CAUSES = 10


def dashboard_figures(*, days=DASHBOARD_DAYS, today=None):
    """Assessments of the last `days` days by urgency and by top cause, the version in use,
    and how many runners who started the questionnaire reached a result."""
    today = today or timezone.localdate()
    first_day = today - timedelta(days=days - 1)
    since = timezone.make_aware(datetime.combine(first_day, time.min))
    recent = Assessment.objects.filter(created__gte=since)
    urgency_counts = dict(recent.values_list("urgency").annotate(n=Count("pk")).order_by())
    by_urgency = [
        (Urgency(slug).label, urgency_counts.get(slug, 0))
        for slug in reversed(engine.URGENCY_ORDER)
    ]
    cause_counts = list(
        recent.exclude(top_cause="")
        .values_list("top_cause")
        .annotate(n=Count("pk"))
        .order_by("-n", "top_cause")[:TOP_CAUSES]
    )
    names = dict(
        Cause.objects.filter(slug__in=[slug for slug, _n in cause_counts]).values_list(
            "slug", "name"
        )
    )
    assessments = sum(urgency_counts.values())
    counted = QuestionnaireStartDay.objects.filter(day__gte=first_day, day__lte=today).aggregate(
        starts=Sum("count"), finished=Sum("results")
    )
    starts, finished = counted["starts"] or 0, counted["finished"] or 0
    return {
        "days": days,
        "first_day": first_day,
        "assessments": assessments,
        "by_urgency": by_urgency,
        "by_cause": [(names.get(slug, slug), count) for slug, count in cause_counts],
        "starts": starts,
        # Results counted against the start that led to them (API results have no start).
        "finished": finished,
        "completion": round(100 * finished / starts) if starts else None,
        "version": RulesetVersion.objects.order_by("-number")
        .select_related("created_by")
        .only("pk", "number", "created", "note", "created_by__username")
        .first(),
    }


BAR_WIDTH = 360
BAR_HEIGHT = 22
LABEL_WIDTH = 300
LABEL_CHARS = 38


def _bars(rows):
    """Geometry for a server-drawn horizontal bar chart of (label, count) rows."""
    top = max((count for _label, count in rows), default=0) or 1
    return {
        "width": LABEL_WIDTH + BAR_WIDTH + 50,
        "height": max(BAR_HEIGHT * len(rows) + 4, BAR_HEIGHT + 4),
        "bars": [
            {
                "label": str(label)
                if len(str(label)) <= LABEL_CHARS
                else str(label)[: LABEL_CHARS - 1] + "…",
                "full_label": label,
                "count": count,
                "y": index * BAR_HEIGHT + 2,
                "text_y": index * BAR_HEIGHT + 17,
                "x": LABEL_WIDTH,
                "width": round(BAR_WIDTH * count / top, 1),
                "count_x": LABEL_WIDTH + round(BAR_WIDTH * count / top, 1) + 6,
            }
            for index, (label, count) in enumerate(rows)
        ],
    }


def dashboard(request, *, model_admin):
    require(request, "triage.view_assessment")
    figures = dashboard_figures()
    context = page_context(
        request,
        model_admin,
        _("Editors' dashboard"),
        figures=figures,
        urgency_chart=_bars(figures["by_urgency"]),
        cause_chart=_bars(figures["by_cause"]),
    )
    return TemplateResponse(request, "admin/triage/dashboard.html", context)
