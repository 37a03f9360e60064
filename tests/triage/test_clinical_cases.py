"""The clinical test cases of triage/content/cases.toml, and the source article's three stories."""

import tomllib

import pytest

from triage import content, engine
from triage.defaults import CONTENT_DIR

with open(CONTENT_DIR / "cases.toml", "rb") as handle:
    CASES = tomllib.load(handle)["cases"]


def run(ruleset, case):
    return engine.evaluate(ruleset, engine.validate_answers(ruleset, case["answers"]))


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_clinical_case_gets_its_urgency_and_expected_causes(default_ruleset, case):
    result = run(default_ruleset, case)
    assert result["urgency"] == case["expected_urgency"]
    top_three = [cause["slug"] for cause in result["causes"][:3]]
    for slug in case["expected_causes"]:
        assert slug in top_three


def test_cases_cover_every_cause_and_every_urgency():
    # With the corpus of triage/content/cases/, which the editors' test cases load too.
    expected_causes = {slug for case in content.read_cases() for slug in case["expected_causes"]}
    from triage.engine import contract

    assert set(contract.RUNNER_CAUSES + contract.SERIOUS_CAUSES) <= expected_causes
    assert {case["expected_urgency"] for case in CASES} == set(contract.URGENCIES)


def story(name):
    return next(case for case in CASES if case["name"].startswith(name))


def test_story_one_new_runner_gets_self_care_or_soon_with_overuse_first(default_ruleset):
    result = run(default_ruleset, story("Story 1"))
    assert result["urgency"] in ("self_care", "soon")
    assert result["causes"][0]["slug"] == "overuse"


def test_story_two_sudden_stabbing_pain_gets_soon_or_sooner_with_a_disc_in_the_top_three(
    default_ruleset,
):
    result = run(default_ruleset, story("Story 2"))
    assert engine.urgency_rank(result["urgency"]) >= engine.urgency_rank("soon")
    assert "disc_herniation" in [cause["slug"] for cause in result["causes"][:3]]


def test_story_three_years_of_pain_and_trouble_walking_gets_soon_with_stenosis_first(
    default_ruleset,
):
    result = run(default_ruleset, story("Story 3"))
    assert result["urgency"] == "soon"
    assert result["causes"][0]["slug"] == "spinal_stenosis"


def test_no_case_is_under_triaged_and_most_name_the_expected_cause_first(default_ruleset):
    with_causes = [case for case in CASES if case["expected_causes"]]
    first = sum(
        run(default_ruleset, case)["causes"][0]["slug"] == case["expected_causes"][0]
        for case in with_causes
    )
    assert first / len(with_causes) >= 0.7
