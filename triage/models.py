import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from triage import engine


class Urgency(models.TextChoices):
    """The four urgency levels of the contract, least urgent first."""

    SELF_CARE = "self_care", _("Self-care at home")
    SOON = "soon", _("Book an appointment soon")
    URGENT = "urgent", _("Speak to a doctor today")
    EMERGENCY = "emergency", _("Emergency: get help now")

    @property
    def rank(self):
        return engine.URGENCY_ORDER.index(self.value)


class Section(models.TextChoices):
    ABOUT_YOU = "about_you", _("About you")
    WARNING_SIGNS = "warning_signs", _("Warning signs")
    RUNNING = "running", _("Your running")
    PAIN = "pain", _("Your pain")


class QuestionKind(models.TextChoices):
    NUMBER = "number", _("Number")
    YES_NO = "yes_no", _("Yes or no")
    SINGLE = "single", _("One choice")
    MULTI = "multi", _("Several choices")


class Operator(models.TextChoices):
    EQ = "eq", _("is")
    NE = "ne", _("is not")
    IN = "in", _("is one of")
    NOT_IN = "not_in", _("is none of")
    GTE = "gte", _("is at least")
    LTE = "lte", _("is at most")
    INCLUDES = "includes", _("includes")
    EXCLUDES = "excludes", _("does not include")
    INCLUDES_ANY = "includes_any", _("includes any of")
    EMPTY = "empty", _("is empty")
    NOT_EMPTY = "not_empty", _("is not empty")


class Evidence(models.TextChoices):
    RECOMMENDED = "recommended", _("Recommended")
    CONSIDER = "consider", _("Worth considering")
    MIXED = "mixed", _("Evidence mixed")
    NOT_RECOMMENDED = "not_recommended", _("Not recommended")


class AdviceKind(models.TextChoices):
    HOME_CARE = "home_care", _("Home care")
    RETURN_TO_RUNNING = "return_to_running", _("Return-to-running plan")
    SEE_CLINICIAN = "see_clinician", _("Getting help")
    EMERGENCY_ACTION = "emergency_action", _("Emergency action")


class RuleKind(models.TextChoices):
    RED_FLAG = "red_flag", _("Warning sign: sets an urgency floor")
    EVIDENCE = "evidence", _("Evidence: adds weight to a cause")
    ADVICE = "advice", _("Includes an advice item")
    PREVENTION = "prevention", _("Includes a prevention tip")


class Match(models.TextChoices):
    ALL = "all", _("all conditions are met")
    ANY = "any", _("any condition is met")


class ReviewDates(models.Model):
    last_reviewed = models.DateField(
        _("last reviewed"), null=True, blank=True, help_text=_("e.g. 2026-11-01")
    )
    next_review_due = models.DateField(
        _("next review due"), null=True, blank=True, help_text=_("e.g. 2027-11-01")
    )

    class Meta:
        abstract = True


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


class Cause(ReviewDates):
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


class Treatment(ReviewDates):
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
    order = models.PositiveIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="triage_preventiontip_unique_slug"),
        ]

    def __str__(self):
        return self.title


class Rule(ReviewDates):
    slug = slug_field()
    kind = models.CharField(_("kind"), max_length=20, choices=RuleKind)
    title = models.CharField(
        _("title"), max_length=200, help_text=_("e.g. Numbness between the legs")
    )
    description = models.TextField(
        _("plain-language description"),
        blank=True,
        default="",
        help_text=_("What the rule does and why, for other editors."),
    )
    reason = models.CharField(
        _("reason shown to the runner"),
        max_length=300,
        blank=True,
        default="",
        help_text=_("e.g. You said the pain spreads below your knee."),
    )
    match = models.CharField(_("fires when"), max_length=3, choices=Match, default=Match.ALL)
    urgency = models.CharField(
        _("urgency floor"), max_length=10, choices=Urgency, blank=True, default=""
    )
    cause = models.ForeignKey(
        Cause, null=True, blank=True, on_delete=models.PROTECT, related_name="rules"
    )
    weight = models.FloatField(
        _("weight"), default=0.0, help_text=_("Added to the cause's score, e.g. 2 or -1.")
    )
    advice = models.ForeignKey(
        Advice, null=True, blank=True, on_delete=models.PROTECT, related_name="rules"
    )
    prevention = models.ForeignKey(
        PreventionTip, null=True, blank=True, on_delete=models.PROTECT, related_name="rules"
    )
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="triage_rule_unique_slug"),
            models.CheckConstraint(
                condition=~Q(kind=RuleKind.RED_FLAG) | ~Q(urgency=""),
                name="triage_rule_red_flag_has_urgency",
            ),
            models.CheckConstraint(
                condition=~Q(kind=RuleKind.EVIDENCE) | Q(cause__isnull=False),
                name="triage_rule_evidence_has_cause",
            ),
            models.CheckConstraint(
                condition=~Q(kind=RuleKind.ADVICE) | Q(advice__isnull=False),
                name="triage_rule_advice_has_item",
            ),
            models.CheckConstraint(
                condition=~Q(kind=RuleKind.PREVENTION) | Q(prevention__isnull=False),
                name="triage_rule_prevention_has_tip",
            ),
        ]

    def __str__(self):
        return self.title


class Condition(models.Model):
    """One test on one answer: when a rule fires, or when advice must not be given."""

    rule = models.ForeignKey(
        Rule, null=True, blank=True, on_delete=models.CASCADE, related_name="conditions"
    )
    advice = models.ForeignKey(
        Advice,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contraindications",
    )
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    operator = models.CharField(_("operator"), max_length=20, choices=Operator)
    value = models.CharField(
        _("value"),
        max_length=500,
        blank=True,
        default="",
        help_text=_("A choice, a number, or choices separated by commas, e.g. one_leg,both_legs"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rule__isnull=False, advice__isnull=True)
                | Q(rule__isnull=True, advice__isnull=False),
                name="triage_condition_belongs_to_rule_or_advice",
            )
        ]

    def __str__(self):
        return f"{self.question.slug} {self.operator} {self.value}".strip()


class RulesetVersion(models.Model):
    """A published, immutable snapshot of all the content the engine needs."""

    number = models.PositiveIntegerField(_("version"))
    created = models.DateTimeField(_("published"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    note = models.TextField(_("note"), blank=True, default="")
    content_hash = models.CharField(_("content hash"), max_length=64)
    snapshot = models.JSONField(_("compiled ruleset"))
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("published again from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Set when an earlier version was published again (a rollback)."),
    )
    case_summary = models.JSONField(
        _("test cases at publishing"),
        default=dict,
        blank=True,
        help_text=_("How many clinical test cases passed, and which failures were confirmed."),
    )

    class Meta:
        ordering = ["-number"]
        permissions = [("publish_rulesetversion", _("Can publish a ruleset version"))]
        constraints = [
            models.UniqueConstraint(fields=["number"], name="triage_rulesetversion_unique_number"),
        ]

    def __str__(self):
        return f"Ruleset version {self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValueError("A published ruleset version is immutable; publish a new one.")
        super().save(*args, **kwargs)


class Assessment(models.Model):
    """The anonymous record of one triage. Holds no name, email or IP address by design."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    answers = models.JSONField(_("answers"))
    result = models.JSONField(_("result"))
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency)
    top_cause = models.CharField(_("most likely cause"), max_length=60, blank=True, default="")
    ruleset_version = models.ForeignKey(
        RulesetVersion, on_delete=models.PROTECT, related_name="assessments"
    )

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"Assessment {self.pk} ({self.urgency})"

    def get_absolute_url(self):
        return reverse("triage:result", kwargs={"pk": self.pk})


class ClinicalTestCase(models.Model):
    """A runner's answers with the urgency and possible causes a clinician expects for them.

    Every case runs against the draft rules before publishing; a case whose result is less urgent
    than expected (under-triage) blocks publishing.
    """

    name = models.CharField(
        _("name"), max_length=200, help_text=_("e.g. Story 2: sudden stabbing pain after a run")
    )
    note = models.TextField(
        _("note"),
        blank=True,
        default="",
        help_text=_("The clinical story and why this result is expected."),
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        default="",
        help_text=_("e.g. NICE NG59, or the source article's story 1"),
    )
    answers = models.JSONField(_("answers"), default=dict)
    expected_urgency = models.CharField(_("expected urgency"), max_length=10, choices=Urgency)
    expected_causes = models.JSONField(
        _("causes expected in the top three"),
        default=list,
        blank=True,
        help_text=_("Cause slugs, e.g. overuse. May be empty."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("clinical test case")
        constraints = [
            models.UniqueConstraint(fields=["name"], name="triage_clinicaltestcase_unique_name"),
        ]

    def __str__(self):
        return self.name


class QuestionnaireStartDay(models.Model):
    """How many runners started the questionnaire on one day. A count only: nothing personal."""

    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("starts"), default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("questionnaire starts on a day")
        verbose_name_plural = _("questionnaire starts by day")
        constraints = [
            models.UniqueConstraint(
                fields=["day"], name="triage_questionnairestartday_unique_day"
            ),
        ]

    def __str__(self):
        return f"{self.count} started on {self.day:%Y-%m-%d}"
