"""load_default_content: complete, idempotent, respectful of editors' changes."""

import io
import re

import pytest
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError

from triage import services
from triage.compile import published_ruleset
from triage.engine import contract
from triage.models import (
    Advice,
    Cause,
    ClinicalTestCase,
    Question,
    Rule,
    RulesetVersion,
    Treatment,
)

pytestmark = pytest.mark.django_db


def load(*args):
    out = io.StringIO()
    call_command("load_default_content", *args, stdout=out)
    return out.getvalue()


def test_every_contract_slug_is_present():
    assert set(contract.QUESTIONS) <= set(Question.objects.values_list("slug", flat=True))
    causes = set(Cause.objects.values_list("slug", flat=True))
    assert set(contract.RUNNER_CAUSES + contract.SERIOUS_CAUSES) <= causes
    serious = set(Cause.objects.filter(is_serious=True).values_list("slug", flat=True))
    assert serious == set(contract.SERIOUS_CAUSES)


def test_running_it_again_changes_nothing():
    versions = RulesetVersion.objects.count()
    output = load()
    assert "nothing changed" in output
    assert RulesetVersion.objects.count() == versions


def test_editor_changes_are_kept_unless_reset():
    Cause.objects.filter(slug="overuse").update(name="Too much running")
    load()
    assert Cause.objects.get(slug="overuse").name == "Too much running"
    load("--reset")
    assert Cause.objects.get(slug="overuse").name != "Too much running"


def test_a_changed_draft_is_not_published_by_the_command():
    before = RulesetVersion.objects.count()
    Rule.objects.filter(slug="rf_fever").update(title="A high temperature")
    output = load()
    assert "The draft differs from published version 1; nothing was published" in output
    assert RulesetVersion.objects.count() == before
    load("--reset")
    # The reset restores the default, identical to the published snapshot: nothing to say.
    assert "differs" not in load()
    assert RulesetVersion.objects.count() == before


def test_a_changed_draft_is_published_with_publish_through_the_same_checks():
    Rule.objects.filter(slug="rf_fever").update(title="A high temperature")
    output = load("--publish")
    version = RulesetVersion.objects.order_by("-number").first()
    assert "published ruleset version 2" in output
    assert version.number == 2
    assert version.case_summary["cases"] == ClinicalTestCase.objects.count()
    assert version.case_summary["warning_signs"]["cases"] > 0


def test_the_command_says_which_warning_sign_a_draft_weakens():
    Rule.objects.filter(slug="rf_saddle_numbness").update(urgency="soon")
    output = load()
    assert "Weakens a warning sign: New numbness or tingling between your legs" in output
    assert "emergency → book soon" in output
    assert RulesetVersion.objects.count() == 1


def test_a_draft_that_lowers_saddle_numbness_is_refused_by_the_command():
    # The scenario: refused in the admin, then live through the command.
    Rule.objects.filter(slug="rf_saddle_numbness").update(urgency="soon")
    with pytest.raises(CommandError) as refused:
        load("--publish")
    assert "Publishing was refused, and nothing was saved" in str(refused.value)
    assert RulesetVersion.objects.count() == 1
    ruleset, _ = published_ruleset()
    saddle = next(rule for rule in ruleset.rules if rule.slug == "rf_saddle_numbness")
    assert saddle.urgency == "emergency"


def test_a_refusal_makes_the_command_exit_non_zero(capsys):
    Rule.objects.filter(slug="rf_saddle_numbness").update(urgency="soon")
    with pytest.raises(SystemExit) as exited:
        ManagementUtility(["manage.py", "load_default_content", "--publish"]).execute()
    assert exited.value.code != 0
    assert "Publishing was refused" in capsys.readouterr().err


def test_an_empty_database_is_published_through_the_gate(monkeypatch):
    RulesetVersion.objects.all().delete()
    calls = []
    real = services.ruleset_publish_plan

    def spy(**kwargs):
        plan = real(**kwargs)
        calls.append(plan)
        return plan

    monkeypatch.setattr(services, "ruleset_publish_plan", spy)
    load()
    [plan] = calls
    assert plan.case_count == ClinicalTestCase.objects.count()
    assert len(plan.sign_cases) > 0
    assert RulesetVersion.objects.get().number == 1


def test_an_empty_database_with_a_broken_warning_sign_is_not_published():
    RulesetVersion.objects.all().delete()
    rule = Rule.objects.get(slug="rf_saddle_numbness")
    question = rule.conditions.get().question
    rule.conditions.create(question=question, operator="eq", value="no")
    with pytest.raises(CommandError, match="do not reach their urgency on their own"):
        load()
    assert not RulesetVersion.objects.exists()


def test_dry_run_changes_nothing():
    Rule.objects.filter(slug="ev_overuse_sharp_load").delete()
    output = load("--dry-run")
    assert "Dry run" in output
    assert not Rule.objects.filter(slug="ev_overuse_sharp_load").exists()


def test_source_article_treatments_are_there_with_an_evidence_verdict():
    article = [
        "rest",
        "ice",
        "heat",
        "stretching",
        "strengthening",
        "physiotherapy",
        "massage",
        "acupuncture",
        "medication_nsaids",
    ]
    verdicts = dict(Treatment.objects.values_list("slug", "evidence"))
    assert set(article) <= set(verdicts)
    assert verdicts["acupuncture"] == "mixed"
    assert verdicts["paracetamol"] == "not_recommended"
    assert "bed" in Treatment.objects.get(slug="rest").guideline_note.lower()


def test_content_never_advises_bed_rest_hopping_or_states_a_diagnosis():
    texts = []
    for item in Advice.objects.all():
        texts += [item.title, item.body]
    for cause in Cause.objects.all():
        texts += [cause.summary, cause.description, cause.self_care]
    for text in texts:
        assert not re.search(r"\bhop(ping)?\b", text, re.IGNORECASE), text
        assert not re.search(r"\byou have\b", text, re.IGNORECASE), text
        assert not re.search(r"stay in bed|bed rest", text, re.IGNORECASE) or re.search(
            r"(not|n't|avoid|no)\b[^.]*bed", text, re.IGNORECASE
        ), text


def test_warning_sign_questions_use_plain_words():
    jargon = ["anaesthesia", "incontinence", "cauda equina", "radicul", "claudication"]
    for question in Question.objects.filter(section="warning_signs"):
        for word in jargon:
            assert word not in question.text.lower(), question.slug
