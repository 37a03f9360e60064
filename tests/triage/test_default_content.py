"""load_default_content: complete, idempotent, respectful of editors' changes."""

import io
import re

import pytest
from django.core.management import call_command

from triage.engine import contract
from triage.models import Advice, Cause, Question, Rule, RulesetVersion, Treatment

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


def test_a_changed_rule_is_published_as_a_new_version():
    before = RulesetVersion.objects.count()
    Rule.objects.filter(slug="rf_fever").update(urgency="emergency")
    load("--reset")
    # The reset restores the default, identical to the published snapshot: no new version.
    assert RulesetVersion.objects.count() == before
    Rule.objects.filter(slug="rf_fever").update(urgency="emergency")
    load()
    assert RulesetVersion.objects.count() == before + 1


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
