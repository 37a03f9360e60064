"""The admin side of triage.review: an Editor's save of runners' text is held for review."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from triage.review import (
    can_approve,
    pending_change_approve,
    pending_change_propose,
    pending_change_reject,
)


class ReviewedChangesMixin:
    """For a ModelAdmin of a PendingReview model that runners read from its rows.

    An Editor (no clinical reviewer's permission) editing a live row has the change held in
    `pending_change`; only a reviewer adds or deletes a live row, approves or rejects.
    """

    # Whether an Editor may add rows (articles: added as drafts, which no runner sees).
    editors_may_add = False
    actions = ["approve_pending", "reject_pending"]

    def is_live(self, obj):
        """Whether runners read this row now (an article: once published)."""
        return True

    def _held(self, request, obj):
        return (
            obj is not None
            and obj.pk is not None
            and not can_approve(request.user)
            and (self.is_live(type(obj).objects.get(pk=obj.pk)))
        )

    def has_add_permission(self, request, *args):
        allowed = super().has_add_permission(request, *args)
        return allowed and (self.editors_may_add or can_approve(request.user))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if can_approve(request.user):
            return allowed
        return allowed and obj is not None and not self.is_live(obj)

    def get_list_display(self, request):
        return [*super().get_list_display(request), "waiting_for_review"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pending_change:
            fields.append("proposed_change")
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.pending_change:
            fieldsets = [
                (
                    name,
                    {
                        **options,
                        "fields": [f for f in options["fields"] if f != "proposed_change"],
                    },
                )
                for name, options in fieldsets
            ]
            title = gettext_lazy("Change waiting for a clinical reviewer")
            fieldsets = [(title, {"fields": ["proposed_change"]}), *fieldsets]
        return fieldsets

    @admin.display(boolean=True, description=gettext_lazy("waiting for review"))
    def waiting_for_review(self, obj):
        return bool(obj.pending_change)

    @admin.display(description=gettext_lazy("proposed"))
    def proposed_change(self, obj):
        proposal = obj.pending_change or {}
        rows = [
            (str(obj._meta.get_field(name).verbose_name).capitalize(), value)
            for name, value in proposal.get("fields", {}).items()
        ]
        by = _("Proposed by %(user)s. Runners see the text above until it is approved.") % {
            "user": proposal.get("by", "?")
        }
        return format_html_join("", "<p><strong>{}:</strong> {}</p>", rows + [("", by)])

    def save_model(self, request, obj, form, change):
        if change and self._held(request, obj):
            values = {name: form.cleaned_data[name] for name in form.changed_data}
            if values:
                pending_change_propose(obj=obj, user=request.user, values=values)
            request._held_for_review = True
            # The admin (and simple_history's revert) saves many-to-many fields after this.
            form.save_m2m = lambda: None
            return
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if getattr(request, "_held_for_review", False):
            return
        super().save_related(request, form, formsets, change)

    def response_change(self, request, obj):
        if getattr(request, "_held_for_review", False):
            self.message_user(
                request,
                _(
                    "Your change is waiting for a clinical reviewer. Runners keep seeing the "
                    "approved text until it is approved."
                ),
                messages.WARNING,
            )
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def log_change(self, request, obj, message):
        if getattr(request, "_held_for_review", False):
            message = [{"changed": {"fields": [_("proposed for review")]}}]
        return super().log_change(request, obj, message)

    @admin.action(
        description=gettext_lazy("Approve the changes waiting for review"), permissions=["approve"]
    )
    def approve_pending(self, request, queryset):
        approved = 0
        for obj in queryset.exclude(pending_change={}):
            try:
                pending_change_approve(obj=obj, user=request.user)
            except ValidationError as exc:
                self.message_user(request, f"{obj}: {'; '.join(exc.messages)}", messages.ERROR)
            else:
                approved += 1
        self.message_user(
            request, _("Approved %(count)d changes.") % {"count": approved}, messages.SUCCESS
        )

    @admin.action(
        description=gettext_lazy("Reject the changes waiting for review"), permissions=["approve"]
    )
    def reject_pending(self, request, queryset):
        for obj in queryset.exclude(pending_change={}):
            pending_change_reject(obj=obj, user=request.user)
        self.message_user(request, _("Rejected the changes."), messages.SUCCESS)

    def has_approve_permission(self, request):
        return can_approve(request.user)
