"""Who may rename a slug: slugs are the contract (../shared/clinical/QUESTIONNAIRE.md) that the
API, stored assessments, rules and test cases all use. Renaming one of existing content needs
the permission "Can rename the slugs of existing content" (the Clinical reviewer role has it);
anyone who may add content gives new items their slugs.

Rules do not fill their slug from the title in the browser (a read-only slug cannot be
prepopulated, and django-simple-history's revert page would fail on it); RuleForm makes the
slug from the title when it is left empty."""

from django import forms
from django.utils.translation import gettext_lazy as _

SLUG_PERMISSION = "triage.change_slugs"
LOCKED = _(
    "Only a clinical reviewer may rename the slug of existing content: the API, stored results, "
    "rules and test cases use it. Ask one, or add a new item instead."
)


def may_rename_slugs(user):
    return user.has_perm(SLUG_PERMISSION)


class SlugLockMixin:
    """On a model admin: the slug of an existing item is shown, not editable, without the
    permission."""

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and not may_rename_slugs(request.user) and "slug" not in fields:
            fields.append("slug")
        return fields


class SlugLockedFormSet(forms.BaseInlineFormSet):
    """Inline rows (a question's choices): new rows take a slug, existing ones keep theirs."""

    may_rename = True

    def clean(self):
        super().clean()
        if self.may_rename:
            return
        for form in self.forms:
            if form.instance.pk and "slug" in form.changed_data:
                form.add_error("slug", LOCKED)


class SlugLockInlineMixin:
    formset = SlugLockedFormSet

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.may_rename = may_rename_slugs(request.user)
        return formset
