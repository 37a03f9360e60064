"""Every error of the JSON API answered as JSON with a `message`, the unexpected ones too.

`install(api)` registers the handlers; `hardened(api)` is the decorator each route wears, which
refuses oversized bodies before anything reads them and catches what fails before the view.
`method_not_allowed(api, view)` and `unknown_path(api)` cover what happens before any route:
a method a path does not take (405) and a path the API does not have (404).
"""

import logging
from functools import partial, wraps

from django.db import DatabaseError
from django.http import Http404, HttpResponseNotAllowed
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja.errors import HttpError, Throttled, ValidationError

from triage import engine
from triage.compile import NoPublishedRuleset

logger = logging.getLogger("triage.api")

# A full set of answers is about 1.5 KB; anything near this limit is not a questionnaire.
MAX_BODY_BYTES = 32 * 1024


def message(api, request, text, status):
    return api.create_response(request, {"message": text}, status=status)


def refuse(api, request, errors):
    body = {
        "message": _("Nothing was stored: fix what errors lists, then send again."),
        "errors": errors,
    }
    return api.create_response(request, body, status=400)


def server_error(api, request, exc):
    logger.error("API request failed: %s %s", request.method, request.path, exc_info=exc)
    return message(api, request, _("Something went wrong on our side. Try again later."), 500)


def _is_json(content_type):
    # A cross-site form can only send form or text types, and needs no preflight to do so:
    # insisting on JSON makes a browser ask first (CORS), so no other site can store results.
    return content_type == "application/json" or content_type.endswith("+json")


def hardened(api):
    """Refuse oversized bodies before anything reads them; answer any failure as JSON."""

    def decorator(run):
        @wraps(run)
        def run_hardened(request, **kwargs):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0  # Django reads no body at all when the length is not a number
            if request.method == "POST" and length and not _is_json(request.content_type):
                text = _("Send the body as JSON, with Content-Type: application/json.")
                return message(api, request, text, 415)
            if length > MAX_BODY_BYTES:
                text = _("The request is too large: send at most %(limit)d KB.") % {
                    "limit": MAX_BODY_BYTES // 1024
                }
                return message(api, request, text, 413)
            try:
                return run(request, **kwargs)
            except Exception as exc:
                # ninja's own handlers cover the view; this covers the checks before it (the
                # throttle's cache) so that nothing ever falls through to an HTML error page.
                return server_error(api, request, exc)

        return run_hardened

    return decorator


def _request_error_message(kind, field):
    if kind == "string_unicode":
        return _("Text must be valid Unicode: lone surrogates are not allowed.")
    if field == "body":
        return _('Send a JSON object such as {"answers": {"age": 34, ...}}.')
    if kind == "extra_forbidden":
        return _("Unknown field: the only field is answers.")
    if kind == "missing":
        return _("This field is required.")
    if kind == "dict_type":
        return _("Send the answers as an object of question: answer.")
    return _("This value is not valid.")


def _request_errors(errors):
    found = {}
    for error in errors:
        # ninja prefixes the location with the source and the argument: ("body", "payload", ...)
        path = [str(part) for part in error.get("loc", ())[2:]]
        field = ".".join(path)[:80] or "body"
        found.setdefault(field, _request_error_message(error.get("type"), field))
    return found


def _invalid_request(api, request, exc):
    return refuse(api, request, _request_errors(exc.errors))


def _invalid_answers(api, request, exc):
    return refuse(api, request, exc.errors)


def _http_error(api, request, exc):
    # ninja raises HttpError(400) only when the body cannot be parsed as JSON.
    if exc.status_code == 400:
        text = _('The body is not valid JSON. Send an object such as {"answers": {...}}.')
        return refuse(api, request, {"body": text})
    return message(api, request, str(exc), exc.status_code)


def _throttled(api, request, exc):
    # ninja adds a Retry-After header to this response.
    text = _("Too many requests from you. Wait a minute, then try again.")
    return message(api, request, text, 429)


def _not_found(api, request, exc):
    return message(api, request, str(exc) or _("Not found."), 404)


def _not_published(api, request, exc):
    text = _("The questionnaire is not published yet. Try again later.")
    return message(api, request, text, 503)


def _database_busy(api, request, exc):
    # A database that is down, locked by another writer (SQLite) or not migrated yet: retry.
    logger.warning(
        "API request met a database error: %s %s: %s", request.method, request.path, exc
    )
    response = message(api, request, _("The service is busy. Try again in a moment."), 503)
    response["Retry-After"] = "1"
    return response


HANDLERS = {
    ValidationError: _invalid_request,
    engine.InvalidAnswers: _invalid_answers,
    HttpError: _http_error,
    Throttled: _throttled,
    Http404: _not_found,
    NoPublishedRuleset: _not_published,
    DatabaseError: _database_busy,
    Exception: server_error,
}


def install(api):
    for exception, handler in HANDLERS.items():
        api.add_exception_handler(exception, partial(handler, api))


def method_not_allowed(api, view):
    """Wrap one of ninja's path views: it answers a method the path does not take in plain text."""

    @wraps(view)
    def view_answering_json(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if not isinstance(response, HttpResponseNotAllowed):
            return response
        allowed = response["Allow"]
        text = _("This address does not take %(method)s. Send %(allowed)s.") % {
            "method": request.method,
            "allowed": allowed,
        }
        answer = message(api, request, text, 405)
        answer["Allow"] = allowed
        return answer

    return view_answering_json


def unknown_path(api):
    """The view for every path under /api/ that the API does not have."""

    # No CSRF check: the API takes no cookies, and a POST to a wrong path deserves a 404.
    @csrf_exempt
    def not_found(request, *args, **kwargs):
        text = _("The API has nothing at this address. Its documentation is at /api/v1/docs.")
        return message(api, request, text, 404)

    return not_found
