"""The content system check fails `manage.py check --database default` on broken content."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import OperationalError

from triage.checks import content_check
from triage.models import Choice, Condition, Question, Rule

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def ids():
    return {message.id for message in content_check(None, databases=["default"])}


def test_default_content_passes():
    assert content_check(None, databases=["default"]) == []


def test_rule_naming_a_choice_that_does_not_exist_is_an_error():
    Condition.objects.filter(rule__slug="rf_fever").update(value="sometimes")
    assert "triage.E002" in ids()


def test_operator_that_does_not_fit_the_question_is_an_error():
    Condition.objects.filter(rule__slug="rf_fever").update(operator="gte")
    assert "triage.E003" in ids()


def test_rule_without_conditions_is_an_error():
    Condition.objects.filter(rule__slug="rf_fever").delete()
    assert "triage.E005" in ids()


def test_warning_sign_that_is_optional_or_unguarded_is_an_error():
    Question.objects.filter(slug="fever").update(required=False)
    assert "triage.E007" in ids()


def test_missing_contract_choice_is_an_error():
    Choice.objects.filter(question__slug="leg_symptoms", slug="both_legs").delete()
    Condition.objects.filter(question__slug="leg_symptoms").delete()
    Rule.objects.filter(conditions__isnull=True).delete()
    assert "triage.E008" in ids()


def test_empty_database_is_a_warning_not_an_error():
    Condition.objects.all().delete()
    Rule.objects.all().delete()
    Question.objects.update(shown_when_question=None)
    Question.objects.all().delete()
    assert ids() == {"triage.W001"}


def test_check_with_the_database_fails_on_a_warning_sign_rule_without_conditions():
    Condition.objects.filter(rule__slug="rf_fever").delete()

    with pytest.raises(SystemCheckError, match="triage.E005"):
        call_command("check", "--database", "default", "--fail-level", "ERROR", verbosity=0)


def test_check_with_the_database_fails_on_a_rule_naming_a_missing_choice():
    Condition.objects.filter(rule__slug="rf_fever").update(value="sometimes")

    with pytest.raises(SystemCheckError, match="triage.E002"):
        call_command("check", "--database", "default", "--fail-level", "ERROR", verbosity=0)


def test_check_without_a_database_leaves_the_content_alone():
    Condition.objects.filter(rule__slug="rf_fever").delete()

    call_command("check", "--fail-level", "ERROR", verbosity=0)

    assert content_check(None) == []


def test_tables_that_cannot_be_read_are_a_warning_not_silence(monkeypatch):
    def missing_tables():
        raise OperationalError("no such table: triage_question")

    monkeypatch.setattr("triage.checks.Question.objects.exists", missing_tables)

    messages = content_check(None, databases=["default"])

    assert [message.id for message in messages] == ["triage.W002"]
    assert "no such table" in messages[0].msg


def test_migrate_on_a_fresh_database_says_nothing_of_content_it_is_about_to_load(tmp_path):
    # What `make run` and deploy/release.sh do first; the content is loaded right after.
    result = subprocess.run(  # noqa: S603 (our interpreter, our code)
        [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env={
            "PATH": os.environ["PATH"],
            "DEBUG": "true",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "triage.W" not in result.stdout + result.stderr


def test_pending_migrations_leave_the_content_unchecked(monkeypatch):
    monkeypatch.setattr("triage.checks._migrations_pending", lambda alias: True)
    Question.objects.all().update(required=False)

    assert content_check(None, databases=["default"]) == []
