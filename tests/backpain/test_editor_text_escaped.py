"""No editor can put markup in front of a runner: every string an editor writes that a runner
sees is escaped where it is plain text, or cleaned by the one nh3 Markdown filter where rich.

The sweep puts a script, an event handler and a javascript: link into every such field, publishes,
and reads every kind of page a runner reads, and the API.
"""

import datetime
from html.parser import HTMLParser

import pytest
from django.db import models
from django.utils import timezone

from articles.models import Article, Status
from tests.factories import make_answers
from tests.triage.editors import make_user
from tests.triage.journey.walking import (
    ABOUT,
    MORE,
    MORE_SIGNS,
    PAIN,
    RUNNING,
    SARAH,
    SIGNS,
    post_step,
)
from triage.models import (
    Advice,
    Cause,
    Choice,
    PreventionTip,
    Question,
    Rule,
    RunningStage,
    Treatment,
)
from triage.services import assessment_submit, ruleset_publish

pytestmark = pytest.mark.django_db

PAYLOAD = (
    '<script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">j</a>'
)
# Fields no runner reads as text: identifiers, values the engine compares, editors' notes.
NOT_SHOWN = {"slug", "value", "shown_when_value", "source", "sources", "description_for_editors"}
MODELS = [Question, Choice, Cause, Treatment, Advice, RunningStage, PreventionTip, Rule, Article]


def _text_fields(model):
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField))
        and not field.choices
        and field.name not in NOT_SHOWN
        and not isinstance(field, models.SlugField)
    ]


def poison_every_editor_field():
    for model in MODELS:
        fields = _text_fields(model)
        assert fields, model
        for row in model.objects.all():
            for field in fields:
                original = getattr(row, field.name) or ""
                room = (field.max_length or 10_000) - len(PAYLOAD) - 1
                setattr(row, field.name, f"{PAYLOAD} {original[: max(room, 0)]}")
            row.save()


class _Markup(HTMLParser):
    """Collects what the browser would run: scripts, on* handlers, javascript: URLs."""

    def __init__(self):
        super().__init__()
        self.found = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._in_script = True
        for name, value in attrs:
            if name.startswith("on") and "alert" in (value or ""):
                self.found.append(f"{tag} {name}={value}")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"{tag} {name}={value}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert(" in data:
            self.found.append(f"<script>{data}")


def markup_in(html):
    parser = _Markup()
    parser.feed(html)
    return parser.found


def assert_no_markup(response):
    assert response.status_code == 200, response.request["PATH_INFO"]
    html = response.content.decode()
    assert markup_in(html) == [], response.request["PATH_INFO"]
    return html


@pytest.fixture
def poisoned():
    poison_every_editor_field()
    Article.objects.update(
        status=Status.PUBLISHED, published_at=timezone.now() - datetime.timedelta(days=1)
    )
    ruleset_publish(user=make_user("Clinical reviewer"), note="Every field poisoned")


def test_the_checker_finds_each_kind_of_markup():
    assert len(markup_in(PAYLOAD)) == 3


def test_no_editor_markup_reaches_the_questionnaire(client, poisoned):
    assert_no_markup(client.get("/"))
    for url, data in (
        (ABOUT, SARAH["about"]),
        (SIGNS, {"none": "on"}),
        (MORE_SIGNS, {"none": "on"}),
        (RUNNING, SARAH["running"]),
        (PAIN, SARAH["pain"]),
        (MORE, None),
    ):
        html = assert_no_markup(client.get(url))
        assert "&lt;script&gt;alert(1)" in html, url
        if data is not None:
            assert post_step(client, url, data).status_code == 302


@pytest.mark.parametrize(
    "answers",
    [
        {},
        {"leg_weakness": "stable"},
        {"saddle_numbness": "yes"},
        {"fever": "yes", "load_change": "sharp"},
    ],
)
def test_no_editor_markup_reaches_a_result(client, poisoned, answers):
    assessment = assessment_submit(answers=make_answers(**answers))
    html = assert_no_markup(client.get(assessment.get_absolute_url()))
    assert "&lt;script&gt;alert(1)" in html


def test_no_editor_markup_reaches_a_cause_page_or_an_article(client, poisoned):
    for cause in Cause.objects.all():
        assert_no_markup(client.get(cause.get_absolute_url()))
    assert_no_markup(client.get("/articles/"))
    for article in Article.objects.all():
        html = assert_no_markup(client.get(article.get_absolute_url()))
        assert "&lt;script&gt;alert(1)" in html


def test_the_api_returns_editor_text_as_json_data_never_as_a_page(client, poisoned):
    responses = [
        client.get("/api/v1/questionnaire"),
        client.get("/api/v1/causes"),
        client.get(f"/api/v1/causes/{Cause.objects.first().slug}"),
        client.post(
            "/api/v1/triage",
            {"answers": make_answers(saddle_numbness="yes")},
            content_type="application/json",
        ),
    ]
    for response in responses:
        assert response.status_code in (200, 201), response.content[:300]
        assert response["Content-Type"].startswith("application/json")
        assert response["X-Content-Type-Options"] == "nosniff"
        data = response.json()
        assert data
        # Editor text comes back as the string it is; nothing renders it as HTML.
        assert "<img src=x onerror=alert(2)>" not in _html_fields(data)


def _html_fields(data):
    """The values of any key that holds HTML (none today): they must be clean."""
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key.endswith("_html") and isinstance(value, str):
                found.append(value)
            found += _html_fields(value)
    elif isinstance(data, list):
        for item in data:
            found += _html_fields(item)
    return "".join(found)
