"""The editors' own admin pages: simulator, test case runs, publishing, version diff, dashboard.

Each view is wired in by a ModelAdmin's get_urls through admin_site.admin_view, so only
logged-in staff reach it; each then checks its own permission.
"""

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from triage import engine, metrics
from triage.admin_forms import (
    CompareForm,
    PublishForm,
    answer_sections,
    answers_initial,
    clinical_test_case_form,
    simulator_form,
)
from triage.compile import NoPublishedRuleset, build_snapshot, published_ruleset
from triage.diff import snapshot_diff
from triage.models import (
    Assessment,
    ClinicalTestCase,
    Operator,
    Question,
    Rule,
    RuleKind,
    RulesetVersion,
    Section,
    Urgency,
)
from triage.outcomes import case_outcome, publish_plan, triage_with
from triage.services import ruleset_publish, ruleset_rollback

PUBLISH_PERMISSION = "triage.publish_rulesetversion"
TRACE_KINDS = {
    "red_flag": gettext_lazy("Warning sign"),
    "unanswered": gettext_lazy("Unanswered warning sign"),
    "cause_floor": gettext_lazy("Likely cause"),
    "evidence": gettext_lazy("Evidence"),
    "advice": gettext_lazy("Advice"),
    "prevention": gettext_lazy("Prevention"),
}


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _context(request, model_admin, title, **extra):
    return {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "opts": model_admin.model._meta,
        **extra,
    }


def _draft_snapshot(request):
    """The draft snapshot, built once per request (the admin asks for it more than once)."""
    if not hasattr(request, "_triage_draft_snapshot"):
        request._triage_draft_snapshot = build_snapshot()
    return request._triage_draft_snapshot


def _draft_ruleset(request):
    """The draft compiled once per request; several parts of one page use it."""
    if not hasattr(request, "_triage_draft_ruleset"):
        request._triage_draft_ruleset = engine.Ruleset.from_snapshot(_draft_snapshot(request))
    return request._triage_draft_ruleset


# --- Helpers for triage.admin -----------------------------------------------------------------


def condition_questions():
    """{question pk: {kind, choices: [[slug, label]], operators}} for conditions.js."""
    questions = Question.objects.prefetch_related("choices").order_by("order", "slug")
    return {
        str(question.pk): {
            "kind": question.kind,
            "choices": [[choice.slug, choice.label] for choice in question.choices.all()],
            "operators": list(engine.OPERATORS_BY_KIND[question.kind]),
        }
        for question in questions
    }


def rule_summary(rule):
    """A rule in words, from its conditions, for rules that have no description yet."""
    joiner = _(" or ") if rule.match == "any" else _(" and ")
    tests = joiner.join(
        f"{condition.question.slug} {Operator(condition.operator).label} {condition.value}".strip()
        for condition in rule.conditions.all()
    )
    if rule.kind == RuleKind.RED_FLAG:
        effect = _("urgency at least “%(urgency)s”") % {"urgency": Urgency(rule.urgency).label}
    elif rule.kind == RuleKind.EVIDENCE:
        effect = _("%(weight)+g to %(cause)s") % {"weight": rule.weight, "cause": rule.cause}
    elif rule.kind == RuleKind.ADVICE:
        effect = _("gives “%(item)s”") % {"item": rule.advice}
    else:
        effect = _("gives “%(item)s”") % {"item": rule.prevention}
    return _("When %(tests)s: %(effect)s") % {"tests": tests, "effect": effect}


def child_history(history_model, fk, object_id, limit=50):
    """The latest history records of rows that belong to one parent (a rule's conditions)."""
    return list(
        history_model.objects.filter(**{fk: object_id})
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    )


def case_form_class(request):
    return clinical_test_case_form(_draft_ruleset(request))


def case_fieldsets(request):
    ruleset = _draft_ruleset(request)
    labels = dict(Section.choices)
    return [
        (None, {"fields": ["name", "note", "source"]}),
        (_("What a clinician expects"), {"fields": ["expected_urgency", "expected_causes"]}),
        *(
            (
                _("Answers: %(section)s") % {"section": labels.get(section, section)},
                {"fields": names},
            )
            for section, names in answer_sections(ruleset)
        ),
    ]


# --- Simulator --------------------------------------------------------------------------------


def _answer_rows(ruleset, answers):
    rows = []
    for slug, value in answers.items():
        question = ruleset.questions_by_slug.get(slug)
        if question is None:
            rows.append((slug, value))
            continue
        values = value if isinstance(value, list) else [value]
        shown = ", ".join(str(question.label_for(str(item))) for item in values)
        rows.append((question.text, shown or _("(none)")))
    return rows


def _trace_rows(ruleset, result):
    slugs = {entry["rule"] for entry in result["trace"]}
    rule_pks = dict(Rule.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    floor = {flag["slug"] for flag in result["red_flags"] if flag["urgency"] == result["urgency"]}
    return [
        {
            "rule": entry["rule"],
            "url": reverse("admin:triage_rule_change", args=[rule_pks[entry["rule"]]])
            if entry["rule"] in rule_pks
            else "",
            "kind": TRACE_KINDS.get(entry["kind"], entry["kind"]),
            "answers": _answer_rows(ruleset, entry["answers"]),
            "effect": entry["effect"],
            "sets_floor": entry["rule"] in floor,
        }
        for entry in result["trace"]
    ]


def _simulator_initial(request, use):
    """Answers to start from: a test case's (?case=) or a stored assessment's (?assessment=)."""
    initial = {"use": use}
    case_id, assessment_id = request.GET.get("case"), request.GET.get("assessment", "").strip()
    if case_id:
        case = ClinicalTestCase.objects.filter(pk=case_id).first() if case_id.isdigit() else None
        if case is None:
            messages.error(request, _("There is no test case with that number."))
        else:
            initial.update(answers_initial(case.answers))
            initial["loaded"] = _("test case “%(name)s”") % {"name": case.name}
    elif assessment_id:
        try:
            pk = uuid.UUID(assessment_id)
        except ValueError:
            pk = None
        assessment = Assessment.objects.filter(pk=pk).only("answers").first() if pk else None
        if assessment is None:
            messages.error(request, _("There is no stored assessment with that id."))
        else:
            initial.update(answers_initial(assessment.answers))
            initial["loaded"] = _("assessment %(id)s") % {"id": assessment.pk}
    return initial


def simulator(request, *, model_admin):
    _require(request, "triage.view_rule")
    use = request.GET.get("use", "draft")
    ruleset = None
    if use == "published":
        try:
            ruleset = published_ruleset()[0]
        except NoPublishedRuleset:
            messages.error(request, _("Nothing is published yet; showing the draft."))
    if ruleset is None:
        use = "draft"
        ruleset = _draft_ruleset(request)
    form_class = simulator_form(ruleset)
    result = None
    if "run" in request.GET:
        form = form_class(request.GET)
        if form.is_valid() and form.cleaned_data["answers"] is not None:
            _clean, result = triage_with(ruleset, form.cleaned_data["answers"])
    else:
        initial = _simulator_initial(request, use)
        loaded = initial.pop("loaded", None)
        if loaded:
            messages.info(request, _("Answers loaded from %(what)s.") % {"what": loaded})
        form = form_class(initial=initial)
    context = _context(
        request,
        model_admin,
        _("Try the rules"),
        form=form,
        sections=[
            (dict(Section.choices).get(section, section), [form[name] for name in names])
            for section, names in answer_sections(ruleset)
        ],
        cases=ClinicalTestCase.objects.only("pk", "name"),
        result=result,
        use=use,
        urgency_label=Urgency(result["urgency"]).label if result else "",
        trace=_trace_rows(ruleset, result) if result else [],
    )
    return TemplateResponse(request, "admin/triage/simulator.html", context)


# --- Clinical test cases ----------------------------------------------------------------------


def cases_run(request, *, model_admin):
    _require(request, "triage.view_clinicaltestcase")
    draft = _draft_ruleset(request)
    try:
        published, _pk = published_ruleset()
    except NoPublishedRuleset:
        published = None
    rows = []
    for case in ClinicalTestCase.objects.all():
        now = case_outcome(draft, case)
        before = case_outcome(published, case) if published else None
        rows.append(
            {
                "case": case,
                "draft": now,
                "published": before,
                "changed": before is not None
                and (now.urgency, now.top_causes, now.errors)
                != (before.urgency, before.top_causes, before.errors),
            }
        )
    context = _context(
        request,
        model_admin,
        _("Run the clinical test cases"),
        rows=rows,
        published_version=published.version if published else None,
        draft_passed=sum(row["draft"].passed for row in rows),
        draft_under=sum(row["draft"].under_triage for row in rows),
        published_passed=sum(bool(row["published"] and row["published"].passed) for row in rows),
        changed=sum(row["changed"] for row in rows),
    )
    return TemplateResponse(request, "admin/triage/cases_run.html", context)


# --- Publishing and versions ------------------------------------------------------------------


def _publish_page(request, model_admin, *, snapshot, based_on, title):
    latest = RulesetVersion.objects.order_by("-number").first()
    # Computed once: the page shows this plan and ruleset_publish enforces the same one.
    plan = publish_plan(snapshot=snapshot, cases=list(ClinicalTestCase.objects.all()))
    unchanged = latest is not None and latest.content_hash == plan.content_hash
    form = PublishForm(request.POST or None, initial={"content_hash": plan.content_hash})
    if request.method == "POST" and not unchanged and not plan.problems and form.is_valid():
        if form.cleaned_data["content_hash"] != plan.content_hash:
            form.add_error(
                None,
                ValidationError(
                    _("The rules changed while you were reading. Check the changes again."),
                    code="stale",
                ),
            )
        else:
            options = {
                "user": request.user,
                "note": form.cleaned_data["note"],
                "failures_confirmed": form.cleaned_data["confirm_failures"],
                "plan": plan,
            }
            try:
                if based_on is None:
                    version = ruleset_publish(**options)
                else:
                    version = ruleset_rollback(version=based_on, **options)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("Published version %(number)s. Runners get it from now on.")
                    % {"number": version.number},
                )
                return redirect("admin:triage_rulesetversion_change", version.pk)
    context = _context(
        request,
        model_admin,
        title,
        form=form,
        latest=latest,
        based_on=based_on,
        unchanged=unchanged,
        problems=[message for _code, message in plan.problems],
        diff=snapshot_diff(latest.snapshot if latest else {}, snapshot),
        under=plan.under,
        failed=plan.failed,
        case_count=plan.case_count,
    )
    return TemplateResponse(request, "admin/triage/publish.html", context)


def publish(request, *, model_admin):
    _require(request, PUBLISH_PERMISSION)
    return _publish_page(
        request,
        model_admin,
        snapshot=build_snapshot(),
        based_on=None,
        title=_("Publish the draft rules"),
    )


def publish_again(request, pk, *, model_admin):
    _require(request, PUBLISH_PERMISSION)
    version = get_object_or_404(RulesetVersion, pk=pk)
    return _publish_page(
        request,
        model_admin,
        snapshot=version.snapshot,
        based_on=version,
        title=_("Publish version %(number)s again") % {"number": version.number},
    )


def _snapshot_for(request, choice):
    if choice == CompareForm.DRAFT:
        return _draft_snapshot(request)
    return RulesetVersion.objects.values_list("snapshot", flat=True).get(number=int(choice))


def compare(request, *, model_admin):
    _require(request, "triage.view_rulesetversion")
    numbers = list(RulesetVersion.objects.order_by("-number").values_list("number", flat=True))
    data = request.GET if "old" in request.GET else None
    default_old = str(numbers[0]) if numbers else CompareForm.DRAFT
    form = CompareForm(data, numbers=numbers, initial={"old": default_old, "new": "draft"})
    old, new = (
        (form.cleaned_data["old"], form.cleaned_data["new"])
        if form.is_valid()
        else (
            default_old,
            CompareForm.DRAFT,
        )
    )
    diff = snapshot_diff(_snapshot_for(request, old), _snapshot_for(request, new))
    context = _context(
        request,
        model_admin,
        _("Compare rule versions"),
        form=form,
        diff=diff,
        old=old,
        new=new,
        no_changes=all(section.is_empty for section in diff),
    )
    return TemplateResponse(request, "admin/triage/compare.html", context)


# --- Dashboard --------------------------------------------------------------------------------

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
    _require(request, "triage.view_assessment")
    figures = metrics.dashboard_figures()
    context = _context(
        request,
        model_admin,
        _("Editors' dashboard"),
        figures=figures,
        urgency_chart=_bars(figures["by_urgency"]),
        cause_chart=_bars(figures["by_cause"]),
    )
    return TemplateResponse(request, "admin/triage/dashboard.html", context)
