"""What runners leave behind: anonymous assessments and a count of starts per day."""

import uuid

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from triage.models.choices import Urgency
from triage.models.versions import RulesetVersion


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
    # Names one submission, so that sending it again (a double tap, a retry after a timeout)
    # stores nothing new: a hash of the journey's random key and its answers, or of an API
    # client's Idempotency-Key. Nothing personal; empty for none.
    submission_key = models.CharField(
        _("submission key"), max_length=64, blank=True, default="", editable=False
    )

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission_key"],
                condition=~models.Q(submission_key=""),
                name="triage_assessment_unique_submission_key",
            ),
        ]

    def __str__(self):
        return f"Assessment {self.pk} ({self.urgency})"

    def get_absolute_url(self):
        return reverse("triage:result", kwargs={"pk": self.pk})


class QuestionnaireStartDay(models.Model):
    """How many runners started the questionnaire on one day. A count only: nothing personal."""

    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("starts"), default=0)
    results = models.PositiveIntegerField(
        _("results"),
        default=0,
        help_text=_("Of the day's starts, how many reached a result (on any later day)."),
    )

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
