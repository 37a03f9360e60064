"""The files every site is asked for at its root: robots.txt, security.txt and favicon.ico."""

import datetime

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

# Result pages are one runner's health answers; the admin and the API are not for search engines.
# The result page also says noindex itself, for a link that reaches a crawler another way.
ROBOTS_DISALLOW = ("/check/result/", "/admin/", "/api/")
# RFC 9116 asks for an Expires under a year ahead. Always this far from today: the file never
# goes stale while the site runs, and the contact is what an operator must keep true.
SECURITY_TXT_DAYS = 180
FAVICON = settings.BASE_DIR / "static" / "favicon.ico"


def _text(lines):
    return HttpResponse("".join(f"{line}\n" for line in lines), content_type="text/plain")


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW)]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return _text(lines)


def _contact_uri(contact):
    return contact if ":" in contact else f"mailto:{contact}"


@require_safe
@cache_control(max_age=86400, public=True)
def security_txt(request):
    """Where to report a vulnerability; a 404 until SECURITY_CONTACT says who reads reports."""
    if not settings.SECURITY_CONTACT:
        raise Http404("No security contact is set.")
    expires = timezone.now().replace(microsecond=0) + datetime.timedelta(days=SECURITY_TXT_DAYS)
    return _text(
        [
            f"Contact: {_contact_uri(settings.SECURITY_CONTACT)}",
            f"Expires: {expires.astimezone(datetime.UTC).isoformat().replace('+00:00', 'Z')}",
            "Preferred-Languages: en",
            f"Canonical: {request.build_absolute_uri(request.path)}",
        ]
    )


@require_safe
@cache_control(max_age=86400, public=True)
def favicon(request):
    # Browsers and feed readers ask for /favicon.ico whatever the pages link to (favicon.svg).
    return FileResponse(FAVICON.open("rb"), content_type="image/x-icon")
