"""Editors' Markdown (article bodies, cause pages, advice) turned into HTML that is safe to show
readers. Shared by both apps: articles for its bodies, triage for its `markdown` template filter.
"""

from functools import lru_cache

import markdown
import nh3
from django.utils.safestring import mark_safe

# Part of the cache key of rendered bodies: bump it when the rules below change.
RENDER_VERSION = 2
ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
}
# No javascript:, data: or vbscript: links; relative links to our own pages are kept.
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def _own_images_only(element, attribute, value):
    """Images only from this site (a path like /static/...): an outside image on a health page
    would tell its owner who reads it (a tracking pixel)."""
    if element == "img" and attribute == "src":
        return value if value.startswith("/") and not value.startswith("//") else None
    return value


def render_markdown(text):
    """Markdown to HTML with everything unsafe removed: scripts, event handlers, bad links.

    The page title is the page's only h1, so an editor's "# Heading" becomes an h2. Each text is
    converted once per process and then served from memory: content changes only when editors
    publish, and a result page shows dozens of texts (causes, advice, plans, tips).
    """
    return _rendered(text)


@lru_cache(maxsize=4096)
def _rendered(text):
    html = markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        set_tag_attribute_values={"table": {"class": "table"}},
        attribute_filter=_own_images_only,
    )
    # Safe to mark: nh3 has just removed every tag, attribute and URL scheme not listed above.
    return mark_safe(cleaned)  # noqa: S308
