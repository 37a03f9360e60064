"""The runner's pages: home, the questionnaire steps, the result and the possible causes."""

import datetime
import functools

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseServerError
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django.views.generic import DetailView

from triage import engine
from triage.compile import NoPublishedRuleset, published_ruleset, version_ruleset
from triage.journey.forms import WarningSignsForm, step_form_class
from triage.journey.session import (
    STEPS,
    STEPS_BY_SLUG,
    Journey,
    answer_summary,
    answers_fingerprint,
    emergency_fires,
    questions_in,
)
from triage.models import AdviceKind, Assessment, Cause, Likelihood, Treatment, Urgency
from triage.services import (
    assessment_submit,
    assessment_submit_early,
    questionnaire_result_record,
    questionnaire_start_record,
    submission_key,
)

# Home care, running plans, treatments and prevention belong to results a runner manages at home
# (hazard H6: an emergency or urgent result shows what to do now, nothing else).
SELF_MANAGED = (Urgency.SELF_CARE, Urgency.SOON)
# How many of the most likely causes the treatments on a result page are chosen for.
TREATMENT_CAUSES = 3


def _get_step(slug):
    try:
        return STEPS_BY_SLUG[slug]
    except KeyError:
        raise Http404("No such step.") from None


def _with_published_ruleset(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            ruleset, version_pk = published_ruleset()
        except NoPublishedRuleset:
            return render(request, "triage/unavailable.html", status=503)
        return view(request, ruleset, version_pk, *args, **kwargs)

    return wrapper


@require_GET
def home(request):
    # No database here on purpose: the emergency signs must show even when it is down (H12).
    return render(request, "triage/home.html")


@require_http_methods(["GET", "POST"])
def check(request):
    """Start the check: POST starts again from nothing; GET carries on where the runner was."""
    journey = Journey(request.session)
    # A finished check is not carried on: the next person on a shared phone starts afresh.
    if request.method == "POST" or journey.submitted or not journey.started:
        journey.reset()
        # Counted for the editors' dashboard (starts that reach a result); a number, no person.
        questionnaire_start_record()
    return redirect(journey.first_step_not_done())


@require_http_methods(["GET", "POST"])
@_with_published_ruleset
def step(request, ruleset, version_pk, step):
    current = _get_step(step)
    journey = Journey(request.session)
    blocker = journey.blocking_step(current)
    if blocker is not None:
        return redirect(blocker)

    here = {q.slug for q in questions_in(ruleset, current.section)}
    form_class = step_form_class(current.section)
    options = {
        "ruleset": ruleset,
        "section": current.section,
        "earlier_answers": {k: v for k, v in journey.answers.items() if k not in here},
    }
    if request.method == "GET":
        form = form_class(initial=_initial(form_class, journey.answers, here), **options)
        return _render_step(request, current, form)

    form = form_class(request.POST, **options)
    if "back" in request.POST:
        valid = form.is_valid()
        journey.record(ruleset, current, form.partial_answers(), complete=valid)
        journey.save()
        if current.number == 1:
            return redirect("triage:home")
        return redirect(STEPS[current.number - 2])
    if not form.is_valid():
        return _render_step(request, current, form)

    journey.record(ruleset, current, form.answers(), complete=True)
    journey.save()
    revealed = form.newly_shown(request.POST.getlist("asked"))
    if revealed:
        form = form_class(initial=_initial(form_class, journey.answers, here), **options)
        return _render_step(request, current, form, revealed=revealed)
    if current == STEPS[-1]:
        # The ruleset this request validated the steps with is the one the answers are stored
        # against: no second read of the published version.
        submit = functools.partial(assessment_submit, ruleset=ruleset, version_id=version_pk)
        return _submit(request, ruleset, version_pk, journey, submit)
    if emergency_fires(ruleset, journey.finished_answers(ruleset)):
        submit_early = functools.partial(
            assessment_submit_early,
            ruleset=ruleset,
            version_id=version_pk,
            sections=list(journey.done),
        )
        return _submit(request, ruleset, version_pk, journey, submit_early)
    return redirect(STEPS[current.number])


def _initial(form_class, answers, here):
    if form_class is WarningSignsForm:
        return WarningSignsForm.initial_from(answers, sorted(here))
    return {slug: value for slug, value in answers.items() if slug in here}


def _render_step(request, step, form, revealed=()):
    context = {
        "step": step,
        "steps": STEPS,
        "form": form,
        "previous": STEPS[step.number - 2] if step.number > 1 else None,
        "is_last": step == STEPS[-1],
        "revealed": revealed,
        "progress": round(100 * step.number / len(STEPS)),
    }
    return render(request, "triage/step.html", context)


def _submit(request, ruleset, version_pk, journey, submit):
    """Store the assessment once; the same answers submitted again lead to the same result."""
    answers = journey.finished_answers(ruleset)
    fingerprint = answers_fingerprint(answers, version_pk)
    previous = journey.previous_assessment_id(fingerprint)
    if previous and Assessment.objects.filter(pk=previous).exists():
        return redirect("triage:result", pk=previous)
    first_result = journey.submitted is None
    try:
        assessment = submit(
            answers=answers, key=submission_key("journey", journey.key, fingerprint)
        )
    except engine.InvalidAnswers as exc:
        # The questions changed while the runner was answering: ask again where it matters.
        return _ask_again(request, ruleset, journey, exc.errors)
    if first_result and journey.started_on:
        questionnaire_result_record(day=datetime.date.fromisoformat(journey.started_on))
    journey.remember(fingerprint, assessment)
    journey.save()
    return redirect(assessment)


def _ask_again(request, ruleset, journey, errors):
    sections = {
        ruleset.questions_by_slug[slug].section
        for slug in errors
        if slug in ruleset.questions_by_slug
    }
    target = next((s for s in STEPS if s.section in sections), STEPS[0])
    journey.done = [section for section in journey.done if section != target.section]
    journey.save()
    messages.warning(
        request, _("Some questions have changed since you started. Please check this page.")
    )
    return redirect(target)


def _likelihood(value):
    return Likelihood(value) if value in Likelihood.values else Likelihood.LOW


@require_GET
def result(request, pk):
    assessment = get_object_or_404(
        Assessment.objects.select_related("ruleset_version").defer("ruleset_version__snapshot"),
        pk=pk,
    )
    outcome = assessment.result
    urgency = Urgency(assessment.urgency)
    self_managed = urgency in SELF_MANAGED
    causes = outcome.get("causes", [])
    if urgency == Urgency.EMERGENCY:
        # Only what a doctor must rule out: a list that opens with a pulled muscle would
        # reassure where it must not.
        causes = [cause for cause in causes if cause.get("serious")]
    causes = [{**cause, "likelihood": _likelihood(cause.get("likelihood"))} for cause in causes]
    advice = outcome.get("advice", [])
    action_kinds = (AdviceKind.EMERGENCY_ACTION, AdviceKind.SEE_CLINICIAN)
    treatments = []
    if self_managed:
        slugs = [c["slug"] for c in causes if not c.get("serious")][:TREATMENT_CAUSES]
        treatments = Treatment.objects.filter(causes__slug__in=slugs).distinct()
    signs_yes, signs_no, answer_sections = answer_summary(
        version_ruleset(assessment.ruleset_version), assessment.answers
    )
    context = {
        "assessment": assessment,
        "result": outcome,
        "urgency": urgency,
        "self_managed": self_managed,
        "causes": causes,
        "action_advice": sorted(
            (a for a in advice if a["kind"] in action_kinds),
            key=lambda a: a["kind"] != AdviceKind.EMERGENCY_ACTION,
        ),
        "home_care": [a for a in advice if a["kind"] == AdviceKind.HOME_CARE]
        if self_managed
        else [],
        "running_plans": [a for a in advice if a["kind"] == AdviceKind.RETURN_TO_RUNNING]
        if self_managed
        else [],
        "treatments": treatments,
        "prevention": outcome.get("prevention", []) if self_managed else [],
        "signs_yes": signs_yes,
        "signs_no": signs_no,
        "answer_sections": answer_sections,
    }
    return render(request, "triage/assessment_detail.html", context)


class CauseDetailView(DetailView):
    queryset = Cause.objects.prefetch_related("treatments")
    template_name = "triage/cause_detail.html"
    context_object_name = "cause"


def server_error(request):
    """The 500 page, rendered without the request's context processors or the database.

    Whatever broke, the runner still sees the emergency signs and the number to call.
    """
    context = {
        "EMERGENCY_NUMBER": settings.EMERGENCY_NUMBER,
        "NON_EMERGENCY_NUMBER": settings.NON_EMERGENCY_NUMBER,
    }
    return HttpResponseServerError(loader.render_to_string("500.html", context))
