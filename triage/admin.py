from django.contrib import admin

from triage.models import (
    Advice,
    Assessment,
    Cause,
    Choice,
    Condition,
    PreventionTip,
    Question,
    Rule,
    RulesetVersion,
    RunningStage,
    Treatment,
)


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "slug", "section", "kind", "required", "order"]
    list_filter = ["section", "kind", "required"]
    search_fields = ["slug", "text"]
    inlines = [ChoiceInline]


@admin.register(Cause)
class CauseAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "is_serious", "prior", "next_review_due"]
    list_filter = ["is_serious"]
    search_fields = ["slug", "name", "summary"]


@admin.register(Treatment)
class TreatmentAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "evidence", "next_review_due"]
    list_filter = ["evidence"]
    search_fields = ["slug", "name"]
    filter_horizontal = ["causes"]


class RunningStageInline(admin.TabularInline):
    model = RunningStage
    extra = 0


class ContraindicationInline(admin.TabularInline):
    model = Condition
    fk_name = "advice"
    fields = ["question", "operator", "value"]
    extra = 0
    verbose_name = "answer under which this advice must not be given"
    verbose_name_plural = "answers under which this advice must not be given"


@admin.register(Advice)
class AdviceAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "kind", "max_urgency", "include_by_default"]
    list_filter = ["kind", "max_urgency", "include_by_default"]
    search_fields = ["slug", "title", "body"]
    filter_horizontal = ["causes", "replaces"]
    inlines = [ContraindicationInline, RunningStageInline]


@admin.register(PreventionTip)
class PreventionTipAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "include_by_default"]
    search_fields = ["slug", "title", "body"]


class ConditionInline(admin.TabularInline):
    model = Condition
    fk_name = "rule"
    fields = ["question", "operator", "value"]
    extra = 1


@admin.register(Rule)
class RuleAdmin(admin.ModelAdmin):
    list_display = ["title", "description", "kind", "urgency", "cause", "weight", "is_active"]
    list_filter = ["kind", "urgency", "is_active"]
    search_fields = ["slug", "title", "description", "reason"]
    inlines = [ConditionInline]


@admin.register(RulesetVersion)
class RulesetVersionAdmin(admin.ModelAdmin):
    list_display = ["number", "created", "created_by", "note"]
    readonly_fields = ["number", "created", "created_by", "note", "content_hash"]
    exclude = ["snapshot"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["id", "created", "urgency", "top_cause", "ruleset_version"]
    list_filter = ["urgency", "top_cause"]
    readonly_fields = [
        "id",
        "created",
        "answers",
        "result",
        "urgency",
        "top_cause",
        "ruleset_version",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
