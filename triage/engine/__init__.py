"""The triage rules engine: pure Python, no Django. Answers in, a result out.

- `types`: the compiled ruleset's dataclasses, which define the snapshot's shape;
- `answers`: validating raw answers;
- `evaluate`: triage;
- `problems`: content the engine cannot run safely;
- `contract`: the slugs of ../shared/clinical/QUESTIONNAIRE.md.
"""

from triage.engine.answers import InvalidAnswers, clean_value, is_shown, validate_answers
from triage.engine.evaluate import DISCLAIMER, evaluate, safety_net
from triage.engine.problems import problems
from triage.engine.types import (
    KINDS,
    LIST_OPERATORS,
    OPERATORS_BY_KIND,
    RULE_KINDS,
    URGENCY_ORDER,
    VALUELESS_OPERATORS,
    Advice,
    Cause,
    Condition,
    Question,
    Rule,
    Ruleset,
    Tip,
    max_urgency,
    split_values,
    urgency_rank,
)

__all__ = [
    "DISCLAIMER",
    "KINDS",
    "LIST_OPERATORS",
    "OPERATORS_BY_KIND",
    "RULE_KINDS",
    "URGENCY_ORDER",
    "VALUELESS_OPERATORS",
    "Advice",
    "Cause",
    "Condition",
    "InvalidAnswers",
    "Question",
    "Rule",
    "Ruleset",
    "Tip",
    "clean_value",
    "evaluate",
    "is_shown",
    "max_urgency",
    "problems",
    "safety_net",
    "split_values",
    "urgency_rank",
    "validate_answers",
]
