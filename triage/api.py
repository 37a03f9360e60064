"""The public JSON API at /api/v1/: the questionnaire, triage, stored assessments and causes.

Any app may call it, so it trusts nothing it is sent: a body size limit, standard JSON only,
unknown fields refused, one message per field on bad input (HTTP 400, nothing stored), a
per-client rate limit on triage, and a JSON answer for every error, the unexpected ones too.
"""

import json
import logging
import threading
import uuid
from functools import wraps
from typing import Annotated

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import OperationalError
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Path, Status, Swagger
from ninja.decorators import decorate_view
from ninja.errors import HttpError, Throttled, ValidationError
from ninja.parser import Parser
from ninja.throttling import AnonRateThrottle
from pydantic import WithJsonSchema

from triage import engine, services
from triage.api_examples import EXAMPLE_ASSESSMENT, EXAMPLE_INVALID, EXAMPLE_REQUEST
from triage.compile import NoPublishedRuleset, published_ruleset
from triage.models import Assessment, Cause, Section
from triage.schemas import (
    AssessmentOut,
    CauseOut,
    InvalidOut,
    MessageOut,
    QuestionnaireOut,
    TriageIn,
)

logger = logging.getLogger(__name__)

# A full set of answers is about 1.5 KB; anything near this limit is not a questionnaire.
MAX_BODY_BYTES = 32 * 1024


class StrictJSONParser(Parser):
    """Standard JSON only: Python's json module would also accept NaN and Infinity."""

    def parse_body(self, request):
        return json.loads(request.body, parse_constant=_refuse_constant)


def _refuse_constant(name):
    raise ValueError(f"{name} is not JSON")


class _PerThread:
    """An attribute of a shared object whose value belongs to the thread that set it."""

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj._per_thread, self.name)

    def __set__(self, obj, value):
        setattr(obj._per_thread, self.name, value)


class TriageRateThrottle(AnonRateThrottle):
    """Limits each client (by IP address) to settings.API_TRIAGE_RATE triage requests.

    The rate is read on every request, so a deployment or a test can change the setting. One
    instance serves every thread of a process, and ninja's throttles keep the request being
    checked on the instance (cache key, history), so that state is kept per thread: two
    threads must not write one client's history under another's key.
    """

    scope = "api_triage"
    key = _PerThread()
    history = _PerThread()
    now = _PerThread()
    num_requests = _PerThread()
    duration = _PerThread()

    def __init__(self):
        self._per_thread = threading.local()
        self.rate_from_settings()

    def rate_from_settings(self):
        rate = settings.API_TRIAGE_RATE
        try:
            self.num_requests, self.duration = self.parse_rate(rate)
        except ValueError:
            raise ImproperlyConfigured(
                f"API_TRIAGE_RATE must look like 60/min (requests/period), not {rate!r}"
            ) from None

    def allow_request(self, request):
        self.rate_from_settings()
        return super().allow_request(request)


api = NinjaAPI(
    title="Back pain triage for runners",
    version="1",
    urls_namespace="api",
    description=(
        "Ask a runner the questions of GET /questionnaire, send the answers to POST /triage, "
        "and show the result: how soon to get help, possible causes (never a diagnosis), "
        "advice and the safety net. Every error is JSON with a `message`; invalid answers get "
        "HTTP 400 with one message per field in `errors`, and nothing is stored."
    ),
    parser=StrictJSONParser(),
    # Swagger UI from the static files django-ninja ships ("ninja" in INSTALLED_APPS), and no
    # call to the public validator service: the docs page loads nothing from outside.
    docs=Swagger(settings={"validatorUrl": None}),
)


def _message(request, message, status):
    return api.create_response(request, {"message": message}, status=status)


def _refuse(request, errors):
    body = {
        "message": _("Nothing was stored: fix what errors lists, then send again."),
        "errors": errors,
    }
    return api.create_response(request, body, status=400)


def _server_error(request, exc):
    logger.error("API request failed: %s %s", request.method, request.path, exc_info=exc)
    return _message(request, _("Something went wrong on our side. Try again later."), 500)


def _hardened(run):
    """Refuse oversized bodies before anything reads them; answer any failure as JSON."""

    @wraps(run)
    def run_hardened(request, **kwargs):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads no body at all when the length is not a number
        if length > MAX_BODY_BYTES:
            message = _("The request is too large: send at most %(limit)d KB.") % {
                "limit": MAX_BODY_BYTES // 1024
            }
            return _message(request, message, 413)
        try:
            return run(request, **kwargs)
        except Exception as exc:
            # ninja's own handlers cover the view; this covers the checks before it (the
            # throttle's cache) so that nothing ever falls through to an HTML error page.
            return _server_error(request, exc)

    return run_hardened


# --- Error handlers ---------------------------------------------------------------------------


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


@api.exception_handler(ValidationError)
def _invalid_request(request, exc):
    return _refuse(request, _request_errors(exc.errors))


@api.exception_handler(engine.InvalidAnswers)
def _invalid_answers(request, exc):
    return _refuse(request, exc.errors)


@api.exception_handler(HttpError)
def _http_error(request, exc):
    # ninja raises HttpError(400) only when the body cannot be parsed as JSON.
    if exc.status_code == 400:
        message = _('The body is not valid JSON. Send an object such as {"answers": {...}}.')
        return _refuse(request, {"body": message})
    return _message(request, str(exc), exc.status_code)


@api.exception_handler(Throttled)
def _throttled(request, exc):
    # ninja adds a Retry-After header to this response.
    return _message(request, _("Too many requests from you. Wait a minute, then try again."), 429)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _message(request, str(exc) or _("Not found."), 404)


@api.exception_handler(NoPublishedRuleset)
def _not_published(request, exc):
    return _message(request, _("The questionnaire is not published yet. Try again later."), 503)


@api.exception_handler(OperationalError)
def _database_busy(request, exc):
    # A database that is down, or locked by another writer (SQLite), is worth a retry.
    logger.warning(
        "API request met a database error: %s %s: %s", request.method, request.path, exc
    )
    response = _message(request, _("The service is busy. Try again in a moment."), 503)
    response["Retry-After"] = "1"
    return response


@api.exception_handler(Exception)
def _unexpected(request, exc):
    return _server_error(request, exc)


# --- Questionnaire ----------------------------------------------------------------------------


def _question_data(question):
    condition = question.shown_when
    return {
        "slug": question.slug,
        "section": question.section,
        "kind": question.kind,
        "text": question.text,
        "help_text": question.help_text,
        "required": question.required,
        "choices": [{"slug": slug, "label": label} for slug, label in question.labels],
        "min_value": question.min_value,
        "max_value": question.max_value,
        "shown_when": (
            None
            if condition is None
            else {
                "question": condition.question,
                "operator": condition.operator,
                "value": condition.value,
            }
        ),
    }


def _section_title(slug):
    return str(Section(slug).label) if slug in Section.values else slug


@api.get(
    "/questionnaire",
    response={200: QuestionnaireOut, 503: MessageOut},
    url_name="questionnaire",
    summary="The published questionnaire",
    tags=["triage"],
)
@decorate_view(_hardened)
def questionnaire(request):
    """Every published question in order: all a client needs to ask and check the answers."""
    ruleset, _version_pk = published_ruleset()
    questions = sorted(ruleset.questions, key=lambda question: question.order)
    sections = list(dict.fromkeys(question.section for question in questions))
    return {
        "ruleset_version": ruleset.version,
        "sections": [{"slug": slug, "title": _section_title(slug)} for slug in sections],
        "questions": [_question_data(question) for question in questions],
    }


# --- Triage -----------------------------------------------------------------------------------


def _is_unsafe_text(text):
    if text.isascii():
        return "\x00" in text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return True
    return "\x00" in text


def _refuse_unsafe_text(answers):
    """Name NUL characters and broken Unicode plainly, before the engine reads anything."""
    errors = {}
    for key, value in answers.items():
        values = value if isinstance(value, list) else [value]
        if _is_unsafe_text(key):
            errors["answers"] = _("A question slug holds a NUL character or broken Unicode.")
        elif any(isinstance(item, str) and _is_unsafe_text(item) for item in values):
            errors[key] = _("This answer holds a NUL character or broken Unicode.")
    if errors:
        raise engine.InvalidAnswers(errors)


def _json_example(example):
    return {"content": {"application/json": {"example": example}}}


@api.post(
    "/triage",
    response={
        201: AssessmentOut,
        400: InvalidOut,
        413: MessageOut,
        429: MessageOut,
        503: MessageOut,
    },
    throttle=[TriageRateThrottle()],
    url_name="triage",
    summary="Triage a runner's answers",
    tags=["triage"],
    openapi_extra={
        "requestBody": _json_example(EXAMPLE_REQUEST),
        "responses": {
            201: _json_example(EXAMPLE_ASSESSMENT),
            400: _json_example(EXAMPLE_INVALID),
        },
    },
)
@decorate_view(_hardened)
def triage(request, response: HttpResponse, payload: TriageIn):
    """Run the published ruleset on the answers and store the result, anonymously.

    Answers 201 with the result and the id of the stored assessment (also in the Location
    header). Invalid answers get 400 with one message per field, and nothing is stored. Each
    client may send a limited number of requests a minute; past it the answer is 429.
    """
    _refuse_unsafe_text(payload.answers)
    assessment = services.assessment_submit(answers=payload.answers)
    response["Location"] = reverse("api:assessment", kwargs={"assessment_id": assessment.pk})
    return Status(201, assessment)


@api.get(
    "/assessments/{assessment_id}",
    response={200: AssessmentOut, 404: MessageOut},
    url_name="assessment",
    summary="A stored assessment",
    tags=["triage"],
)
@decorate_view(_hardened)
def assessment_detail(
    request,
    assessment_id: Annotated[
        str,
        # Documented as a UUID, read as any text: a malformed id is "not found", not invalid.
        WithJsonSchema({"type": "string", "format": "uuid"}),
        Path(
            description="The id POST /triage answered with (a UUID).",
            example=EXAMPLE_ASSESSMENT["id"],
        ),
    ],
):
    """The result stored for an assessment, by its id. The answers are not returned."""
    try:
        pk = uuid.UUID(assessment_id)
    except ValueError:
        raise Http404(_("No assessment has this id.")) from None
    assessment = Assessment.objects.filter(pk=pk).only("id", "created", "result").first()
    if assessment is None:
        raise Http404(_("No assessment has this id."))
    return assessment


# --- Causes -----------------------------------------------------------------------------------


def _cause_data(cause):
    return {
        "slug": cause.slug,
        "name": cause.name,
        "summary": cause.summary,
        "description": cause.description,
        "self_care": cause.self_care,
        "when_to_see_doctor": cause.when_to_see_doctor,
        "serious": cause.is_serious,
        "sources": cause.sources,
        "last_reviewed": cause.last_reviewed,
        "next_review_due": cause.next_review_due,
        "treatments": [
            {
                "slug": treatment.slug,
                "name": treatment.name,
                "description": treatment.description,
                "pros": treatment.pros,
                "cons": treatment.cons,
                "evidence": treatment.evidence,
                "evidence_label": str(treatment.get_evidence_display()),
                "guideline_note": treatment.guideline_note,
                "source": treatment.source,
            }
            for treatment in cause.treatments.all()
        ],
    }


@api.get(
    "/causes",
    response=list[CauseOut],
    url_name="causes",
    summary="Possible causes",
    tags=["causes"],
)
@decorate_view(_hardened)
def cause_list(request):
    """Every possible cause, with self-care and treatments (pros, cons, evidence)."""
    return [_cause_data(cause) for cause in Cause.objects.prefetch_related("treatments")]


@api.get(
    "/causes/{slug}",
    response={200: CauseOut, 404: MessageOut},
    url_name="cause",
    summary="One possible cause",
    tags=["causes"],
)
@decorate_view(_hardened)
def cause_detail(
    request,
    slug: Annotated[str, Path(description="The cause slug.", example="overuse")],
):
    """One possible cause, with self-care and treatments (pros, cons, evidence)."""
    cause = Cause.objects.prefetch_related("treatments").filter(slug=slug).first()
    if cause is None:
        raise Http404(_("No cause has this slug."))
    return _cause_data(cause)
