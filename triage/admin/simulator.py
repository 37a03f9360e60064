"""Try the rules: run answers (typed in, from a test case or a stored assessment) on the
draft or the published rules, and show the result with every rule that fired.
"""

import uuid

from django import forms
from django.contrib import messages
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from triage.admin.forms import AnswersMixin, answer_fields, answer_sections, answers_initial
from triage.admin.pages import draft_ruleset, page_context, require
from triage.compile import NoPublishedRuleset, published_ruleset
from triage.models import Assessment, ClinicalTestCase, Rule, Section, Urgency
from triage.outcomes import triage_with

TRACE_KINDS = {
    "red_flag": gettext_lazy("Warning sign"),
    "unanswered": gettext_lazy("Unanswered warning sign"),
    "cause_floor": gettext_lazy("Likely cause"),
    "evidence": gettext_lazy("Evidence"),
    "advice": gettext_lazy("Advice"),
    "prevention": gettext_lazy("Prevention"),
}


class SimulatorFormBase(AnswersMixin, forms.Form):
    DRAFT, PUBLISHED = "draft", "published"
    use = forms.ChoiceField(
        label=gettext_lazy("Rules to use"),
        choices=[
            (DRAFT, gettext_lazy("Draft (with unpublished edits)")),
            (PUBLISHED, gettext_lazy("Published")),
        ],
        initial=DRAFT,
        widget=forms.RadioSelect,
    )

    def clean(self):
        data = super().clean()
        data["answers"] = self.answers_clean()
        return data


def simulator_form(ruleset):
    attrs = {"ruleset": ruleset, **answer_fields(ruleset)}
    return type("SimulatorForm", (SimulatorFormBase,), attrs)


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
    require(request, "triage.view_rule")
    use = request.GET.get("use", "draft")
    ruleset = None
    if use == "published":
        try:
            ruleset = published_ruleset()[0]
        except NoPublishedRuleset:
            messages.error(request, _("Nothing is published yet; showing the draft."))
    if ruleset is None:
        use = "draft"
        ruleset = draft_ruleset(request)
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
    context = page_context(
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
