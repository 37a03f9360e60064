"""A published version's page in words: what its test cases showed, and any weakened warning
sign a clinical reviewer confirmed (the stored JSON, read for a clinician)."""

from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

CORPUS_NAMES = {
    "published": gettext_lazy("published cases"),
    "knowledge": gettext_lazy("cases from KNOWLEDGE.md"),
}


def cases_in_words(summary):
    if not summary:
        return _("No test cases were recorded with this version.")
    lines = [
        _("%(passed)d of %(cases)d clinical test cases passed.")
        % {"passed": summary.get("passed", 0), "cases": summary.get("cases", 0)}
    ]
    signs = summary.get("warning_signs")
    if signs:
        lines.append(
            _("%(passed)d of %(cases)d generated warning-sign cases passed.")
            % {"passed": signs.get("passed", 0), "cases": signs.get("cases", 0)}
        )
    for corpus, counts in sorted(summary.get("corpus", {}).items()):
        lines.append(
            _("%(name)s: %(exact)d of %(cases)d at the expected urgency, %(over)d over-triaged, ")
            % {
                "name": str(CORPUS_NAMES.get(corpus, corpus)).capitalize(),
                "exact": counts.get("exact", 0),
                "cases": counts.get("cases", 0),
                "over": counts.get("over", 0),
            }
            + ngettext(
                "%(missed)d missing its expected cause from the top three.",
                "%(missed)d missing their expected cause from the top three.",
                counts.get("cause_missed", 0),
            )
            % {"missed": counts.get("cause_missed", 0)}
        )
    confirmed = summary.get("confirmed") or []
    html = format_html_join("", "<p>{}</p>", ((line,) for line in lines))
    if confirmed:
        html += format_html(
            "<p>{}</p><ul>{}</ul>",
            _("Failures the publisher confirmed:"),
            format_html_join("", "<li>{}</li>", ((name,) for name in confirmed)),
        )
    return html


def safety_in_words(confirmation):
    if not confirmation:
        return _("No warning sign was weakened.")
    return format_html(
        "<p>{}</p><p>{}</p><ul>{}</ul>",
        _("Confirmed by %(name)s.") % {"name": confirmation.get("by", "?")},
        _("Their reason: %(reason)s") % {"reason": confirmation.get("reason", "")},
        format_html_join("", "<li>{}</li>", ((change,) for change in confirmation["changes"])),
    )


class VersionInWordsMixin:
    """The version page's fields in words, not JSON."""

    @admin.display(description=gettext_lazy("content hash"))
    def short_hash(self, version):
        return version.content_hash[:12]

    @admin.display(description=gettext_lazy("test cases at publishing"))
    def cases(self, version):
        return cases_in_words(version.case_summary)

    @admin.display(description=gettext_lazy("warning signs weakened"))
    def safety(self, version):
        return safety_in_words(version.safety_confirmation)
