from functools import partial

from django.contrib import admin, messages
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from triage.admin import cases, dashboard, pages, publishing, simulator, versions
from triage.admin.forms import (
    ConditionForm,
    EditorAuthenticationForm,
    QuestionForm,
    RuleConditionFormSet,
    RuleForm,
)
from triage.admin.review import ReviewedChangesMixin
from triage.admin.slugs import SlugLockInlineMixin, SlugLockMixin
from triage.exports import assessments_write_csv
from triage.models import (
    Advice,
    Assessment,
    Cause,
    Choice,
    ClinicalTestCase,
    Condition,
    PreventionTip,
    Question,
    Rule,
    RulesetVersion,
    RunningStage,
    Treatment,
)
from triage.services import clinical_test_cases_create_from, rule_conditions_set

# Staff status alone opens nothing: logging in needs a role (see triage.admin.forms).
admin.site.login_form = EditorAuthenticationForm
admin.site.site_header = _("Back pain check: editors")
admin.site.site_title = _("Back pain check editors")


def _change_reason(form, change):
    """The reason history shows for a save in the admin: what the editor changed."""
    if not change:
        return str(_("Added in the admin"))
    names = [str(form.fields[name].label or name) for name in form.changed_data]
    return str(_("Changed in the admin: %(fields)s") % {"fields": ", ".join(names) or "-"})


class ChangeReasonMixin:
    """Every save made in the admin says in its history why (what changed) and by whom."""

    def save_model(self, request, obj, form, change):
        if not getattr(obj, "_change_reason", None):
            obj._change_reason = _change_reason(form, change)
        super().save_model(request, obj, form, change)


def _view(model_admin, view, **kwargs):
    return model_admin.admin_site.admin_view(partial(view, model_admin=model_admin, **kwargs))


class ChildHistoryMixin:
    """Shows, on the parent's history page, the history of the rows edited inline with it."""

    # [(label, history model of the child, foreign key to the parent)]
    child_histories = ()
    object_history_template = "admin/triage/object_history_with_children.html"

    def history_view(self, request, object_id, extra_context=None):
        children = [
            {
                "label": label,
                "records": pages.child_history(model, fk, object_id),
                "opts": model.instance_type._meta,
            }
            for label, model, fk in self.child_histories
        ]
        extra_context = {**(extra_context or {}), "child_histories": children}
        return super().history_view(request, object_id, extra_context=extra_context)


class ConditionChoicesMixin:
    """Gives the change form the question list that static/admin_extra/conditions.js reads."""

    change_form_template = "admin/triage/conditions_change_form.html"

    class Media:
        js = ["admin_extra/conditions.js", "admin_extra/rule_kind.js"]
        css = {"all": ["admin_extra/editors.css"]}

    def render_change_form(self, request, context, *args, **kwargs):
        context["condition_questions"] = pages.condition_questions()
        return super().render_change_form(request, context, *args, **kwargs)


class ChoiceInline(SlugLockInlineMixin, admin.TabularInline):
    model = Choice
    extra = 0


@admin.register(Question)
class QuestionAdmin(
    SlugLockMixin, ConditionChoicesMixin, ChildHistoryMixin, ChangeReasonMixin, SimpleHistoryAdmin
):
    form = QuestionForm
    list_display = ["text", "slug", "section", "kind", "required", "order"]
    list_filter = ["section", "kind", "required"]
    search_fields = ["slug", "text"]
    inlines = [ChoiceInline]
    child_histories = [(_("Choices"), Choice.history.model, "question_id")]


@admin.register(Cause)
class CauseAdmin(SlugLockMixin, ReviewedChangesMixin, ChangeReasonMixin, SimpleHistoryAdmin):
    list_display = ["name", "slug", "is_serious", "prior", "next_review_due"]
    list_filter = ["is_serious"]
    search_fields = ["slug", "name", "summary"]


@admin.register(Treatment)
class TreatmentAdmin(SlugLockMixin, ReviewedChangesMixin, ChangeReasonMixin, SimpleHistoryAdmin):
    list_display = ["name", "slug", "evidence", "next_review_due"]
    list_filter = ["evidence"]
    search_fields = ["slug", "name"]
    filter_horizontal = ["causes"]


class RunningStageInline(admin.TabularInline):
    model = RunningStage
    extra = 0


class ContraindicationInline(admin.TabularInline):
    model = Condition
    form = ConditionForm
    fk_name = "advice"
    fields = ["question", "operator", "value"]
    extra = 0
    verbose_name = _("answer under which this advice must not be given")
    verbose_name_plural = _("answers under which this advice must not be given")


@admin.register(Advice)
class AdviceAdmin(
    SlugLockMixin, ConditionChoicesMixin, ChildHistoryMixin, ChangeReasonMixin, SimpleHistoryAdmin
):
    list_display = [
        "title",
        "slug",
        "kind",
        "max_urgency",
        "include_by_default",
        "next_review_due",
    ]
    list_filter = ["kind", "max_urgency", "include_by_default"]
    search_fields = ["slug", "title", "body"]
    filter_horizontal = ["causes", "replaces"]
    inlines = [ContraindicationInline, RunningStageInline]
    child_histories = [
        (_("Answers under which it is not given"), Condition.history.model, "advice_id"),
        (_("Return-to-running stages"), RunningStage.history.model, "advice_id"),
    ]


@admin.register(PreventionTip)
class PreventionTipAdmin(SlugLockMixin, ChangeReasonMixin, SimpleHistoryAdmin):
    list_display = ["title", "slug", "include_by_default", "next_review_due"]
    search_fields = ["slug", "title", "body"]


class ConditionInline(admin.TabularInline):
    model = Condition
    form = ConditionForm
    formset = RuleConditionFormSet
    fk_name = "rule"
    fields = ["question", "operator", "value"]
    extra = 1
    verbose_name = _("condition")
    verbose_name_plural = _("conditions: the answers that make this rule fire")


@admin.register(Rule)
class RuleAdmin(
    SlugLockMixin, ConditionChoicesMixin, ChildHistoryMixin, ChangeReasonMixin, SimpleHistoryAdmin
):
    form = RuleForm
    # Few columns, so the list fits 1,280 px: what a rule does is one sentence.
    list_display = ["title", "what_it_does", "kind", "is_active"]
    list_filter = ["kind", ("cause", admin.RelatedOnlyFieldListFilter), "urgency", "is_active"]
    list_select_related = ["cause", "advice", "prevention"]
    search_fields = ["slug", "title", "description", "reason"]
    inlines = [ConditionInline]
    child_histories = [(_("Conditions"), Condition.history.model, "rule_id")]
    # No prepopulated slug: RuleForm makes it from the title (triage.admin.slugs says why).
    # One fieldset per kind of rule: rule_kind.js shows only the chosen kind's.
    fieldsets = [
        (None, {"fields": ["title", "description", "kind", "match", "reason"]}),
        (
            _("A warning sign: the urgency it sets"),
            {"fields": ["urgency"], "classes": ["rule-kind", "rule-kind-red_flag"]},
        ),
        (
            _("Evidence: the cause it adds weight to"),
            {
                "fields": ["cause", "weight"],
                "classes": ["rule-kind", "rule-kind-evidence", "rule-kind-red_flag"],
                "description": _("A warning sign may also point to a serious cause."),
            },
        ),
        (
            _("Advice: the item it gives"),
            {"fields": ["advice"], "classes": ["rule-kind", "rule-kind-advice"]},
        ),
        (
            _("Prevention: the tip it gives"),
            {"fields": ["prevention"], "classes": ["rule-kind", "rule-kind-prevention"]},
        ),
        (
            _("Details: slug (made from the title), order, review dates"),
            {
                "fields": ["slug", "is_active", "order", "last_reviewed", "next_review_due"],
                "classes": ["collapse"],
            },
        ),
    ]

    def get_queryset(self, request):
        conditions = (
            Condition.objects.select_related("question")
            .prefetch_related("question__choices")
            .order_by("pk")
        )
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("conditions", queryset=conditions))
        )

    def save_model(self, request, obj, form, change):
        obj._change_reason = getattr(request, "_rule_change_reason", None) or _change_reason(
            form, change
        )
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The rule was saved before its conditions: keep the ones just saved on its history.
        form.instance.history_sync_conditions()

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Reverting a rule reverts its conditions too, from the record reverted to."""
        record = None
        if request.method == "POST":
            record = get_object_or_404(Rule.history.model, id=object_id, history_id=version_id)
            request._rule_change_reason = _("Reverted to the version of %(date)s") % {
                "date": f"{record.history_date:%Y-%m-%d %H:%M}"
            }
        response = super().history_form_view(request, object_id, version_id, extra_context)
        if record is not None and response.status_code == 302:
            rule_conditions_set(
                rule=Rule.objects.get(pk=object_id), conditions=record.conditions_json
            )
        return response

    @admin.display(description=_("what it does"))
    def what_it_does(self, rule):
        return pages.rule_summary(rule)

    def get_urls(self):
        return [
            path("simulator/", _view(self, simulator.simulator), name="triage_simulator"),
            *super().get_urls(),
        ]


@admin.register(RulesetVersion)
class RulesetVersionAdmin(versions.VersionInWordsMixin, admin.ModelAdmin):
    list_display = ["number", "created", "created_by", "note", "based_on", "short_hash"]
    list_select_related = ["created_by", "based_on"]
    fields = [
        "number",
        "created",
        "created_by",
        "note",
        "based_on",
        "cases",
        "safety",
        "short_hash",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        # The snapshots are large; the list and detail pages never show them.
        return super().get_queryset(request).defer("snapshot")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path("publish/", _view(self, publishing.publish), name="triage_publish"),
            path("compare/", _view(self, publishing.compare), name="triage_compare"),
            path(
                "<int:pk>/publish-again/",
                _view(self, publishing.publish_again),
                name="triage_publish_again",
            ),
            *super().get_urls(),
        ]


@admin.register(ClinicalTestCase)
class ClinicalTestCaseAdmin(cases.CauseNamesMixin, ChangeReasonMixin, SimpleHistoryAdmin):
    list_display = ["name", "expected_urgency", "expected_causes_text", "source", "updated"]
    list_filter = ["expected_urgency"]
    search_fields = ["name", "note", "source"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = cases.case_form_class(request)
        kwargs["fields"] = None
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        return cases.case_fieldsets(request)

    def get_urls(self):
        return [
            path("run/", _view(self, cases.cases_run), name="triage_cases_run"),
            *super().get_urls(),
        ]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["id", "created", "urgency", "top_cause", "ruleset_version"]
    list_filter = ["created", "urgency", "top_cause"]
    list_select_related = ["ruleset_version"]
    readonly_fields = [
        "id",
        "created",
        "answers",
        "result",
        "urgency",
        "top_cause",
        "ruleset_version",
    ]
    actions = ["make_test_cases", "export_csv"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("ruleset_version")
            .defer("ruleset_version__snapshot")
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(
        description=_("Make clinical test cases from the selected assessments"),
        permissions=["add_test_case"],
    )
    def make_test_cases(self, request, queryset):
        made = clinical_test_cases_create_from(assessments=queryset)
        if not made:
            self.message_user(
                request, _("Those assessments are already test cases."), messages.WARNING
            )
            return None
        self.message_user(
            request,
            ngettext(
                "Made %(count)d test case. Check its expected urgency and causes: they are what "
                "the rules said at the time, not yet a clinician's judgement.",
                "Made %(count)d test cases. Check their expected urgency and causes: they are "
                "what the rules said at the time, not yet a clinician's judgement.",
                len(made),
            )
            % {"count": len(made)},
            messages.SUCCESS,
        )
        if len(made) == 1:
            return redirect(reverse("admin:triage_clinicaltestcase_change", args=[made[0].pk]))
        return None

    @admin.action(
        description=_("Export the selected assessments as CSV (no personal data)"),
        permissions=["view"],
    )
    def export_csv(self, request, queryset):
        # "Select all" passes every row the list's filters and search leave, not just one page.
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        filename = f"assessments-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        assessments_write_csv(queryset, response)
        return response

    def has_add_test_case_permission(self, request):
        return request.user.has_perm("triage.add_clinicaltestcase")

    def get_urls(self):
        return [
            path("dashboard/", _view(self, dashboard.dashboard), name="triage_dashboard"),
            *super().get_urls(),
        ]


# Rows edited inline above get admins of their own only for their history and its revert
# links; they are left out of the index so editors edit them with their parent.
class HistoryOnlyAdmin(ChangeReasonMixin, SimpleHistoryAdmin):
    def has_module_permission(self, request):
        return False


@admin.register(Choice)
class ChoiceAdmin(HistoryOnlyAdmin):
    list_select_related = ["question"]


@admin.register(Condition)
class ConditionAdmin(HistoryOnlyAdmin):
    form = ConditionForm
    list_select_related = ["question"]


@admin.register(RunningStage)
class RunningStageAdmin(HistoryOnlyAdmin):
    list_select_related = ["advice"]
