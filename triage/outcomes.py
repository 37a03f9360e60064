"""Running the engine for this site: triage with our phone numbers, clinical test case outcomes,
and the publish plan (what publishing a snapshot would meet) that the admin shows and
services.ruleset_publish computes again and enforces.
"""

from dataclasses import dataclass, field

from django.conf import settings

from triage import engine
from triage.compile import content_hash
from triage.engine.safety_diff import safety_diff
from triage.engine.sign_cases import sign_cases


def triage_with(ruleset, answers):
    """Validate raw answers and triage them with the given ruleset; return (clean, result).

    Raises engine.InvalidAnswers with a message per field.
    """
    clean = engine.validate_answers(ruleset, answers)
    result = engine.evaluate(
        ruleset,
        clean,
        emergency_number=settings.EMERGENCY_NUMBER,
        non_emergency_number=settings.NON_EMERGENCY_NUMBER,
    )
    return clean, result


@dataclass(frozen=True)
class CaseOutcome:
    """What one clinical test case gave with one ruleset, compared with what was expected."""

    urgency: str = ""
    top_causes: tuple = ()
    # Answers the ruleset refused, {question: message}: the case could not be triaged.
    errors: dict = field(default_factory=dict)
    under_triage: bool = False
    over_triage: bool = False
    missing_causes: tuple = ()
    result: dict | None = None

    @property
    def passed(self):
        return not (self.errors or self.under_triage or self.over_triage or self.missing_causes)


def case_outcome(ruleset, case):
    """Run a clinical test case (answers, expected_urgency, expected_causes) on a ruleset."""
    try:
        _, result = triage_with(ruleset, case.answers)
    except engine.InvalidAnswers as exc:
        return CaseOutcome(errors=exc.errors)
    top = tuple(cause["slug"] for cause in result["causes"][:3])
    got, expected = (
        engine.urgency_rank(result["urgency"]),
        engine.urgency_rank(case.expected_urgency),
    )
    return CaseOutcome(
        urgency=result["urgency"],
        top_causes=top,
        under_triage=got < expected,
        over_triage=got > expected,
        missing_causes=tuple(slug for slug in case.expected_causes if slug not in top),
        result=result,
    )


@dataclass(frozen=True)
class PublishPlan:
    """What publishing one snapshot would meet: content problems, every test case's outcome,
    the generated warning-sign cases and the safety diff against the live version.

    Made by publish_plan(); the publish page shows it, and ruleset_publish makes the same plan
    again inside its transaction and enforces that one, so no caller can hand it a partial plan.
    """

    snapshot: dict
    content_hash: str
    problems: tuple  # ((code, message), ...) from engine.problems
    outcomes: tuple  # ((case, CaseOutcome), ...), one per clinical test case
    # One generated case per warning-sign rule (engine.sign_cases.SignCase); a failing one
    # (a sign that cannot fire, or does not reach its floor on its own) refuses publishing.
    sign_cases: tuple = ()
    # engine.safety_diff.SafetyChange, against the live version: each needs a reviewer's reason.
    safety_changes: tuple = ()

    @property
    def under(self):
        """Cases that get a less urgent result than expected: these refuse publishing."""
        return [(case, outcome) for case, outcome in self.outcomes if outcome.under_triage]

    @property
    def failed(self):
        """Cases that must pass and fail otherwise: publishing needs them confirmed and a note.

        A corpus case (case.corpus set) that misses only a cause or is over-triaged is counted in
        `corpus_figures` instead: its set is judged by its rates, never by one case.
        """
        return [
            (case, outcome)
            for case, outcome in self.outcomes
            if not outcome.passed and not outcome.under_triage and not case.corpus
        ]

    def corpus_figures(self):
        """{corpus: {"cases", "exact", "over", "cause_missed"}} for the corpus cases."""
        figures = {}
        for case, outcome in self.outcomes:
            if not case.corpus:
                continue
            counts = figures.setdefault(
                case.corpus, {"cases": 0, "exact": 0, "over": 0, "cause_missed": 0}
            )
            counts["cases"] += 1
            counts["exact"] += not (outcome.under_triage or outcome.over_triage or outcome.errors)
            counts["over"] += outcome.over_triage
            counts["cause_missed"] += bool(outcome.missing_causes)
        return figures

    @property
    def sign_failures(self):
        return [case for case in self.sign_cases if not case.passed]

    @property
    def case_count(self):
        return len(self.outcomes)

    def summary(self):
        """The case summary a published version stores."""
        failing = [case.name for case, outcome in self.outcomes if not outcome.passed]
        return {
            "cases": self.case_count,
            "passed": self.case_count - len(failing),
            "confirmed": [case.name for case, _ in self.failed],
            "corpus": self.corpus_figures(),
            "warning_signs": {
                "cases": len(self.sign_cases),
                "passed": len(self.sign_cases) - len(self.sign_failures),
            },
        }


def publish_plan(*, snapshot, cases, previous=None):
    """Check a snapshot for publishing against every case in `cases` and the generated
    warning-sign cases, and compare its warning signs with `previous` (the live snapshot)."""
    problems = tuple(engine.problems(snapshot))
    outcomes, signs = (), ()
    if not problems:
        ruleset = engine.Ruleset.from_snapshot(snapshot)
        outcomes = tuple((case, case_outcome(ruleset, case)) for case in cases)
        signs = tuple(sign_cases(ruleset))
    return PublishPlan(
        snapshot=snapshot,
        content_hash=content_hash(snapshot),
        problems=problems,
        outcomes=outcomes,
        sign_cases=signs,
        safety_changes=tuple(safety_diff(previous or {}, snapshot)),
    )
