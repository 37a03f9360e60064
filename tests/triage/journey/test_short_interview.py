"""The journey asks only what could change the result, and no clinical test case's outcome
changes for it: each case walked through the pages' choice of questions gets the outcome all
its answers give."""

import tomllib

import pytest

from triage import engine
from triage.content import CONTENT_DIR
from triage.engine.questioning import outcome
from triage.journey.session import step_of, worth_asking_later

CASES = tomllib.loads((CONTENT_DIR / "cases.toml").read_text())["cases"]


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
