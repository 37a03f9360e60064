from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from articles.models import REVIEW_SOON_DAYS, Article, Status
from triage.admin.review import ReviewedChangesMixin
from triage.review import can_approve


class ReviewDueFilter(admin.SimpleListFilter):
    title = _("review due")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("Overdue")),
            ("soon", _("Due within %(days)d days") % {"days": REVIEW_SOON_DAYS}),
        ]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.review_overdue()
        if self.value() == "soon":
            return queryset.review_due_within(REVIEW_SOON_DAYS)
        return queryset


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "kind",
            "summary",
            "body",
            "causes",
            "treatments",
            "status",
            "published_at",
            "author",
            "last_reviewed",
            "next_review_due",
        ]

    def clean(self):
        cleaned_data = super().clean()
        # Publishing without a time means "now", so the editor need not type one.
        if cleaned_data.get("status") == Status.PUBLISHED and not cleaned_data.get("published_at"):
            cleaned_data["published_at"] = timezone.now()
            self.instance.published_at = cleaned_data["published_at"]
        return cleaned_data


@admin.register(Article)
class ArticleAdmin(ReviewedChangesMixin, SimpleHistoryAdmin):
    """Editors write drafts and propose changes to published articles; a clinical reviewer
    publishes an article and approves each change to a published one (ReviewedChangesMixin)."""

    form = ArticleAdminForm
    editors_may_add = True
    list_display = [
        "title",
        "kind",
        "status",
        "published_at",
        "next_review_due",
        "review_overdue",
        "preview_link",
    ]
    list_filter = ["status", "kind", ReviewDueFilter]
    search_fields = ["title", "slug", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["causes", "treatments"]
    date_hierarchy = "published_at"
    readonly_fields = ["preview_link", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "summary", "body"]}),
        (_("What it is about"), {"fields": ["causes", "treatments"]}),
        (
            _("Publishing"),
            {"fields": ["status", "published_at", "author", "updated_at", "preview_link"]},
        ),
        (_("Clinical review"), {"fields": ["last_reviewed", "next_review_due"]}),
    ]

    def is_live(self, obj):
        return obj.status == Status.PUBLISHED

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not can_approve(request.user):
            fields += ["status", "published_at"]
        return fields

    @admin.display(boolean=True, description=_("review overdue"))
    def review_overdue(self, article):
        return article.is_review_overdue

    @admin.display(description=_("preview"))
    def preview_link(self, article):
        if article.pk is None:
            return "-"
        label = gettext("View on site") if article.is_public else gettext("Preview")
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>', article.get_absolute_url(), label
        )

    def get_changeform_initial_data(self, request):
        return {"author": request.user.pk, **super().get_changeform_initial_data(request)}

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        if request.method == "GET" and article is not None and article.is_review_overdue:
            messages.warning(
                request,
                gettext(
                    "This published article was due for review on %(date)s. Check it against "
                    "the current evidence, then set new review dates."
                )
                % {"date": article.next_review_due.isoformat()},
            )
        return super().change_view(request, object_id, form_url, extra_context)
