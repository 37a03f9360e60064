"""Clinical test cases in the admin: the case form built from the draft's questions, and the
page that runs every case on the draft and the published rules side by side.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from triage.admin.forms import AnswersMixin, answer_fields, answer_sections, answers_initial
from triage.admin.pages import draft_ruleset, page_context, require
from triage.compile import NoPublishedRuleset, published_ruleset
from triage.models import Cause, ClinicalTestCase, Section
from triage.outcomes import case_outcome
from triage.templatetags.triage_words import names

MAX_EXPECTED_CAUSES = 3


class ClinicalTestCaseFormBase(AnswersMixin, forms.ModelForm):
    class Meta:
        model = ClinicalTestCase
        fields = ["name", "note", "source", "expected_urgency"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.update(answers_initial(self.instance.answers))
            self.initial["expected_causes"] = list(self.instance.expected_causes)

    def clean_expected_causes(self):
        causes = self.cleaned_data["expected_causes"]
        if len(causes) > MAX_EXPECTED_CAUSES:
            raise ValidationError(
                _("Choose at most three causes: the check is on the three most likely."),
                code="too_many",
            )
        return causes

    def clean(self):
        data = super().clean()
        answers = self.answers_clean()
        if answers is not None:
            self.instance.answers = answers
        if "expected_causes" in data:
            self.instance.expected_causes = list(data["expected_causes"])
        return data


def clinical_test_case_form(ruleset):
    """A form class for test cases whose answer fields are the given ruleset's questions."""
    attrs = {
        "ruleset": ruleset,
        "expected_causes": forms.MultipleChoiceField(
            label=_("causes expected in the top three"),
            choices=[(cause.slug, cause.name) for cause in ruleset.causes],
            widget=forms.CheckboxSelectMultiple,
            required=False,
            help_text=_("At most three. Leave empty to check the urgency only."),
        ),
        **answer_fields(ruleset),
    }
    return type("ClinicalTestCaseForm", (ClinicalTestCaseFormBase,), attrs)


def case_form_class(request):
    return clinical_test_case_form(draft_ruleset(request))


def case_fieldsets(request):
    ruleset = draft_ruleset(request)
    labels = dict(Section.choices)
    return [
        (None, {"fields": ["name", "note", "source"]}),
        (_("What a clinician expects"), {"fields": ["expected_urgency", "expected_causes"]}),
        *(
            (
                _("Answers: %(section)s") % {"section": labels.get(section, section)},
                {"fields": names},
            )
            for section, names in answer_sections(ruleset)
        ),
    ]


class CauseNamesMixin:
    """The test case list says its expected causes by name, not slug."""

    def changelist_view(self, request, extra_context=None):
        # One query for the names the list shows (the same for every editor).
        self.cause_names = dict(Cause.objects.values_list("slug", "name"))
        return super().changelist_view(request, extra_context)

    @admin.display(description=gettext_lazy("causes expected in the top three"))
    def expected_causes_text(self, case):
        return names(case.expected_causes, getattr(self, "cause_names", {}))


def cases_run(request, *, model_admin):
    require(request, "triage.view_clinicaltestcase")
    draft = draft_ruleset(request)
    try:
        published, _pk = published_ruleset()
    except NoPublishedRuleset:
        published = None
    rows = []
    for case in ClinicalTestCase.objects.all():
        now = case_outcome(draft, case)
        before = case_outcome(published, case) if published else None
        rows.append(
            {
                "case": case,
                "draft": now,
                "published": before,
                "changed": before is not None
                and (now.urgency, now.top_causes, now.errors)
                != (before.urgency, before.top_causes, before.errors),
            }
        )
    context = page_context(
        request,
        model_admin,
        _("Run the clinical test cases"),
        rows=rows,
        published_version=published.version if published else None,
        draft_passed=sum(row["draft"].passed for row in rows),
        draft_under=sum(row["draft"].under_triage for row in rows),
        published_passed=sum(bool(row["published"] and row["published"].passed) for row in rows),
        changed=sum(row["changed"] for row in rows),
        cause_names=dict(Cause.objects.values_list("slug", "name")),
    )
    return TemplateResponse(request, "admin/triage/cases_run.html", context)
