"""The public JSON API at /api/v1/: the questionnaire, triage, stored assessments and causes.

Any app may call it, so it trusts nothing it is sent: a body size limit (errors.hardened),
standard JSON only, unknown fields refused, one message per field on bad input (HTTP 400,
nothing stored), a per-client rate limit on triage (throttling), and a JSON answer for every
error, the unexpected ones too (errors). The shapes are in schemas, the docs' examples in
examples.
"""

import json
import uuid
from typing import Annotated

from django.db import DatabaseError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Path, Swagger
from ninja.decorators import decorate_view
from ninja.errors import HttpError
from ninja.parser import Parser
from pydantic import Field, WithJsonSchema

from triage import content, engine, services
from triage.api import errors
from triage.api.examples import EXAMPLE_ASSESSMENT, EXAMPLE_INVALID, EXAMPLE_REQUEST
from triage.api.fast_json import assessment_json, json_response
from triage.api.schemas import (
    AnswerValue,
    AssessmentOut,
    CauseOut,
    InvalidOut,
    MessageOut,
    NextQuestionsOut,
    QuestionnaireOut,
    ResultOut,
    TriageIn,
    answers_json_schema,
)
from triage.api.throttling import TriageRateThrottle
from triage.compile import NoPublishedRuleset, published_ruleset
from triage.engine.answers import visible_answers
from triage.engine.questioning import worth_asking
from triage.models import Assessment, Cause, Section

__all__ = ["TriageRateThrottle", "api", "unknown_path", "urls"]


class StrictJSONParser(Parser):
    """Standard JSON only: Python's json module would also accept NaN and Infinity."""

    def parse_body(self, request):
        return json.loads(request.body, parse_constant=_refuse_constant)


def _refuse_constant(name):
    raise ValueError(f"{name} is not JSON")


class TriageAPI(NinjaAPI):
    """The schema at /api/v1/openapi.json describes the answers question by question, from the
    published questionnaire (the one POST /triage checks against), built on every request."""

    def get_openapi_schema(self, **kwargs):
        schema = super().get_openapi_schema(**kwargs)
        exact = answers_json_schema(_questions_for_the_schema())
        # The answers so far (POST /questionnaire/next) are held to the same, none required.
        for name, required in (("TriageIn", exact["required"]), ("PartialAnswersIn", [])):
            component = schema["components"]["schemas"].get(name)
            if component is None:
                continue
            answers = component["properties"]["answers"]
            described = {"title": answers["title"], "description": answers["description"]}
            component["properties"]["answers"] = {**described, **exact, "required": required}
        return schema


def _questions_for_the_schema():
    try:
        ruleset, _version_pk = published_ruleset()
    except (NoPublishedRuleset, DatabaseError):
        # Nothing published (or readable), so POST /triage answers 503; the default content is
        # what a client will be asked once it is.
        ruleset = engine.Ruleset.from_snapshot(content.snapshot())
    return ruleset.questions


api = TriageAPI(
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
errors.install(api)
_hardened = errors.hardened(api)
# Mounted after the API for every other path under /api/ (backpain.urls).
unknown_path = errors.unknown_path(api)


def urls():
    """The API's URL patterns, each answering a method it does not take as JSON (405)."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback = errors.method_not_allowed(api, pattern.callback)
    return patterns, app_name, namespace


# --- Questionnaire ----------------------------------------------------------------------------


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
        "questions": questions,
    }


class PartialAnswersIn(TriageIn):
    """The answers so far: any subset of the questionnaire, each valid for its question."""

    answers: dict[str, AnswerValue] = Field(
        description=(
            "Question slug: answer, for the questions answered so far (any of GET "
            "/api/v1/questionnaire). Unknown slugs, wrong kinds and out-of-range numbers are "
            "refused; nothing is required."
        )
    )


def _partial_answers(ruleset, answers):
    """Check answers so far: known slugs and valid values; nothing is required yet."""
    _refuse_unsafe_text(answers)
    errors = {}
    clean = {}
    for key, value in answers.items():
        question = ruleset.questions_by_slug.get(key)
        if question is None:
            errors[str(key)[:80]] = _("Unknown question.")
            continue
        try:
            clean[key] = engine.clean_value(question, value)
        except ValueError as exc:
            errors[key] = str(exc)
    if errors:
        raise engine.InvalidAnswers(errors)
    return visible_answers(ruleset, clean)


@api.post(
    "/questionnaire/next",
    response={200: NextQuestionsOut, 400: InvalidOut, 413: MessageOut, 503: MessageOut},
    url_name="questionnaire-next",
    summary="The questions still worth asking",
    tags=["triage"],
)
@decorate_view(_hardened)
def questionnaire_next(request, payload: PartialAnswersIn):
    """The questions still worth asking, given the answers so far, in the questionnaire's order.

    A question is left out once no answer to it could change the urgency or the three most
    likely causes; required questions and every warning sign are always asked until answered.
    Send the answers so far (any subset, each valid); answer the questions returned, send again,
    and triage when none is left. Unknown slugs and invalid values get 400.
    """
    ruleset, _version_pk = published_ruleset()
    answers = _partial_answers(ruleset, payload.answers)
    return {"ruleset_version": ruleset.version, "questions": worth_asking(ruleset, answers)}


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
        415: MessageOut,
        422: MessageOut,
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
def triage(request, payload: TriageIn):
    """Run the published ruleset on the answers and store the result, anonymously.

    Answers 201 with the result and the id of the stored assessment (also in the Location
    header). Invalid answers get 400 with one message per field, and nothing is stored. Each
    client may send a limited number of requests a minute; past it the answer is 429. With an
    `Idempotency-Key` header, sending the same answers again with the same key stores nothing
    new and answers with the same assessment; other answers with that key get 422.
    """
    _refuse_unsafe_text(payload.answers)
    idempotency_key = request.headers.get("Idempotency-Key", "")
    if len(idempotency_key) > 255 or not idempotency_key.isprintable():
        text = _("Send at most 255 printable characters.")
        raise engine.InvalidAnswers({"Idempotency-Key": text})
    key = services.submission_key("api", idempotency_key) if idempotency_key else ""
    try:
        assessment = services.assessment_submit(answers=payload.answers, key=key)
    except services.SubmissionKeyReused:
        text = _("This Idempotency-Key was sent before with other answers: use a new key.")
        raise HttpError(422, text) from None
    location = reverse("api:assessment", kwargs={"assessment_id": assessment.pk})
    # The engine's result in the schema's shape, without a pydantic round trip (fast_json).
    return json_response(
        assessment_json(assessment, ResultOut), status=201, headers={"Location": location}
    )


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
    assessment = Assessment.objects.filter(pk=pk).only(
        "id", "created", "result", "ruleset_version_id"
    )
    assessment = assessment.first()
    if assessment is None:
        raise Http404(_("No assessment has this id."))
    return json_response(assessment_json(assessment, ResultOut))


# --- Causes -----------------------------------------------------------------------------------


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
    return list(Cause.objects.prefetch_related("treatments"))


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
    # A NUL is no slug, and PostgreSQL refuses it in a query: not found, not a server error.
    cause = (
        None
        if "\x00" in slug
        else Cause.objects.prefetch_related("treatments").filter(slug=slug).first()
    )
    if cause is None:
        raise Http404(_("No cause has this slug."))
    return cause
