"""The triage app's models, one module per job; import them from here."""

from triage.models.assessments import Assessment, QuestionnaireStartDay
from triage.models.choices import (
    AdviceKind,
    Evidence,
    Likelihood,
    Match,
    Operator,
    QuestionKind,
    RuleKind,
    Section,
    Urgency,
)
from triage.models.content import (
    Advice,
    Cause,
    Choice,
    PendingReview,
    PreventionTip,
    Question,
    ReviewDates,
    RunningStage,
    Treatment,
)
from triage.models.rules import Condition, Rule
from triage.models.versions import ClinicalTestCase, RulesetVersion

__all__ = [
    "Advice",
    "AdviceKind",
    "Assessment",
    "Cause",
    "Choice",
    "ClinicalTestCase",
    "Condition",
    "Evidence",
    "Likelihood",
    "Match",
    "Operator",
    "PendingReview",
    "PreventionTip",
    "Question",
    "QuestionKind",
    "QuestionnaireStartDay",
    "ReviewDates",
    "Rule",
    "RuleKind",
    "RulesetVersion",
    "RunningStage",
    "Section",
    "Treatment",
    "Urgency",
]
