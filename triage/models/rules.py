"""The rules editors write: when a warning sign, evidence, advice or a tip applies."""

from django.db import models
from django.db.models import Q
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

from triage.models.choices import Match, Operator, RuleKind, Urgency
from triage.models.content import (
    Advice,
    Cause,
    PreventionTip,
    Question,
    ReviewDates,
    slug_field,
    source_field,
)


class RuleHistoryConditions(models.Model):
    """Kept on each historical rule record besides the rule's own fields: its conditions then,
    so that reverting a rule from its history reverts its conditions with it."""

    conditions_json = models.JSONField(_("conditions"), default=list, blank=True)

    class Meta:
        abstract = True


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
    source = source_field(_("What the rule and its reason rest on, e.g. NHS back pain page."))
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    history = HistoricalRecords(bases=[RuleHistoryConditions])

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

    def conditions_as_json(self):
        """The rule's conditions as stored on its history: [{question, operator, value}]."""
        return [
            {"question": c.question.slug, "operator": c.operator, "value": c.value}
            for c in self.conditions.select_related("question").order_by("pk")
        ]

    def history_sync_conditions(self):
        """Store the conditions as they are now on the rule's latest history record.

        A rule is saved before the conditions edited with it (the admin's inlines), so whoever
        saves both calls this once the conditions are saved.
        """
        record = self.history.order_by("-history_date", "-history_id").first()
        if record is not None:
            record.conditions_json = self.conditions_as_json()
            record.save(update_fields=["conditions_json"])


@receiver(pre_create_historical_record)
def _rule_record_keeps_its_conditions(sender, instance, history_instance, **kwargs):
    if isinstance(instance, Rule) and instance.pk is not None:
        history_instance.conditions_json = instance.conditions_as_json()


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
