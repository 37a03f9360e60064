"""Published ruleset versions and the clinical test cases that guard publishing."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from triage.models.choices import Urgency


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
    safety_confirmation = models.JSONField(
        _("warning signs weakened, as confirmed"),
        default=dict,
        blank=True,
        help_text=_(
            "Set when publishing weakened a warning sign: the clinical reviewer who confirmed "
            "it, their reason, and each change in words."
        ),
    )

    class Meta:
        ordering = ["-number"]
        permissions = [
            ("publish_rulesetversion", _("Can publish a ruleset version")),
            ("change_slugs", _("Can rename the slugs of existing content")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["number"], name="triage_rulesetversion_unique_number"),
        ]

    def __str__(self):
        return f"Ruleset version {self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValueError("A published ruleset version is immutable; publish a new one.")
        super().save(*args, **kwargs)


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
        max_length=500,
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
    corpus = models.CharField(
        _("corpus"),
        max_length=40,
        blank=True,
        default="",
        help_text=_(
            "Set for the cases of a case corpus (e.g. published): under-triage blocks publishing "
            "as for any case; other misses are counted in the figures shown at publishing "
            "instead of needing a confirmation. Leave empty for a case that must pass."
        ),
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
