"""The runner's journey through the questionnaire pages: steps, session state, early exit.

The engine (triage.engine) and the services (triage.services) know nothing of pages. This module
holds what only the pages need: the pages and which questions each asks, the answers kept in the
session between them, and the emergency short-cut after each page.

Each page asks what it must, and the last page what is still worth asking: the required
questions of each section come first, on their section's page, the warning signs over two
pages grouped by theme, and every optional question waits for the last page, where the engine
(triage.engine.questioning.worth_asking) leaves out those whose answer could no longer change
the urgency or the three most likely causes, given everything answered by then.
"""

import hashlib
import json
import uuid
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from triage import engine
from triage.engine.questioning import always_asked, possible_answers, worth_asking
from triage.models import Section, Urgency

SESSION_KEY = "triage_journey"

# The warning signs by theme, one page each. The signs that mean "call 999 now" on their own
# are all on the first page, so a runner who has one reaches the emergency result after two
# pages. A sign an editor adds later goes on the last page.
SIGN_PAGES = (
    (
        "warning-signs",
        _("Warning signs: nerves, bladder and sudden pain"),
        (
            "saddle_numbness",
            "bladder_change",
            "bowel_change",
            "sexual_change",
            "both_legs_worsening",
            "unsteady_walking",
            "serious_accident",
            "sudden_tearing_pain",
            "chest_pain",
        ),
    ),
    (
        "more-warning-signs",
        _("Warning signs: infection, cancer and bones"),
        (
            "fever",
            "infection_risk",
            "cancer_history",
            "weight_loss",
            "night_pain",
            "osteoporosis_or_steroids",
            "back_shape_change",
            "urinary_symptoms",
            "groin_pain_weight_bearing",
        ),
    ),
)
MORE = "more"


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    number: int
    section: str
    signs: tuple = field(default=(), compare=False)

    @property
    def is_signs(self):
        return self.section == Section.WARNING_SIGNS

    @property
    def is_more(self):
        return self.slug == MORE

    def get_absolute_url(self):
        return reverse("triage:step", kwargs={"step": self.slug})


def _steps():
    pages = [(Section.ABOUT_YOU.value.replace("_", "-"), Section.ABOUT_YOU.label, "about_you", ())]
    pages += [(slug, title, "warning_signs", signs) for slug, title, signs in SIGN_PAGES]
    pages += [
        ("running", Section.RUNNING.label, "running", ()),
        ("pain", Section.PAIN.label, "pain", ()),
        (MORE, _("A few more questions"), "", ()),
    ]
    return tuple(
        Step(slug, title, number, section, signs)
        for number, (slug, title, section, signs) in enumerate(pages, start=1)
    )


# The pages, in the order a runner meets them: warning signs come straight after age and sex,
# so that nobody gives up before they are asked.
STEPS = _steps()
STEPS_BY_SLUG = {step.slug: step for step in STEPS}
SIGN_STEPS = tuple(step for step in STEPS if step.is_signs)


def questions_in(ruleset, section):
    return sorted((q for q in ruleset.questions if q.section == section), key=lambda q: q.order)


def step_of(question):
    """The page a question belongs to (the last page asks it only if it is worth asking)."""
    if question.section == Section.WARNING_SIGNS:
        return next((s for s in SIGN_STEPS if question.slug in s.signs), SIGN_STEPS[-1])
    if always_asked(question):
        return next((s for s in STEPS if s.section == question.section), STEPS_BY_SLUG[MORE])
    return STEPS_BY_SLUG[MORE]


def step_questions(ruleset, step):
    """Every question that belongs to a page, in questionnaire order."""
    return [q for q in ruleset.questions_in_order if step_of(q) == step]


def worth_asking_later(ruleset, answers):
    """The optional questions still worth asking, given the answers, in questionnaire order.

    What the engine says is worth asking, and also a question whose follow-up would be: the
    answer to "what have you tried" changes nothing alone, but "did it help" may (pain that
    painkillers did not help), and is only asked once something was tried.
    """
    worth = [q for q in worth_asking(ruleset, answers) if step_of(q).is_more]
    slugs = {q.slug for q in worth}
    for question in ruleset.questions_in_order:
        if question.slug in slugs or question.slug in answers or not step_of(question).is_more:
            continue
        if engine.is_shown(question, answers) and _follow_up_worth_asking(
            ruleset, answers, question
        ):
            slugs.add(question.slug)
    return [q.slug for q in ruleset.questions_in_order if q.slug in slugs]


def _follow_up_worth_asking(ruleset, answers, question):
    follow_ups = [
        q.slug
        for q in ruleset.questions_in_order
        if q.shown_when is not None and q.shown_when.question == question.slug
    ]
    if not follow_ups:
        return False
    for value in possible_answers(ruleset, question):
        trial = {**answers, question.slug: value}
        shown = [
            slug for slug in follow_ups if engine.is_shown(ruleset.questions_by_slug[slug], trial)
        ]
        if shown and set(shown) & {q.slug for q in worth_asking(ruleset, trial)}:
            return True
    return False


def visible_answers(ruleset, answers):
    """Drop the answers to questions whose condition no longer holds.

    Decided in questionnaire order, as engine.validate_answers does, so that hiding a question
    also hides the questions that depend on it.
    """
    visible = {}
    for question in ruleset.questions_in_order:
        if question.slug in answers and engine.is_shown(question, visible):
            visible[question.slug] = answers[question.slug]
    return visible


def emergency_fires(ruleset, answers):
    """True when a warning sign that means "call the emergency number now" is present."""
    return any(
        rule.kind == "red_flag" and rule.urgency == Urgency.EMERGENCY and rule.fires(answers)
        for rule in ruleset.rules
    )


def answers_fingerprint(answers, version_pk):
    canonical = json.dumps([version_pk, answers], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


class Journey:
    """One runner's answers between steps, kept in their session (never in the page)."""

    def __init__(self, session):
        self.session = session
        data = session.get(SESSION_KEY) or {}
        self.answers = dict(data.get("answers", {}))
        # The slugs of the pages finished.
        self.done = list(data.get("done", []))
        # The questions the last page has put to the runner so far, so that a question the
        # runner leaves blank is not put again, and one that has become worth asking is.
        self.offered = list(data.get("offered", []))
        # [fingerprint of the answers, assessment id] of the last assessment stored, so that a
        # repeated submit of the same answers leads to the same result instead of a new one.
        self.submitted = data.get("submitted")
        # A random key of this journey: with the answers, it names the submission, so that
        # two sends of the same answers store one assessment (see services.assessment_store).
        self.key = data.get("key") or uuid.uuid4().hex
        # The day this journey started (ISO), so its result counts against that day's start.
        self.started_on = data.get("started_on", "")

    @property
    def started(self):
        return SESSION_KEY in self.session

    def save(self):
        self.session[SESSION_KEY] = {
            "answers": self.answers,
            "done": self.done,
            "offered": self.offered,
            "submitted": self.submitted,
            "key": self.key,
            "started_on": self.started_on,
        }

    def reset(self):
        self.answers, self.done, self.offered, self.submitted = {}, [], [], None
        self.key = uuid.uuid4().hex
        self.started_on = timezone.localdate().isoformat()
        self.save()

    def first_step_not_done(self):
        return next((step for step in STEPS if step.slug not in self.done), STEPS[0])

    def blocking_step(self, step):
        """The earliest step before `step` that the runner has not finished, if any."""
        return next((s for s in STEPS[: step.number - 1] if s.slug not in self.done), None)

    def record(self, ruleset, step, answers, *, complete):
        """Replace the answers of one step; drop any that the new answers hide."""
        slugs = {q.slug for q in step_questions(ruleset, step)}
        merged = {k: v for k, v in self.answers.items() if k not in slugs}
        merged.update(answers)
        self.answers = visible_answers(ruleset, merged)
        if not step.is_more:
            # What is worth asking last is worked out afresh from the new answers.
            self.offered = []
            if STEPS[-1].slug in self.done:
                self.done.remove(STEPS[-1].slug)
        if complete and step.slug not in self.done:
            self.done.append(step.slug)
        elif not complete and step.slug in self.done:
            self.done.remove(step.slug)

    def offer(self, slugs):
        """Add questions to the last page; returns those that are new to the runner."""
        new = [slug for slug in slugs if slug not in self.offered]
        self.offered.extend(new)
        return new

    def finished_answers(self, ruleset):
        """The answers of the steps the runner has finished; a half-answered step says nothing."""
        return {
            slug: value
            for slug, value in self.answers.items()
            if slug in ruleset.questions_by_slug
            and step_of(ruleset.questions_by_slug[slug]).slug in self.done
        }

    def finished_questions(self, ruleset):
        """The questions of the finished steps: what an early result was asked."""
        return [q.slug for q in ruleset.questions_in_order if step_of(q).slug in self.done]

    def previous_assessment_id(self, fingerprint):
        if self.submitted and self.submitted[0] == fingerprint:
            return self.submitted[1]
        return None

    def remember(self, fingerprint, assessment):
        self.submitted = [fingerprint, str(assessment.pk)]


def _format_answer(question, value):
    if question.kind == "number":
        return str(value)
    if question.kind == "multi":
        return ", ".join(str(question.label_for(choice)) for choice in value)
    return question.label_for(value)


def answer_summary(ruleset, answers):
    """What the runner said, for the result page and the printed summary.

    Returns (warning signs said yes to, warning signs said no to, [(section title, [(question,
    answer)])]). Warning signs use their short labels so that the printout fits on one page.
    """
    from triage.journey.signs import short_label

    signs_yes, signs_no, sections = [], [], []
    for section in Section:
        rows = []
        for question in questions_in(ruleset, section):
            if question.slug not in answers:
                continue
            value = answers[question.slug]
            if section == Section.WARNING_SIGNS:
                (signs_yes if value == "yes" else signs_no).append(short_label(question))
            elif question.kind != "multi" or value:
                rows.append((question.text, _format_answer(question, value)))
        if rows:
            sections.append((section.label, rows))
    return signs_yes, signs_no, sections
