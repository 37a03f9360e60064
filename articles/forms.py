from django import forms
from django.utils.translation import gettext_lazy as _

SEARCH_MAX_LENGTH = 100


class ArticleSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search articles"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        strip=True,
        error_messages={
            "max_length": _("Use %(limit_value)d characters or fewer, e.g. one or two words."),
        },
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "class": "form-control",
                "placeholder": _("e.g. sciatica, stretching"),
            }
        ),
    )
