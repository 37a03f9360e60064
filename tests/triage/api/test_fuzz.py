"""Thousands of malformed requests to POST /api/v1/triage: never a 5xx, never a stored row."""

import copy
import json

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, assume, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from triage import engine
from triage.api.examples import EXAMPLE_REQUEST
from triage.compile import published_ruleset
from triage.engine import contract
from triage.models import Assessment

pytestmark = pytest.mark.django_db

TRIAGE_URL = "/api/v1/triage"


def fuzz(max_examples):
    # The Django test client and database come from function-scoped fixtures; every example
    # checks the row count itself, so sharing them across examples is what the test wants.
    # max_examples is what CI runs; the profile (tests/conftest.py) scales it for a local run.
    scale = hypothesis_settings.default.max_examples / 100
    return hypothesis_settings(
        max_examples=max(5, round(max_examples * scale)),
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )


# Text with what breaks careless code: NUL and other controls, lone surrogates, astral planes.
odd_characters = st.one_of(
    st.sampled_from(["\x00", "\ud800", "\udfff", "\ufeff", "\u202e", "\U0001f3c3", "\\", '"']),
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
    st.characters(codec=None, exclude_categories=()),
)
odd_text = st.text(odd_characters, max_size=30)
any_text = st.one_of(st.text(max_size=30), odd_text, st.sampled_from(sorted(contract.QUESTIONS)))
numbers = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, -1, 10, 100, 101, 2**63, -(2**63), 1e308, 5e-324, -0.0]),
)
json_values = st.recursive(
    st.none() | st.booleans() | numbers | any_text,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(any_text, children, max_size=5)
    ),
    max_leaves=10,
)
# A value that may, by chance, be right for some question: the engine must sort it out.
answer_values = st.one_of(
    json_values,
    st.sampled_from(["yes", "no", "female", "none", "sharp", "buttock", ""]),
    st.lists(st.sampled_from(["buttock", "ache", "rest", "yes", "nothing", "\x00"]), max_size=4),
)


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.API_TRIAGE_RATE = "1000000/min"
    cache.clear()
    yield
    cache.clear()


def _send(body):
    """POST raw bytes; assert the API refused them as a client error and stored nothing."""
    before = Assessment.objects.count()
    response = Client().post(TRIAGE_URL, body, content_type="application/json")
    assert response.status_code in (400, 413), (response.status_code, body[:200])
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["message"]
    assert Assessment.objects.count() == before
    return response


def _dumps(value):
    # ensure_ascii escapes lone surrogates as \\ud800, as a JavaScript client would send them.
    return json.dumps(value, ensure_ascii=True).encode()


@fuzz(300)
@given(body=json_values)
def test_any_json_value_as_the_body_is_refused(body):
    _send(_dumps(body))


@fuzz(150)
@given(body=st.binary(max_size=300))
def test_any_bytes_as_the_body_are_refused(body):
    _send(body)


@fuzz(300)
@given(answers=st.dictionaries(any_text, answer_values, max_size=12))
def test_random_answers_are_refused_with_messages(answers):
    response = _send(_dumps({"answers": answers}))

    assert response.json()["errors"]


@fuzz(400)
@given(slug=st.sampled_from(sorted(EXAMPLE_REQUEST["answers"])), value=answer_values)
def test_one_wrong_answer_in_a_valid_request_is_refused_by_its_slug(slug, value):
    answers = copy.deepcopy(EXAMPLE_REQUEST["answers"])
    answers[slug] = value
    try:
        engine.validate_answers(published_ruleset()[0], answers)
    except engine.InvalidAnswers:
        pass
    else:
        assume(False)  # the value happens to be a right answer: not this test's business
    try:
        body = json.dumps({"answers": answers}, allow_nan=False).encode()
        field = slug
    except ValueError:  # NaN or Infinity is not JSON at all: the whole body is refused
        body = _dumps({"answers": answers})
        field = "body"

    response = _send(body)

    assert field in response.json()["errors"]


@fuzz(200)
@given(
    extra=st.dictionaries(
        any_text.filter(lambda key: key != "answers"), json_values, min_size=1, max_size=3
    )
)
def test_unknown_top_level_keys_are_refused_even_with_valid_answers(extra):
    _send(_dumps({**EXAMPLE_REQUEST, **extra}))


@fuzz(150)
@given(depth=st.integers(1, 20_000), opener=st.sampled_from(["[", '{"a":']))
def test_deep_nesting_is_refused(depth, opener):
    closer = "]" if opener == "[" else "}"
    nested = opener * depth + "1" + closer * depth
    _send(f'{{"answers": {{"pain_location": {nested}}}}}'.encode())
