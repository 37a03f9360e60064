"""The runner's journey through the questionnaire pages: steps, session state, early exit.

The engine (triage.engine) and the services (triage.services) know nothing of pages. This module
holds what only the pages need: the order of the steps, the answers kept in the session between
them, and the emergency short-circuit after the warning signs.
"""

import hashlib
import json
import uuid
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from triage import engine
from triage.models import Section, Urgency

SESSION_KEY = "triage_journey"


@dataclass(frozen=True)
class Step:
    section: str
    number: int

    @property
    def slug(self):
        return self.section.replace("_", "-")

    @property
    def title(self):
        return Section(self.section).label

    def get_absolute_url(self):
        return reverse("triage:step", kwargs={"step": self.slug})


# The questionnaire's sections, in the order a runner meets them: warning signs come second, so
# that nobody gives up before they are asked.
STEPS = tuple(Step(section.value, number) for number, section in enumerate(Section, start=1))
STEPS_BY_SLUG = {step.slug: step for step in STEPS}


def questions_in(ruleset, section):
    return sorted((q for q in ruleset.questions if q.section == section), key=lambda q: q.order)


def visible_answers(ruleset, answers):
    """Drop the answers to questions whose condition no longer holds.

    Decided in questionnaire order, as engine.validate_answers does, so that hiding a question
    also hides the questions that depend on it.
    """
    visible = {}
    for question in sorted(ruleset.questions, key=lambda q: q.order):
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
        self.done = list(data.get("done", []))
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
            "submitted": self.submitted,
            "key": self.key,
            "started_on": self.started_on,
        }

    def reset(self):
        self.answers, self.done, self.submitted = {}, [], None
        self.key = uuid.uuid4().hex
        self.started_on = timezone.localdate().isoformat()
        self.save()

    def first_step_not_done(self):
        return next((step for step in STEPS if step.section not in self.done), STEPS[0])

    def blocking_step(self, step):
        """The earliest step before `step` that the runner has not finished, if any."""
        return next(
            (s for s in STEPS[: step.number - 1] if s.section not in self.done),
            None,
        )

    def record(self, ruleset, step, answers, *, complete):
        """Replace the answers of one step; drop any that the new answers hide."""
        section_slugs = {q.slug for q in questions_in(ruleset, step.section)}
        merged = {k: v for k, v in self.answers.items() if k not in section_slugs}
        merged.update(answers)
        self.answers = visible_answers(ruleset, merged)
        if complete and step.section not in self.done:
            self.done.append(step.section)
        elif not complete and step.section in self.done:
            self.done.remove(step.section)

    def finished_answers(self, ruleset):
        """The answers of the steps the runner has finished; a half-answered step says nothing."""
        return {
            slug: value
            for slug, value in self.answers.items()
            if slug in ruleset.questions_by_slug
            and ruleset.questions_by_slug[slug].section in self.done
        }

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
        return ", ".join(question.label_for(choice) for choice in value)
    return question.label_for(value)


def _warning_sign_names(ruleset):
    """Short names for warning signs: the title of a rule that fires on that sign alone."""
    names = {}
    for rule in ruleset.rules:
        if rule.kind != "red_flag" or (len(rule.conditions) > 1 and rule.match != "any"):
            continue
        for condition in rule.conditions:
            if condition.operator == "eq" and condition.value == "yes":
                names.setdefault(condition.question, rule.title)
    return names


def answer_summary(ruleset, answers):
    """What the runner said, for the result page and the printed summary.

    Returns (warning signs said yes to, warning signs said no to, [(section title, [(question,
    answer)])]). Warning signs use short names so that the printout fits on one page.
    """
    names = _warning_sign_names(ruleset)
    signs_yes, signs_no, sections = [], [], []
    for step in STEPS:
        rows = []
        for question in questions_in(ruleset, step.section):
            if question.slug not in answers:
                continue
            value = answers[question.slug]
            if step.section == Section.WARNING_SIGNS:
                name = names.get(question.slug, question.text)
                (signs_yes if value == "yes" else signs_no).append(name)
            elif question.kind != "multi" or value:
                rows.append((question.text, _format_answer(question, value)))
        if rows:
            sections.append((step.title, rows))
    return signs_yes, signs_no, sections
