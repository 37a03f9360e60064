"""The journey asks only what could change the result, and no clinical test case's outcome
changes for it: each case walked through the pages' choice of questions gets the outcome all
its answers give. On the whole corpus (published cases and vignettes), asking less never lowers
the urgency."""

import tomllib

import pytest

from triage import engine
from triage.content import CONTENT_DIR, read_cases
from triage.engine.questioning import outcome
from triage.journey.session import step_of, worth_asking_later

CASES = tomllib.loads((CONTENT_DIR / "cases.toml").read_text())["cases"]
CORPUS = [case for case in read_cases() if case.get("corpus")]


def interview(ruleset, answers):
    """The answers the pages collect from a runner who would give `answers` to everything."""
    asked = {k: v for k, v in answers.items() if not step_of(ruleset.questions_by_slug[k]).is_more}
    offered = []
    while True:
        new = [slug for slug in worth_asking_later(ruleset, asked) if slug not in offered]
        # A question shown when another on the last page is answered comes with it.
        new += [
            q.slug
            for q in ruleset.questions_in_order
            if q.shown_when is not None
            and q.shown_when.question in new
            and q.slug not in offered + new
        ]
        if not new:
            return asked, offered
        offered += new
        asked.update({slug: answers[slug] for slug in new if slug in answers})


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_no_clinical_case_changes_outcome_when_asked_only_what_matters(default_ruleset, case):
    answers = engine.validate_answers(default_ruleset, case["answers"])

    asked, _offered = interview(default_ruleset, answers)

    assert outcome(default_ruleset, asked) == outcome(default_ruleset, answers)
    assert set(asked) <= set(answers)


@pytest.mark.parametrize("case", CORPUS, ids=[case["name"][:60] for case in CORPUS])
def test_no_corpus_case_gets_a_lower_urgency_for_being_asked_less(default_ruleset, case):
    answers = engine.validate_answers(default_ruleset, case["answers"])

    asked, _offered = interview(default_ruleset, answers)

    assert outcome(default_ruleset, asked)[0] == outcome(default_ruleset, answers)[0]
