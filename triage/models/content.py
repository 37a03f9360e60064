"""The clinical content editors write: questions, causes, treatments, advice, prevention tips."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from triage.models.choices import AdviceKind, Evidence, Operator, QuestionKind, Section, Urgency


class ReviewDates(models.Model):
    last_reviewed = models.DateField(
        _("last reviewed"), null=True, blank=True, help_text=_("e.g. 2026-11-01")
    )
    next_review_due = models.DateField(
        _("next review due"), null=True, blank=True, help_text=_("e.g. 2027-11-01")
    )

    class Meta:
        abstract = True


class PendingReview(models.Model):
    """Text runners read, which an Editor alone cannot change: an Editor's change is kept here,
    and the row (what runners read) changes only when a Clinical reviewer approves it.

    {"by": username, "at": ISO time, "fields": {field name: proposed value as JSON}}, or {}.
    """

    pending_change = models.JSONField(
        _("change waiting for review"), default=dict, blank=True, editable=False
    )

    class Meta:
        abstract = True

    @property
    def has_pending_change(self):
        return bool(self.pending_change)


def source_field(help_text):
    """Where an item's words come from, for the editors who review it."""
    return models.TextField(_("source"), blank=True, default="", help_text=help_text)


def slug_field():
    return models.SlugField(
        _("slug"),
        max_length=60,
        help_text=_(
            "Lower case words joined by underscores, e.g. muscle_strain. Part of the API."
        ),
    )


class Question(models.Model):
    slug = slug_field()
    section = models.CharField(_("section"), max_length=20, choices=Section)
    kind = models.CharField(_("kind of answer"), max_length=10, choices=QuestionKind)
    text = models.CharField(_("question"), max_length=300, help_text=_("e.g. How old are you?"))
    help_text = models.TextField(_("help text"), blank=True, default="")
    required = models.BooleanField(_("required"), default=False)
    min_value = models.IntegerField(_("lowest number"), null=True, blank=True)
    max_value = models.IntegerField(_("highest number"), null=True, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    shown_when_question = models.ForeignKey(
        "self",
        verbose_name=_("shown only when question"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dependants",
    )
    shown_when_operator = models.CharField(
        _("operator"), max_length=20, choices=Operator, blank=True, default=""
    )
    shown_when_value = models.CharField(
        _("value"), max_length=200, blank=True, default="", help_text=_("e.g. female")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="triage_question_unique_slug"),
            models.CheckConstraint(
                condition=Q(min_value__isnull=True)
                | Q(max_value__isnull=True)
                | Q(min_value__lte=models.F("max_value")),
                name="triage_question_min_not_above_max",
            ),
        ]

    def __str__(self):
        return self.text


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    slug = slug_field()
    label = models.CharField(_("label"), max_length=200, help_text=_("e.g. Less than a week"))
    order = models.PositiveIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["question", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "slug"], name="triage_choice_unique_slug_per_question"
            )
        ]

    def __str__(self):
        return f"{self.question.slug}: {self.label}"


class Cause(PendingReview, ReviewDates):
    slug = slug_field()
    name = models.CharField(_("name"), max_length=200, help_text=_("e.g. Muscle strain"))
    summary = models.CharField(_("summary"), max_length=300)
    description = models.TextField(_("description"))
    self_care = models.TextField(_("self-care"), blank=True, default="")
    when_to_see_doctor = models.TextField(_("when to see a doctor"), blank=True, default="")
    is_serious = models.BooleanField(
        _("serious cause"),
        default=False,
        help_text=_("Serious causes are only listed when one of their warning signs is present."),
    )
    prior = models.FloatField(
        _("starting weight"),
        default=0.0,
        help_text=_("How common the cause is before any answer, e.g. 1.0 for muscle strain."),
    )
    urgency_if_likely = models.CharField(
        _("urgency when likely"),
        max_length=10,
        choices=Urgency,
        blank=True,
        default="",
        help_text=_(
            "Urgency floor when this cause's likelihood is high, e.g. soon for a possible "
            "bone stress injury. Leave empty for none."
        ),
    )
    sources = models.TextField(_("sources"), blank=True, default="")
    order = models.PositiveIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="triage_cause_unique_slug"),
            models.CheckConstraint(
                condition=Q(prior__gte=0), name="triage_cause_prior_not_negative"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("triage:cause", kwargs={"slug": self.slug})


class Treatment(PendingReview, ReviewDates):
    slug = slug_field()
    name = models.CharField(_("name"), max_length=200, help_text=_("e.g. Heat"))
    description = models.TextField(_("description"))
    pros = models.TextField(_("pros"), blank=True, default="")
    cons = models.TextField(_("cons"), blank=True, default="")
    evidence = models.CharField(_("evidence verdict"), max_length=20, choices=Evidence)
    guideline_note = models.TextField(
        _("what the guidelines say"),
        blank=True,
        default="",
        help_text=_("Where guidelines and popular advice disagree, say so here."),
    )
    source = models.TextField(_("source"), blank=True, default="")
    causes = models.ManyToManyField(Cause, blank=True, related_name="treatments")
    order = models.PositiveIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="triage_treatment_unique_slug"),
        ]

    def __str__(self):
        return self.name


class Advice(ReviewDates):
    slug = slug_field()
    title = models.CharField(_("title"), max_length=200, help_text=_("e.g. Keep moving"))
    body = models.TextField(_("text"))
    kind = models.CharField(_("kind"), max_length=20, choices=AdviceKind)
    min_urgency = models.CharField(
        _("shown from urgency"),
        max_length=10,
        choices=Urgency,
        default=Urgency.SELF_CARE,
        help_text=_("The least urgent result this advice may appear under."),
    )
    max_urgency = models.CharField(
        _("shown up to urgency"),
        max_length=10,
        choices=Urgency,
        default=Urgency.SOON,
        help_text=_("The most urgent result this advice may appear under."),
    )
    include_by_default = models.BooleanField(_("always include"), default=False)
    causes = models.ManyToManyField(
        Cause,
        blank=True,
        related_name="advice",
        help_text=_("Include when one of these is among the three most likely causes."),
    )
    replaces = models.ManyToManyField(
        "self",
        blank=True,
        symmetrical=False,
        related_name="replaced_by",
        help_text=_("When this item is given, these items are left out."),
    )
    stops_running = models.BooleanField(
        _("tells the runner to stop running"),
        default=False,
        help_text=_(
            "e.g. for a possible bone stress injury: items that encourage running are then "
            "left out."
        ),
    )
    encourages_running = models.BooleanField(
        _("encourages running"),
        default=False,
        help_text=_("Left out when another item tells the runner to stop running."),
    )
    source = source_field(
        _("Where the advice comes from, e.g. NICE NG59 1.2.1; NHS back pain page.")
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "slug"]
        verbose_name_plural = _("advice")
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="triage_advice_unique_slug"),
        ]

    def __str__(self):
        return self.title


class RunningStage(models.Model):
    advice = models.ForeignKey(Advice, on_delete=models.CASCADE, related_name="stages")
    number = models.PositiveSmallIntegerField(_("stage"))
    title = models.CharField(_("title"), max_length=200, help_text=_("e.g. Walk"))
    activity = models.TextField(_("what to do"))
    progress_when = models.TextField(_("move on when"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["advice", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["advice", "number"], name="triage_runningstage_unique_number"
            )
        ]

    def __str__(self):
        return f"{self.advice.title}: stage {self.number}"


class PreventionTip(ReviewDates):
    slug = slug_field()
    title = models.CharField(_("title"), max_length=200, help_text=_("e.g. Build up slowly"))
    body = models.TextField(_("text"))
    evidence = models.TextField(_("what the evidence says"), blank=True, default="")
    include_by_default = models.BooleanField(_("always include"), default=False)
    encourages_running = models.BooleanField(
        _("encourages running"),
        default=False,
        help_text=_("Left out when an advice item tells the runner to stop running."),
    )
    source = source_field(_("Where the tip comes from, e.g. Lauersen 2014; Steffens 2016."))
    order = models.PositiveIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="triage_preventiontip_unique_slug"),
        ]

    def __str__(self):
        return self.title
