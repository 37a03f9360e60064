"""Request and response shapes of the public JSON API (triage.api), in the contract's slugs.

Every field carries a description: django-ninja turns these classes into the OpenAPI schema at
/api/v1/openapi.json, which is the only documentation a client developer may read. The output
schemas read their values straight from the engine's types and the content rows
(`from_attributes`); a `resolve_*` method says where a value is not an attribute of that name.
tests/triage/api/test_schemas.py checks that every engine field is either in the API or listed
as internal, so a new snapshot field cannot be left out of the API unnoticed.
"""

import datetime
import uuid
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import ConfigDict, Field, WithJsonSchema

from triage import engine
from triage.engine import contract
from triage.models import Evidence, Likelihood

# Literal[tuple] is Literal[*tuple]: the allowed values come from the contract, never a copy.
UrgencySlug = Literal[contract.URGENCIES]
QuestionKindSlug = Literal[engine.KINDS]
OperatorSlug = Literal[
    tuple(dict.fromkeys(op for ops in engine.OPERATORS_BY_KIND.values() for op in ops))
]
EvidenceSlug = Literal[tuple(Evidence.values)]
LikelihoodSlug = Literal[tuple(Likelihood.values)]

# The engine checks each answer against its question (kind, choices, range) and says what is
# wrong in words; letting pydantic coerce first would turn `true` into 1 and hide those messages.
# The JSON schema still tells clients which shapes an answer may take.
AnswerValue = Annotated[
    Any,
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "description": "A whole number, for a number question."},
                {"type": "string", "description": '"yes" or "no", or one choice slug.'},
                {
                    "type": "array",
                    "items": {"type": "string"},
                    "description": "Choice slugs, for a question with several choices.",
                },
            ]
        }
    ),
]


# --- Errors ---------------------------------------------------------------------------------


class MessageOut(Schema):
    message: str = Field(description="What went wrong, in a sentence a person can act on.")


class InvalidOut(Schema):
    message: str = Field(description="A summary: the request was refused and nothing stored.")
    errors: dict[str, str] = Field(
        description=(
            "One message per field. Keys are question slugs, or `answers`, `body` or the name "
            "of an unknown top-level field."
        ),
        examples=[
            {"age": "Enter a number from 10 to 100.", "fever": "This question is required."}
        ],
    )


# --- Questionnaire --------------------------------------------------------------------------


class ChoiceOut(Schema):
    slug: str = Field(description="The value to send in the answers.", examples=["female"])
    label: str = Field(description="What to show the runner.", examples=["Female"])


class ConditionOut(Schema):
    question: str = Field(description="Slug of the question the condition looks at.")
    operator: OperatorSlug = Field(
        description=(
            "eq / ne: the answer is / is not `value`. in / not_in: the answer is / is none of "
            "the comma-separated `value`. gte / lte: a number at least / at most `value`. "
            "includes / excludes / includes_any: a list of choices that has / lacks `value`, or "
            "has any of the comma-separated `value`. empty / not_empty: a list of choices with "
            "none / at least one chosen. An unanswered question never meets a condition."
        )
    )
    value: str = Field(description="The value compared with; empty for empty / not_empty.")


class QuestionOut(Schema):
    slug: str = Field(description="Key of this question in the answers.", examples=["age"])
    section: str = Field(description="Slug of the section the question belongs to.")
    kind: QuestionKindSlug = Field(
        description=(
            'number: a whole number. yes_no: "yes" or "no". single: one choice slug. '
            "multi: a list of choice slugs, possibly empty."
        )
    )
    text: str = Field(description="The question as shown to the runner.")
    help_text: str = Field(
        description="Extra explanation to show under the question; may be empty."
    )
    required: bool = Field(
        description=(
            "True when the question must be answered whenever it is shown. A required multi "
            "question needs at least one choice. Warning-sign questions are always required."
        )
    )
    choices: list[ChoiceOut] = Field(
        description="The allowed answers, in order (yes and no for yes_no; empty for number)."
    )
    min_value: int | None = Field(description="Lowest allowed number; null unless kind is number.")
    max_value: int | None = Field(
        description="Highest allowed number; null unless kind is number."
    )
    shown_when: ConditionOut | None = Field(
        description=(
            "Show (and accept) this question only when the condition holds on the other "
            "answers; null when always shown. Answers to hidden questions are ignored."
        )
    )

    @staticmethod
    def resolve_choices(question):
        return [{"slug": slug, "label": label} for slug, label in question.labels]


class SectionOut(Schema):
    slug: str = Field(examples=["warning_signs"], description="Section slug used by questions.")
    title: str = Field(examples=["Warning signs"], description="Heading to show the runner.")


class QuestionnaireOut(Schema):
    ruleset_version: int = Field(description="The published ruleset these questions belong to.")
    sections: list[SectionOut] = Field(description="Sections in the order they are first used.")
    questions: list[QuestionOut] = Field(description="Every published question, in order.")


class NextQuestionsOut(Schema):
    ruleset_version: int = Field(description="The published ruleset these questions belong to.")
    questions: list[QuestionOut] = Field(
        description=(
            "The questions not yet answered whose answer could still change the urgency or the "
            "three most likely causes, in questionnaire order; required questions and warning "
            "signs are always among them until answered. Empty when nothing is left to ask."
        )
    )


# --- Triage ---------------------------------------------------------------------------------


class TriageIn(Schema):
    model_config = ConfigDict(extra="forbid")

    answers: dict[str, AnswerValue] = Field(
        description=(
            "Question slug: answer, for every question that is shown (see GET "
            "/api/v1/questionnaire). Required questions must be present; a hidden question may "
            "be left out. Unknown slugs, wrong kinds and out-of-range numbers are refused."
        )
    )


def answers_json_schema(questions):
    """The JSON schema of `answers` for these questions: the one the server holds them to.

    Each question a property with its kind, choices and range, and no other key. TriageIn's
    own schema says only "an object" (its field is read as is, see AnswerValue); the API puts
    this one in its place, from the published questions (triage.api.TriageAPI). A question
    asked only under a condition is never listed as required: left out, it is refused only
    when its condition holds.
    """
    properties = {}
    required = []
    for question in sorted(questions, key=lambda question: question.order):
        always_asked = question.shown_when is None
        if question.required and always_asked:
            required.append(question.slug)
        properties[question.slug] = _answer_json_schema(question, always_asked)
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _answer_json_schema(question, always_asked):
    if question.kind == "number":
        schema = {"type": "integer", "minimum": question.min_value, "maximum": question.max_value}
        schema = {key: value for key, value in schema.items() if value is not None}
    elif question.kind == "yes_no":
        schema = {"type": "string", "enum": ["yes", "no"]}
    elif question.kind == "single":
        schema = {"type": "string", "enum": list(question.choices)}
    else:
        schema = {
            "type": "array",
            "items": {"type": "string", "enum": list(question.choices)},
            "uniqueItems": True,
        }
        if question.required and always_asked:
            schema["minItems"] = 1
    description = [question.text]
    if question.shown_when is not None:
        condition = question.shown_when
        words = " ".join(filter(None, [condition.question, condition.operator, condition.value]))
        description.append(f"Asked only when {words} (its shown_when in GET /questionnaire).")
        if question.required:
            description.append("Required when asked.")
    return {"description": " ".join(filter(None, description)), **schema}


class RedFlagOut(Schema):
    slug: str = Field(description="Slug of the warning-sign rule that fired.")
    title: str = Field(description="The warning sign, in plain words.")
    urgency: UrgencySlug = Field(description="How soon to get help because of this sign.")
    reason: str = Field(description="Why it matters, in words a runner understands.")


class PossibleCauseOut(Schema):
    slug: str = Field(description="Cause slug; see GET /api/v1/causes/{slug}.")
    name: str = Field(description="Name of the possible cause. Never a diagnosis.")
    likelihood: LikelihoodSlug = Field(
        description=(
            "How well the answers fit this possible cause. A serious cause is always "
            "to_rule_out: a doctor needs to check for it, whatever its score."
        )
    )
    score: float = Field(description="The score behind the ranking; higher fits better.")
    reasons: list[str] = Field(description='The answers that point to it ("You said ...").')
    reasons_against: list[str] = Field(
        default_factory=list, description="The answers that make it less likely."
    )
    serious: bool = Field(
        default=False, description="True for a serious cause, listed only after a warning sign."
    )


class StageOut(Schema):
    number: int = Field(description="Stage number, from 1.")
    title: str = Field(description="Short name of the stage, e.g. Walk.")
    activity: str = Field(description="What to do in this stage.")
    progress_when: str = Field(description="When to move on to the next stage.")


class AdviceOut(Schema):
    slug: str = Field(description="Advice slug.")
    title: str = Field(description="Heading of the advice.")
    body: str = Field(description="The advice: plain text, with Markdown lists.")
    kind: str = Field(
        default="",
        description="home_care, return_to_running, see_clinician or emergency_action.",
    )
    stages: list[StageOut] = Field(
        default_factory=list, description="The stages of a return-to-running plan; else empty."
    )


class PreventionOut(Schema):
    slug: str = Field(description="Prevention tip slug.")
    title: str = Field(description="Heading of the tip.")
    body: str = Field(description="The tip: plain text, with Markdown lists.")


class SafetyNetItemsOut(Schema):
    emergency: list[str] = Field(description="Signs that mean: call the emergency number now.")
    today: list[str] = Field(description="Signs that mean: speak to a doctor today.")


class TraceOut(Schema):
    """One rule that fired. The answers it read stay with the stored assessment, for editors:
    the API never sends a runner's answers back."""

    rule: str = Field(description="Slug of a rule that fired (or of an unanswered warning sign).")
    kind: str = Field(description="red_flag, evidence, advice, prevention, unanswered, ...")
    effect: str = Field(description="What the rule did, e.g. +2.5 to overuse.")


class ResultOut(Schema):
    urgency: UrgencySlug = Field(
        description=(
            "emergency: call the emergency number or go to an emergency department now. "
            "urgent: speak to a doctor today. soon: book a GP or physiotherapist within days "
            "to two weeks. self_care: look after it at home, watching the safety net."
        )
    )
    red_flags: list[RedFlagOut] = Field(description="Warning signs found, most urgent first.")
    causes: list[PossibleCauseOut] = Field(description="Possible causes, most likely first.")
    advice: list[AdviceOut] = Field(description="What to do now, fitting the urgency.")
    prevention: list[PreventionOut] = Field(description="How to keep back pain away.")
    safety_net: str = Field(description="When to get help sooner. Always show it.")
    safety_net_items: SafetyNetItemsOut | None = Field(
        default=None, description="The safety net as two lists, for pages that show bullets."
    )
    ruleset_version: int = Field(description="Number of the ruleset version that triaged.")
    disclaimer: str = Field(default="", description="Always show it: this is not a diagnosis.")
    trace: list[TraceOut] = Field(
        default_factory=list, description="Every rule that fired, for audit; not for runners."
    )


class AssessmentOut(Schema):
    id: uuid.UUID = Field(description="The assessment's id: GET /api/v1/assessments/{id}.")
    created: datetime.datetime = Field(description="When it was stored (ISO 8601, with zone).")
    result: ResultOut = Field(description="The triage result.")


# --- Causes ---------------------------------------------------------------------------------


class TreatmentOut(Schema):
    slug: str = Field(description="Treatment slug.")
    name: str = Field(description="Name of the treatment.")
    description: str = Field(description="What it is: plain text with Markdown lists.")
    pros: str = Field(description="What speaks for it: plain text with Markdown lists.")
    cons: str = Field(description="What speaks against it: plain text with Markdown lists.")
    evidence: EvidenceSlug = Field(description="The verdict of the evidence.")
    evidence_label: str = Field(description="The verdict in words, e.g. Worth considering.")
    guideline_note: str = Field(description="Where guidelines and popular advice disagree.")
    source: str = Field(description="Where the evidence comes from.")

    @staticmethod
    def resolve_evidence_label(treatment):
        return str(treatment.get_evidence_display())


class CauseOut(Schema):
    slug: str = Field(description="Cause slug, as in triage results.", examples=["overuse"])
    name: str = Field(description="Name of the possible cause.")
    summary: str = Field(description="One sentence about it.")
    description: str = Field(description="More about it: plain text with Markdown lists.")
    self_care: str = Field(description="What a runner can do: plain text with Markdown lists.")
    when_to_see_doctor: str = Field(description="When to get help: plain text.")
    serious: bool = Field(description="True for causes that always need a clinician.")
    sources: str = Field(description="Where the facts come from.")
    last_reviewed: datetime.date | None = Field(description="When a clinician last checked it.")
    next_review_due: datetime.date | None = Field(description="When it is due to be checked.")
    treatments: list[TreatmentOut] = Field(description="Treatments, with what the evidence says.")

    @staticmethod
    def resolve_serious(cause):
        return cause.is_serious

    @staticmethod
    def resolve_treatments(cause):
        return list(cause.treatments.all())
