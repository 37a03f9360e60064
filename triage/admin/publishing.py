"""Publishing: the draft (or an earlier version, again) with its plan, and comparing versions."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from triage.admin.diff import snapshot_diff
from triage.admin.pages import draft_snapshot, page_context, require
from triage.compile import build_snapshot
from triage.models import RulesetVersion
from triage.services import (
    PUBLISH_PERMISSION,
    ruleset_publish,
    ruleset_publish_plan,
    ruleset_rollback,
)


class PublishForm(forms.Form):
    # The hash of the rules the reviewer read: publishing refuses if they changed since.
    content_hash = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=gettext_lazy("What changed, and why"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "e.g. Lowered the weight of the sitting rule after the March case review."
        ),
    )
    confirm_failures = forms.BooleanField(
        label=gettext_lazy(
            "I have read the failing test cases and accept them, for the reason in the note"
        ),
        required=False,
    )
    safety_reason = forms.CharField(
        label=gettext_lazy("Why it is safe to weaken these warning signs"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=gettext_lazy(
            "e.g. The March guideline review moved this sign to 'book soon' (NICE NG59, 2026). "
            "Stored with the version, with your name."
        ),
    )


class CompareForm(forms.Form):
    DRAFT = "draft"
    old = forms.ChoiceField(label=gettext_lazy("From"))
    new = forms.ChoiceField(label=gettext_lazy("To"))

    def __init__(self, *args, numbers=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(n), _("Version %(number)s") % {"number": n}) for n in numbers]
        self.fields["old"].choices = choices + [(self.DRAFT, _("Draft"))]
        self.fields["new"].choices = [(self.DRAFT, _("Draft"))] + choices


def _publish_page(request, model_admin, *, snapshot, based_on, title):
    latest = RulesetVersion.objects.order_by("-number").first()
    # The page shows this plan; ruleset_publish makes it again and enforces that one, and
    # refuses when the content hash the reviewer read is no longer the draft's.
    plan = ruleset_publish_plan(snapshot=snapshot, latest=latest)
    unchanged = latest is not None and latest.content_hash == plan.content_hash
    form = PublishForm(request.POST or None, initial={"content_hash": plan.content_hash})
    if request.method == "POST" and not unchanged and not plan.problems and form.is_valid():
        if plan.safety_changes and not form.cleaned_data["safety_reason"].strip():
            form.add_error(
                "safety_reason",
                ValidationError(
                    _("Give the clinical reason for weakening these warning signs."),
                    code="safety_reason_required",
                ),
            )
        else:
            options = {
                "user": request.user,
                "note": form.cleaned_data["note"],
                "failures_confirmed": form.cleaned_data["confirm_failures"],
                "safety_reason": form.cleaned_data["safety_reason"],
                "expected_hash": form.cleaned_data["content_hash"],
            }
            try:
                if based_on is None:
                    version = ruleset_publish(**options)
                else:
                    version = ruleset_rollback(version=based_on, **options)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("Published version %(number)s. Runners get it from now on.")
                    % {"number": version.number},
                )
                if based_on is not None and build_snapshot() != version.snapshot:
                    messages.warning(
                        request,
                        _(
                            "The draft rules were reset to version %(number)s, but the draft "
                            "still differs from it in its questions, causes, advice or tips: "
                            "compare the versions before the next publish."
                        )
                        % {"number": based_on.number},
                    )
                return redirect("admin:triage_rulesetversion_change", version.pk)
    context = page_context(
        request,
        model_admin,
        title,
        form=form,
        latest=latest,
        based_on=based_on,
        unchanged=unchanged,
        problems=[message for _code, message in plan.problems],
        safety_changes=plan.safety_changes,
        sign_failures=plan.sign_failures,
        sign_case_count=len(plan.sign_cases),
        diff=snapshot_diff(latest.snapshot if latest else {}, snapshot),
        under=plan.under,
        failed=plan.failed,
        case_count=plan.case_count,
        corpus_figures=plan.corpus_figures(),
        cause_names={cause["slug"]: cause["name"] for cause in snapshot.get("causes", [])},
    )
    return TemplateResponse(request, "admin/triage/publish.html", context)


def publish(request, *, model_admin):
    require(request, PUBLISH_PERMISSION)
    return _publish_page(
        request,
        model_admin,
        snapshot=build_snapshot(),
        based_on=None,
        title=_("Publish the draft rules"),
    )


def publish_again(request, pk, *, model_admin):
    require(request, PUBLISH_PERMISSION)
    version = get_object_or_404(RulesetVersion, pk=pk)
    return _publish_page(
        request,
        model_admin,
        snapshot=version.snapshot,
        based_on=version,
        title=_("Publish version %(number)s again") % {"number": version.number},
    )


def _snapshot_for(request, choice):
    if choice == CompareForm.DRAFT:
        return draft_snapshot(request)
    return RulesetVersion.objects.values_list("snapshot", flat=True).get(number=int(choice))


def compare(request, *, model_admin):
    require(request, "triage.view_rulesetversion")
    numbers = list(RulesetVersion.objects.order_by("-number").values_list("number", flat=True))
    data = request.GET if "old" in request.GET else None
    default_old = str(numbers[0]) if numbers else CompareForm.DRAFT
    form = CompareForm(data, numbers=numbers, initial={"old": default_old, "new": "draft"})
    old, new = (
        (form.cleaned_data["old"], form.cleaned_data["new"])
        if form.is_valid()
        else (
            default_old,
            CompareForm.DRAFT,
        )
    )
    diff = snapshot_diff(_snapshot_for(request, old), _snapshot_for(request, new))
    context = page_context(
        request,
        model_admin,
        _("Compare rule versions"),
        form=form,
        diff=diff,
        old=old,
        new=new,
        no_changes=all(section.is_empty for section in diff),
    )
    return TemplateResponse(request, "admin/triage/compare.html", context)
