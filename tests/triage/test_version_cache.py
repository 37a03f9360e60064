"""The published version is checked at most once a second per process; a publish is served at
once by the process that made it, and by every other within the bound."""

import pytest

from triage import compile as compiled_versions
from triage.compile import published_ruleset
from triage.models import Rule, RulesetVersion
from triage.services import ruleset_publish

pytestmark = pytest.mark.django_db


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch, settings):
    settings.TRIAGE_VERSION_CHECK_SECONDS = 1.0
    fake = Clock()
    monkeypatch.setattr(compiled_versions, "_clock", fake)
    compiled_versions.forget_published()
    yield fake
    compiled_versions.forget_published()


def publish_elsewhere():
    """A version stored by another server: this process is not told."""
    latest = RulesetVersion.objects.order_by("-number").first()
    return RulesetVersion.objects.create(
        number=latest.number + 1,
        snapshot=latest.snapshot,
        content_hash=latest.content_hash + "-again",
        note="Published on another server.",
    )


def test_most_requests_need_no_version_query(clock, django_assert_num_queries):
    published_ruleset()
    with django_assert_num_queries(0):
        for _ in range(50):
            clock.now += 0.01
            published_ruleset()


def test_a_version_published_on_another_server_is_served_within_a_second(clock):
    before = published_ruleset()[1]
    newer = publish_elsewhere()
    clock.now += 0.5
    assert published_ruleset()[1] == before  # still within the bound
    clock.now += 0.6
    assert published_ruleset()[1] == newer.pk


def test_the_process_that_publishes_serves_the_new_version_at_once(
    clock, django_capture_on_commit_callbacks
):
    published_ruleset()
    Rule.objects.filter(slug="rf_fever").update(title="A high temperature, or shivers")
    with django_capture_on_commit_callbacks(execute=True):
        version = ruleset_publish(note="A clearer title.")
    assert published_ruleset()[1] == version.pk  # no clock tick needed
