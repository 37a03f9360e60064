"""Property tests: warning signs only ever raise the urgency (hazard H1)."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from triage import engine
from triage.engine import contract


def answers_strategy(ruleset):
    """Random valid answers for the default questionnaire, warning signs all "no"."""
    fields = {}
    for question in ruleset.questions:
        if question.section == "warning_signs":
            continue
        if question.kind == "number":
            strategy = st.integers(question.min_value, question.max_value)
        elif question.kind == "multi":
            strategy = st.lists(st.sampled_from(question.choices), unique=True, min_size=1)
        else:
            strategy = st.sampled_from(question.choices)
        fields[question.slug] = strategy if question.required else st.none() | strategy
    return st.fixed_dictionaries(fields).map(
        lambda raw: (
            {key: value for key, value in raw.items() if value is not None}
            | {sign: "no" for sign in contract.WARNING_SIGNS}
        )
    )


def sign_floor(ruleset, sign, answers):
    """The highest urgency of a warning-sign rule that fires with this sign alone switched on."""
    floors = [
        rule.urgency
        for rule in ruleset.rules
        if rule.kind == "red_flag"
        and any(c.question == sign for c in rule.conditions)
        and rule.fires(answers)
    ]
    return max(floors, key=engine.urgency_rank) if floors else "self_care"


def test_switching_any_warning_sign_on_never_lowers_the_urgency(default_ruleset):
    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
    @given(answers=answers_strategy(default_ruleset), sign=st.sampled_from(contract.WARNING_SIGNS))
    def check(answers, sign):
        clean = engine.validate_answers(default_ruleset, answers)
        before = engine.evaluate(default_ruleset, clean)["urgency"]
        flagged = engine.validate_answers(default_ruleset, answers | {sign: "yes"})
        after = engine.evaluate(default_ruleset, flagged)["urgency"]
        assert engine.urgency_rank(after) >= engine.urgency_rank(before)
        floor = sign_floor(default_ruleset, sign, flagged)
        assert engine.urgency_rank(after) >= engine.urgency_rank(floor)

    check()


def test_every_warning_sign_alone_lifts_a_calm_runner_to_at_least_book_soon(default_ruleset):
    # Infection risk and weak bones only raise concern together with other answers.
    modifiers = {"infection_risk", "osteoporosis_or_steroids"}
    from tests.factories import make_answers

    for sign in contract.WARNING_SIGNS:
        clean = engine.validate_answers(default_ruleset, make_answers(**{sign: "yes"}))
        urgency = engine.evaluate(default_ruleset, clean)["urgency"]
        if sign in modifiers:
            assert urgency == "self_care", sign
        else:
            assert engine.urgency_rank(urgency) >= engine.urgency_rank("urgent"), sign


def test_causes_are_ranked_serious_first_then_by_score_for_random_answers(default_ruleset):
    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(answers=answers_strategy(default_ruleset))
    def check(answers):
        result = engine.evaluate(
            default_ruleset, engine.validate_answers(default_ruleset, answers)
        )
        causes = result["causes"]
        floors = {}
        for flag in result["red_flags"]:
            if flag.get("cause"):
                floors[flag["cause"]] = engine.max_urgency(
                    floors.get(flag["cause"], "self_care"), flag["urgency"]
                )
        # A serious cause is listed only when a warning sign (or a combination of risk answers)
        # points to it, and is always to be ruled out, never a likelihood band.
        for cause in causes:
            if cause["serious"]:
                assert cause["slug"] in floors
                assert cause["likelihood"] == "to_rule_out"
        # One whose sign sets "today" or more comes first (hazard H6); the rest by score.
        opening = [
            cause
            for cause in causes
            if cause["serious"] and engine.urgency_rank(floors[cause["slug"]]) >= 2
        ]
        assert causes[: len(opening)] == opening
        scores = [cause["score"] for cause in causes[len(opening) :]]
        assert scores == sorted(scores, reverse=True)
        if opening:
            assert engine.urgency_rank(result["urgency"]) >= engine.urgency_rank("urgent")
        if result["urgency"] in ("urgent", "emergency"):
            kinds = {item["kind"] for item in result["advice"]}
            assert not kinds & {"home_care", "return_to_running"}

    check()


# Answers that raise concern in combination (contract v2, KNOWLEDGE.md section 10): kept out of a
# benign runner.
RISK_ANSWERS = {
    "vascular_risk",
    "diabetes",
    "first_episode",
    "pain_with_movement",
    "other_symptoms",
    "bony_spot",
    "character",
}


def _benign(answers):
    """The same runner without any answer that raises concern in combination."""
    benign = {key: value for key, value in answers.items() if key not in RISK_ANSWERS}
    # A fall from a height and a serious accident are warning signs whatever else is said.
    if benign["onset_trigger"] in ("fall_from_height", "serious_accident"):
        benign["onset_trigger"] = "run"
    benign["pain_location"] = [p for p in benign["pain_location"] if p != "tummy"] or ["buttock"]
    if benign["leg_symptoms"] == "both_legs":
        benign["leg_symptoms"] = "one_leg"
    # Age is a risk answer from 50 (the aorta, cancer, weak bones after the menopause).
    benign["age"] = min(benign["age"], 49)
    return benign


def test_a_serious_cause_is_never_listed_for_benign_answers_alone(default_ruleset):
    @settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
    @given(answers=answers_strategy(default_ruleset).map(_benign))
    def check(answers):
        clean = engine.validate_answers(default_ruleset, answers)
        result = engine.evaluate(default_ruleset, clean)
        assert not [cause["slug"] for cause in result["causes"] if cause["serious"]]

    check()
