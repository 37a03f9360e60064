"""The runner's pages: home, the questionnaire steps, the result and the possible causes."""

import datetime
import functools

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseServerError
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django.views.generic import DetailView

from triage import engine
from triage.compile import NoPublishedRuleset, published_ruleset
from triage.journey.forms import WarningSignsForm, step_form_class
from triage.journey.result_page import result_context
from triage.journey.session import (
    STEPS,
    STEPS_BY_SLUG,
    Journey,
    answers_fingerprint,
    emergency_fires,
    step_of,
    step_questions,
    worth_asking_later,
)
from triage.models import Assessment, Cause, Section
from triage.services import (
    assessment_submit,
    assessment_submit_early,
    questionnaire_result_record,
    questionnaire_start_record,
    submission_key,
)

# The query parameter of the first page that starts a new check after a finished one.
FRESH = "new"


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
    """Start the check: POST starts again from nothing; GET carries on where the runner was.

    A GET changes nothing (prefetchers and crawlers follow links): a start is counted on the
    POST, or when the runner answers the first page of a check not yet started.
    """
    journey = Journey(request.session)
    if request.method == "POST":
        journey.reset()
        # Counted for the editors' dashboard (starts that reach a result); a number, no person.
        questionnaire_start_record()
        return redirect(STEPS[0])
    if journey.submitted:
        # A finished check is not carried on: the next person on a shared phone starts afresh.
        # The old answers go once the new ones are sent (a POST), not on this GET.
        return redirect(f"{STEPS[0].get_absolute_url()}?{FRESH}=1")
    if not journey.started:
        return redirect(STEPS[0])
    return redirect(journey.first_step_not_done())


def _get_journey(request, step):
    """(the runner's journey, whether answering this page starts a check)."""
    journey = Journey(request.session)
    if request.GET.get(FRESH) and journey.submitted and step == STEPS[0]:
        # A new check after a finished one: shown blank, and the old answers dropped on POST.
        if request.method == "POST":
            journey.reset()
            return journey, True
        return Journey({}), True
    return journey, not journey.started


def _step_questions(ruleset, journey, step):
    """The questions a page asks: all of its own, or on the last page those worth asking."""
    if not step.is_more:
        return step_questions(ruleset, step)
    offered = set(journey.offered)
    return [
        question
        for question in step_questions(ruleset, step)
        if question.slug in offered
        or (question.shown_when is not None and question.shown_when.question in offered)
    ]


@require_http_methods(["GET", "POST"])
@_with_published_ruleset
def step(request, ruleset, version_pk, step):
    current = _get_step(step)
    journey, starting = _get_journey(request, current)
    blocker = journey.blocking_step(current)
    if blocker is not None:
        return redirect(blocker)

    if current.is_more:
        own = {q.slug for q in step_questions(ruleset, current)}
        before = {k: v for k, v in journey.answers.items() if k not in own}
        if journey.offer(worth_asking_later(ruleset, before)):
            journey.save()
    form_class = step_form_class(current)
    options, here = _form_options(ruleset, journey, current)
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

    if starting:
        # The first answered page of a check not started with the button counts as a start
        # (reset gives the journey its key and start day; nothing is answered yet).
        journey.reset()
        questionnaire_start_record()
    journey.record(ruleset, current, form.answers(), complete=True)
    revealed = form.newly_shown(request.POST.getlist("asked"))
    if current.is_more:
        # Answers on this page can make another question worth asking: put it to the runner.
        revealed += journey.offer(worth_asking_later(ruleset, journey.answers))
    journey.save()
    if revealed:
        options, here = _form_options(ruleset, journey, current)
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
            questions=journey.finished_questions(ruleset),
        )
        return _submit(request, ruleset, version_pk, journey, submit_early)
    return redirect(STEPS[current.number])


def _form_options(ruleset, journey, step):
    questions = _step_questions(ruleset, journey, step)
    here = {q.slug for q in questions}
    options = {
        "questions": questions,
        "earlier_answers": {k: v for k, v in journey.answers.items() if k not in here},
    }
    return options, here


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
        "sections": _sections_of(form) if step.is_more else (),
        # Full only on the result: the last page is not the end yet.
        "progress": round(100 * step.number / (len(STEPS) + 1)),
    }
    return render(request, "triage/step.html", context)


def _sections_of(form):
    """The last page's questions under their sections' headings: [(title, [block, ...])]."""
    grouped = {}
    for block in form.blocks():
        section = form.questions[block[0].name].section
        grouped.setdefault(section, []).append(block)
    return [
        (Section(section).label if section in Section.values else section, blocks)
        for section, blocks in grouped.items()
    ]


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
    steps = {
        step_of(ruleset.questions_by_slug[slug]).slug
        for slug in errors
        if slug in ruleset.questions_by_slug
    }
    target = next((s for s in STEPS if s.slug in steps), STEPS[0])
    journey.done = [slug for slug in journey.done if slug != target.slug]
    journey.save()
    messages.warning(
        request, _("Some questions have changed since you started. Please check this page.")
    )
    return redirect(target)


@require_GET
def result(request, pk):
    # Only what a page served from the cache needs; the rest is read if the page is rendered.
    assessment = get_object_or_404(
        Assessment.objects.only("pk", "urgency", "created", "ruleset_version_id"), pk=pk
    )
    context = result_context(assessment)
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


@require_GET
def clear(request):
    """Ask before clearing the answers: the button that clears them POSTs to the start."""
    return render(request, "triage/clear.html")


@require_GET
def service_worker(request):
    """The service worker, served from the root so that it may keep the home page offline."""
    context = {
        "css_url": static("css/site.css"),
        "bootstrap_url": static("vendor/bootstrap/bootstrap.min.css"),
        "js_url": static("js/site.js"),
    }
    response = render(request, "triage/sw.js", context, content_type="application/javascript")
    response["Cache-Control"] = "no-cache"
    return response
