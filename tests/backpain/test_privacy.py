"""Health data is never cached, sessions are short, old assessments are purged."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.backpain.journey import finish, walk_to_last_step
from triage.models import Assessment

pytestmark = pytest.mark.django_db


def no_store(response):
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives


def test_the_steps_and_the_result_are_never_stored_by_a_cache(client):
    walk_to_last_step(client)
    step = client.get("/check/pain/")
    result = client.get(finish(client)["Location"])

    assert no_store(step)
    assert no_store(result)


def test_the_apis_answers_are_never_stored_by_a_cache(client):
    from tests.factories import make_answers

    made = client.post(
        "/api/v1/triage", {"answers": make_answers()}, content_type="application/json"
    )
    fetched = client.get(f"/api/v1/assessments/{made.json()['id']}")

    assert made.status_code == 201 and no_store(made)
    assert fetched.status_code == 200 and no_store(fetched)


def test_the_home_page_may_be_cached(client):
    assert not no_store(client.get("/"))


def test_a_session_lasts_two_hours(settings):
    assert settings.SESSION_COOKIE_AGE == 7200


def test_purge_deletes_assessments_older_than_the_given_days():
    now = timezone.now()
    _make_at(now - datetime.timedelta(days=40))
    _make_at(now - datetime.timedelta(days=31))
    keep = _make_at(now - datetime.timedelta(days=29))
    out = io.StringIO()

    call_command("purge_assessments", "--older-than", "30", stdout=out)

    assert list(Assessment.objects.all()) == [keep]
    assert "Deleted 2 assessments" in out.getvalue()


def test_purge_dry_run_deletes_nothing():
    _make_at(timezone.now() - datetime.timedelta(days=40))
    out = io.StringIO()

    call_command("purge_assessments", "--older-than", "30", "--dry-run", stdout=out)

    assert Assessment.objects.count() == 1
    assert "Would delete 1 assessment" in out.getvalue()


def test_purge_is_quiet_at_verbosity_zero():
    _make_at(timezone.now() - datetime.timedelta(days=40))
    out = io.StringIO()

    call_command("purge_assessments", "--older-than", "30", verbosity=0, stdout=out)

    assert out.getvalue() == ""
    assert Assessment.objects.count() == 0


def test_purge_refuses_a_negative_age():
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("purge_assessments", "--older-than", "-1")


def _make_at(moment):
    from tests.factories import make_answers
    from triage.services import assessment_submit

    assessment = assessment_submit(answers=make_answers())
    Assessment.objects.filter(pk=assessment.pk).update(created=moment)
    return Assessment.objects.get(pk=assessment.pk)
