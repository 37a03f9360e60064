"""The project's clinical case corpus (triage/content/cases/): published cases and vignettes
from KNOWLEDGE.md, written by someone who never saw the rules. No case may be under-triaged;
the figures are printed at the end of every test run (see tests/conftest.py)."""

import pytest

from triage import content
from triage.engine import contract
from triage.engine.figures import figures

CORPUS = {
    name: content.read_case_file(content.CONTENT_DIR / "cases" / f"{name}.toml")
    for name in ("published", "knowledge")
}


def corpus_figures(ruleset):
    """(label, Figures) for each corpus, tuned and held-out parts apart."""
    found = []
    for name, cases in CORPUS.items():
        for part, holdout in (("tuned on", False), ("held out", True)):
            chosen = [case for case in cases if bool(case.get("holdout")) is holdout]
            found.append(figures(ruleset, chosen, f"{name} cases, {part}"))
    return found


@pytest.mark.parametrize("name", CORPUS)
def test_the_corpus_has_enough_cases_with_sources_and_a_fifth_held_out(name):
    cases = CORPUS[name]
    assert len(cases) >= 100
    assert all(case["source"] and case["note"] for case in cases)
    held_out = sum(bool(case.get("holdout")) for case in cases)
    assert 0.18 <= held_out / len(cases) <= 0.22


def test_the_published_corpus_covers_every_cause_every_urgency_and_everyday_runners():
    cases = CORPUS["published"]
    firsts = {case["expected_causes"][0] for case in cases}
    assert set(contract.RUNNER_CAUSES + contract.SERIOUS_CAUSES) <= firsts
    assert {case["expected_urgency"] for case in cases} == set(contract.URGENCIES)
    runners = [case for case in cases if case["group"] == "everyday_runner"]
    assert len(runners) >= len(cases) / 3
    assert {case["expected_urgency"] for case in runners} <= {"self_care", "soon"}


def test_no_corpus_case_the_questionnaire_can_see_is_under_triaged(default_ruleset):
    for found in corpus_figures(default_ruleset):
        assert not found.under, [(r.name, r.urgency, r.expected_urgency) for r in found.under]


def test_corpus_figures_stay_at_the_bars_the_held_back_sets_are_judged_by(default_ruleset):
    # The bars of issue #11 for the held-back sets, on the whole of each corpus; the held-out
    # parts are reported, not asserted, so that they stay a fair check.
    for name, cases in CORPUS.items():
        found = figures(default_ruleset, cases, name)
        assert found.over <= 0.10
        assert found.exact >= (0.95 if name == "knowledge" else 0.85)
        assert found.top1 >= (0.80 if name == "knowledge" else 0.70)
        assert found.top3 >= (0.95 if name == "knowledge" else 0.85)
