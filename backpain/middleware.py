"""Middleware for every request: its id, privacy headers, and a 503 when the database fails."""

import logging
import re
import uuid

from django.conf import settings
from django.db import DatabaseError, InterfaceError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _

from backpain import logs

logger = logging.getLogger(__name__)

# nginx's $request_id is 32 hex digits; accept any short token, never a header full of junk.
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

# Pages and API answers that carry a runner's answers or results: never kept by a browser's
# cache or a shared proxy (a phone passed around, a clinic's proxy).
NO_STORE_PREFIXES = ("/check/", "/api/v1/triage", "/api/v1/assessments/")

RETRY_AFTER_SECONDS = 30


class RequestIdMiddleware:
    """Tag the request, its log lines and its response with one id (X-Request-ID)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = logs.request_id.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            logs.request_id.reset(token)
        response["X-Request-ID"] = request.id
        return response


class NulRefusalMiddleware:
    """A NUL character in the path, or in an admin query string, is never a real request.

    PostgreSQL refuses NUL in text, so a NUL that reached a query (a cause slug, an admin
    filter) would fail as a server error; every path parameter is refused here, once.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path and not request.path.startswith("/api/"):
            # The API answers its own: "No cause has this slug." (triage.api).
            return _refusal(request, _("Not found."), 404)
        query = request.META.get("QUERY_STRING", "")
        # The admin's filters go straight into queries; the site's own forms refuse a NUL with
        # a message of their own (the article search).
        if request.path.startswith("/admin/") and ("%00" in query or "\x00" in query):
            return _refusal(request, _("The address holds a character that is not allowed."), 400)
        return self.get_response(request)


def _refusal(request, text, status):
    if request.path.startswith("/api/"):
        return JsonResponse({"message": text}, status=status)
    return render(request, "404.html" if status == 404 else "400.html", status=status)


class PrivacyHeadersMiddleware:
    """Cache-Control: no-store on health data, and a Permissions-Policy on every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(NO_STORE_PREFIXES):
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class DatabaseUnavailableMiddleware:
    """A database that fails answers 503: a page with the emergency signs, or JSON for the API.

    The page is rendered from the template alone (no context processors, no database), like the
    500 page: whatever broke, the runner still sees when to call for help.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (DatabaseError, InterfaceError)):
            return None
        logger.error(
            "Database error on %s %s",
            request.method,
            request.path,
            exc_info=exception,
            extra={"status_code": 503},
        )
        if request.path.startswith("/api/"):
            response = JsonResponse(
                {"message": _("The service is unavailable. Try again in a moment.")}, status=503
            )
        else:
            context = {
                "EMERGENCY_NUMBER": settings.EMERGENCY_NUMBER,
                "NON_EMERGENCY_NUMBER": settings.NON_EMERGENCY_NUMBER,
            }
            response = HttpResponse(loader.render_to_string("503.html", context), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
