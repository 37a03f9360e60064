"""Every warning-sign rule of the default content: it fires, a near miss does not, absent does not.

Clinical routing must never regress silently (hazards H1, H2, H5 of KNOWLEDGE.md section 7).
"""

import pytest

from tests.factories import make_answers
from tests.triage.red_flag_cases_v2 import CASES_V2
from triage import engine

S = "yes"
# rule slug: (answers that trigger it, a near miss that must not, expected urgency when it fires)
CASES = {
    "rf_saddle_numbness": (
        {"saddle_numbness": S},
        {"leg_symptoms": "one_leg", "pain_location": ["low_back_one_side", "below_knee"]},
        "emergency",
    ),
    "rf_bladder_change": ({"bladder_change": S}, {"urinary_symptoms": S}, "emergency"),
    "rf_bowel_change": ({"bowel_change": S}, {"daily_impact": "stopped_daily_life"}, "emergency"),
    "rf_sexual_change": ({"sexual_change": S}, {"severity": 8}, "emergency"),
    "rf_both_legs_worsening": (
        {"both_legs_worsening": S},
        {"leg_symptoms": "both_legs"},
        "emergency",
    ),
    "rf_both_legs_weakening": (
        {"leg_symptoms": "both_legs", "leg_weakness": "worsening"},
        {"leg_symptoms": "one_leg", "leg_weakness": "worsening"},
        "emergency",
    ),
    "rf_serious_accident": (
        {"serious_accident": S},
        {"onset": "sudden", "onset_trigger": "minor_fall"},
        "emergency",
    ),
    "rf_sudden_tearing_pain": (
        {"sudden_tearing_pain": S},
        {"onset": "sudden", "severity": 10},
        "emergency",
    ),
    "rf_chest_pain": (
        {"chest_pain": S},
        {"pain_location": ["between_shoulder_blades"]},
        "emergency",
    ),
    "rf_cancer_with_weakness": (
        {"cancer_history": S, "leg_weakness": "stable"},
        {"cancer_history": S},
        "emergency",
    ),
    "rf_fever_with_weakness": (
        {"fever": S, "leg_weakness": "worsening"},
        {"fever": S},
        "emergency",
    ),
    "rf_cancer_with_leg_symptoms": (
        {"cancer_history": S, "leg_symptoms": "one_leg"},
        {"cancer_history": S, "leg_symptoms": "none"},
        "emergency",
    ),
    "rf_cancer_with_walking_trouble": (
        {"cancer_history": S, "walking_leg_symptoms": "eases_sitting_or_bending"},
        {"cancer_history": S, "walking_leg_symptoms": "no"},
        "emergency",
    ),
    "rf_fever_with_leg_symptoms": (
        {"fever": S, "leg_symptoms": "both_legs"},
        {"fever": S, "leg_symptoms": "none"},
        "emergency",
    ),
    "rf_fever": ({"fever": S}, {"infection_risk": S}, "urgent"),
    "rf_fever_infection_risk": (
        {"fever": S, "infection_risk": S},
        {"infection_risk": S},
        "urgent",
    ),
    "rf_cancer_history": ({"cancer_history": S}, {"age": 75}, "urgent"),
    "rf_weight_loss": ({"weight_loss": S}, {"under_fuelling": S}, "urgent"),
    "rf_night_pain": ({"night_pain": S}, {"wakes_second_half_night": S}, "urgent"),
    "rf_night_pain_infection_risk": (
        {"night_pain": S, "infection_risk": S},
        {"night_pain": S},
        "urgent",
    ),
    "rf_back_shape_change": ({"back_shape_change": S}, {"character": ["stiffness"]}, "urgent"),
    "rf_fragility_fall": (
        {"osteoporosis_or_steroids": S, "onset_trigger": "minor_fall"},
        {"onset_trigger": "minor_fall"},
        "urgent",
    ),
    "rf_fragility_sudden": (
        {"osteoporosis_or_steroids": S, "onset": "sudden"},
        {"osteoporosis_or_steroids": S, "onset": "gradual"},
        "urgent",
    ),
    "rf_older_fall": (
        {"age": 70, "onset_trigger": "lift_bend_twist"},
        {"age": 69, "onset_trigger": "minor_fall"},
        "urgent",
    ),
    "rf_urinary_symptoms": (
        {"urinary_symptoms": S},
        {"pain_location": ["side_under_ribs"]},
        "urgent",
    ),
    "rf_groin_pain_weight_bearing": (
        {"groin_pain_weight_bearing": S},
        {"pain_location": ["groin_or_front_hip"]},
        "urgent",
    ),
    "rf_leg_weakness_worsening": (
        {"leg_symptoms": "one_leg", "leg_weakness": "worsening"},
        {"leg_symptoms": "one_leg", "leg_weakness": "stable"},
        "urgent",
    ),
    "rf_upper_back_pain": (
        {"pain_location": ["between_shoulder_blades"]},
        {"pain_location": ["low_back_centre", "low_back_one_side"]},
        "urgent",
    ),
    "rf_severe_pain_stopping_life": (
        {"severity": 9, "daily_impact": "stopped_daily_life"},
        {"severity": 8, "daily_impact": "stopped_daily_life"},
        "urgent",
    ),
    # New (under 6 weeks): today. Long-standing: book soon (contract v2, KNOWLEDGE section 10).
    "rf_new_both_legs": (
        {"leg_symptoms": "both_legs", "duration": "1_to_6_weeks"},
        {"leg_symptoms": "both_legs", "duration": "6_to_12_weeks"},
        "urgent",
    ),
    "rf_both_legs": (
        {"leg_symptoms": "both_legs", "duration": "over_12_weeks"},
        {"leg_symptoms": "one_leg", "duration": "over_12_weeks"},
        "soon",
    ),
    "rf_leg_weakness": ({"leg_weakness": "stable"}, {"leg_symptoms": "one_leg"}, "soon"),
    "rf_not_improving": (
        {"duration": "6_to_12_weeks", "trend": "same"},
        {"duration": "6_to_12_weeks", "trend": "improving"},
        "soon",
    ),
    "rf_getting_worse": (
        {"trend": "worse", "duration": "1_to_6_weeks"},
        {"trend": "worse", "duration": "under_1_week"},
        "soon",
    ),
    "rf_stopping_daily_life": (
        {"daily_impact": "stopped_daily_life"},
        {"daily_impact": "stopped_running"},
        "soon",
    ),
    "rf_self_care_failed": (
        {"self_care_tried": ["rest"], "self_care_helped": "no"},
        {"self_care_tried": ["rest"], "self_care_helped": "partly"},
        "soon",
    ),
    "rf_adolescent_extension": (
        {"age": 19, "worse_with": ["arching_back"]},
        {"age": 20, "worse_with": ["arching_back"]},
        "soon",
    ),
    "rf_under_16": ({"age": 15}, {"age": 16}, "soon"),
    "rf_missed_periods": (
        {"sex": "female", "periods_missed": S},
        {"sex": "female", "periods_missed": "no"},
        "soon",
    ),
    "rf_bone_stress_load": (
        {"worse_with": ["one_leg_standing"], "load_change": "sharp"},
        {"worse_with": ["one_leg_standing"], "load_change": "gradual"},
        "soon",
    ),
    "rf_bone_stress_history": (
        {"worse_with": ["one_leg_standing"], "previous_bone_stress": S},
        {"worse_with": ["running"], "previous_bone_stress": S},
        "soon",
    ),
    "rf_bone_stress_fuel": (
        {"worse_with": ["one_leg_standing"], "under_fuelling": S},
        {"worse_with": ["stairs"], "under_fuelling": S},
        "soon",
    ),
    "rf_inflammatory_pattern": (
        {
            "age": 30,
            "duration": "over_12_weeks",
            "morning_stiffness": "over_30_min",
            "trend": "improving",
        },
        {
            "age": 30,
            "duration": "over_12_weeks",
            "morning_stiffness": "under_30_min",
            "trend": "improving",
        },
        "soon",
    ),
    "rf_neurogenic_claudication": (
        {"walking_leg_symptoms": "eases_sitting_or_bending"},
        {"walking_leg_symptoms": "no"},
        "soon",
    ),
    "rf_vascular_claudication": (
        {"walking_leg_symptoms": "eases_standing_still"},
        {"walking_leg_symptoms": "no"},
        "soon",
    ),
}


CASES |= CASES_V2


def triage(ruleset, **overrides):
    clean = engine.validate_answers(ruleset, make_answers(**overrides))
    return engine.evaluate(ruleset, clean)


def fired(result):
    return {flag["slug"] for flag in result["red_flags"]}


def test_every_warning_sign_rule_of_the_default_content_has_cases(default_ruleset):
    slugs = {rule.slug for rule in default_ruleset.rules if rule.kind == "red_flag"}
    assert slugs == set(CASES)


@pytest.mark.parametrize("slug", CASES)
def test_warning_sign_fires_and_sets_its_urgency(default_ruleset, slug):
    trigger, _, urgency = CASES[slug]
    result = triage(default_ruleset, **trigger)
    assert slug in fired(result)
    assert result["urgency"] == urgency


@pytest.mark.parametrize("slug", CASES)
def test_near_miss_does_not_fire_the_warning_sign(default_ruleset, slug):
    _, near_miss, urgency = CASES[slug]
    result = triage(default_ruleset, **near_miss)
    assert slug not in fired(result)


@pytest.mark.parametrize("slug", CASES)
def test_absent_warning_sign_does_not_fire(default_ruleset, slug):
    result = triage(default_ruleset)
    assert slug not in fired(result)
    assert result["urgency"] == "self_care"


@pytest.mark.parametrize(
    ("near_miss", "ceiling"),
    [
        ({"leg_symptoms": "one_leg", "pain_location": ["below_knee"]}, "self_care"),
        ({"infection_risk": S}, "self_care"),
        ({"pain_location": ["groin_or_front_hip"]}, "self_care"),
        ({"onset": "sudden", "onset_trigger": "minor_fall"}, "self_care"),
        ({"leg_symptoms": "both_legs", "duration": "over_12_weeks"}, "soon"),
        ({"leg_symptoms": "both_legs", "duration": "under_1_week"}, "urgent"),
        ({"cancer_history": S}, "urgent"),
    ],
)
def test_near_misses_are_not_over_triaged(default_ruleset, near_miss, ceiling):
    result = triage(default_ruleset, **near_miss)
    assert engine.urgency_rank(result["urgency"]) <= engine.urgency_rank(ceiling)


def test_serious_accident_counts_from_the_onset_question_too(default_ruleset):
    result = triage(default_ruleset, onset="sudden", onset_trigger="serious_accident")
    assert result["urgency"] == "emergency"
    assert result["causes"][0]["slug"] == "spinal_fracture"


def test_emergency_results_carry_no_home_care_exercise_or_prevention(default_ruleset):
    result = triage(
        default_ruleset, saddle_numbness=S, strength_training="no", load_change="sharp"
    )
    assert {item["kind"] for item in result["advice"]} == {"emergency_action"}
    assert result["prevention"] == []


@pytest.mark.parametrize("slug", ["rf_fever", "rf_cancer_history", "rf_groin_pain_weight_bearing"])
def test_urgent_results_carry_no_exercise_plan(default_ruleset, slug):
    result = triage(default_ruleset, **CASES[slug][0])
    kinds = {item["kind"] for item in result["advice"]}
    assert not kinds & {"home_care", "return_to_running"}
    assert result["prevention"] == []


def test_heat_advice_is_never_given_with_leg_numbness(default_ruleset):
    result = triage(default_ruleset, leg_symptoms="one_leg", pain_location=["below_knee"])
    assert "heat_for_comfort" not in [item["slug"] for item in result["advice"]]
    assert "heat_for_comfort" in [item["slug"] for item in triage(default_ruleset)["advice"]]


def test_every_result_repeats_what_would_make_it_an_emergency(default_ruleset):
    for overrides in ({}, {"fever": S}, {"saddle_numbness": S}):
        net = triage(default_ruleset, **overrides)["safety_net"]
        assert "Call 999" in net
        assert "between your legs or around your bottom" in net
