"""Warning-sign rules of contract version 2 (KNOWLEDGE.md section 10), for test_red_flags.py:
rule slug: (answers that trigger it, a near miss that must not, expected urgency when it fires).
Combinations of risk answers: the aorta, infection without fever, fragility and falls, cancer,
the spinal cord, bone stress without a load spike, the kidney, non-mechanical and severe pain.
"""

S = "yes"
RISK = ["smoker"]
PK = ["painkillers"]
CASES_V2 = {
    "rf_aorta_older_constant": (
        {"age": 60, "pain_with_movement": "same_whatever_i_do"},
        {"age": 59, "pain_with_movement": "same_whatever_i_do"},
        "urgent",
    ),
    "rf_aorta_older_tummy": (
        {"age": 64, "pain_location": ["low_back_centre", "tummy"]},
        {"age": 64, "pain_location": ["low_back_centre"]},
        "urgent",
    ),
    "rf_aorta_older_first": (
        {"age": 70, "first_episode": "first_time", "duration": "under_1_week"},
        {"age": 70, "first_episode": "first_time", "duration": "over_12_weeks"},
        "urgent",
    ),
    "rf_aorta_older_worse_painkillers": (
        {"age": 74, "trend": "worse", "self_care_tried": PK, "self_care_helped": "no"},
        {"age": 74, "trend": "worse", "self_care_tried": PK, "self_care_helped": "yes"},
        "urgent",
    ),
    "rf_aorta_risk_constant": (
        {"age": 55, "vascular_risk": RISK, "pain_with_movement": "same_whatever_i_do"},
        {"age": 55, "vascular_risk": [], "pain_with_movement": "same_whatever_i_do"},
        "urgent",
    ),
    "rf_aorta_risk_tummy": (
        {"age": 52, "vascular_risk": ["high_blood_pressure"], "pain_location": ["tummy"]},
        {"age": 49, "pain_location": ["tummy"]},
        "urgent",
    ),
    "rf_aorta_risk_first": (
        {"age": 50, "vascular_risk": RISK, "first_episode": "first_time"},
        {"age": 50, "vascular_risk": RISK, "first_episode": "had_before"},
        "urgent",
    ),
    "rf_aorta_risk_worse_painkillers": (
        {
            "age": 58,
            "vascular_risk": ["family_aneurysm"],
            "trend": "worse",
            "self_care_tried": PK,
            "self_care_helped": "partly",
        },
        {"age": 58, "vascular_risk": [], "trend": "worse", "self_care_tried": PK},
        "urgent",
    ),
    "rf_aorta_known": (
        {"age": 66, "vascular_risk": ["known_aneurysm"]},
        {"age": 66, "vascular_risk": ["heart_or_circulation_disease"]},
        "urgent",
    ),
    "rf_aorta_pulsing": (
        {"age": 50, "other_symptoms": ["pulsing_in_tummy"]},
        {"age": 30, "other_symptoms": ["pulsing_in_tummy"]},
        "emergency",
    ),
    "rf_aorta_older_waves": (
        {"age": 61, "character": ["comes_in_waves"]},
        {"age": 45, "character": ["comes_in_waves"]},
        "urgent",
    ),
    "rf_infection_risk_constant": (
        {"infection_risk": S, "pain_with_movement": "same_whatever_i_do"},
        {"infection_risk": S, "pain_with_movement": "changes"},
        "urgent",
    ),
    "rf_infection_risk_worse": (
        {"infection_risk": S, "trend": "worse"},
        {"infection_risk": S, "trend": "improving"},
        "urgent",
    ),
    "rf_infection_risk_severe": (
        {"infection_risk": S, "severity": 7},
        {"infection_risk": S, "severity": 6},
        "urgent",
    ),
    "rf_diabetes_constant_severe": (
        {"diabetes": S, "pain_with_movement": "same_whatever_i_do", "severity": 8},
        {"diabetes": S, "pain_with_movement": "changes", "severity": 8},
        "urgent",
    ),
    "rf_diabetes_constant_worse": (
        {"diabetes": S, "pain_with_movement": "same_whatever_i_do", "trend": "worse"},
        {"diabetes": "no", "pain_with_movement": "same_whatever_i_do", "trend": "worse"},
        "urgent",
    ),
    "rf_diabetes_night_pain": (
        {"diabetes": S, "night_pain": S},
        {"diabetes": S, "wakes_second_half_night": S},
        "urgent",
    ),
    "rf_infection_risk_weak_worse": (
        {"infection_risk": S, "leg_weakness": "stable", "trend": "worse"},
        {"infection_risk": S, "leg_weakness": "none", "trend": "worse"},
        "emergency",
    ),
    "rf_infection_risk_weak_constant": (
        {
            "infection_risk": S,
            "leg_weakness": "stable",
            "pain_with_movement": "same_whatever_i_do",
        },
        {"infection_risk": S, "leg_weakness": "stable", "pain_with_movement": "changes"},
        "emergency",
    ),
    "rf_diabetes_constant_weak": (
        {"diabetes": S, "pain_with_movement": "same_whatever_i_do", "leg_weakness": "stable"},
        {"diabetes": S, "pain_with_movement": "changes", "leg_weakness": "stable"},
        "emergency",
    ),
    "rf_fall_from_height": (
        {"onset": "sudden", "onset_trigger": "fall_from_height"},
        {"onset": "sudden", "onset_trigger": "minor_fall"},
        "urgent",
    ),
    "rf_fall_from_height_legs": (
        {"onset_trigger": "fall_from_height", "leg_symptoms": "one_leg"},
        {"onset_trigger": "minor_fall", "leg_symptoms": "one_leg"},
        "emergency",
    ),
    "rf_fall_from_height_weak": (
        {"onset_trigger": "fall_from_height", "leg_weakness": "stable"},
        {"onset_trigger": "fall_from_height", "leg_weakness": "none"},
        "emergency",
    ),
    "rf_postmenopausal_strain": (
        {"sex": "female", "age": 65, "onset": "sudden", "onset_trigger": "lift_bend_twist"},
        {"sex": "female", "age": 65, "onset": "gradual", "onset_trigger": "lift_bend_twist"},
        "urgent",
    ),
    "rf_older_first_constant": (
        {"age": 52, "first_episode": "first_time", "pain_with_movement": "same_whatever_i_do"},
        {"age": 52, "first_episode": "had_before", "pain_with_movement": "same_whatever_i_do"},
        "urgent",
    ),
    "rf_older_not_improving": (
        {"age": 55, "first_episode": "first_time", "duration": "6_to_12_weeks"},
        {"age": 55, "first_episode": "first_time", "duration": "1_to_6_weeks"},
        "soon",
    ),
    "rf_unsteady_walking": ({"unsteady_walking": S}, {"leg_symptoms": "one_leg"}, "urgent"),
    "rf_unsteady_cancer": (
        {"unsteady_walking": S, "cancer_history": S},
        {"unsteady_walking": S},
        "emergency",
    ),
    "rf_unsteady_fever": (
        {"unsteady_walking": S, "fever": S},
        {"unsteady_walking": S, "infection_risk": S},
        "emergency",
    ),
    "rf_unsteady_both_legs": (
        {"unsteady_walking": S, "leg_symptoms": "both_legs"},
        {"unsteady_walking": S, "leg_symptoms": "one_leg"},
        "emergency",
    ),
    "rf_both_legs_worsening_cord": (
        {"both_legs_worsening": S},
        {"leg_symptoms": "both_legs", "duration": "over_12_weeks"},
        "emergency",
    ),
    "rf_high_volume_one_leg": (
        {"weekly_distance": "50_to_80km", "worse_with": ["one_leg_standing"]},
        {"weekly_distance": "20_to_50km", "worse_with": ["one_leg_standing"]},
        "soon",
    ),
    "rf_back_shape_fragility": (
        {"back_shape_change": S, "osteoporosis_or_steroids": S},
        {"osteoporosis_or_steroids": S},
        "urgent",
    ),
    "rf_kidney_colic": (
        {"character": ["comes_in_waves"], "other_symptoms": ["nausea_or_vomiting"]},
        {"character": ["ache"], "other_symptoms": ["nausea_or_vomiting"]},
        "urgent",
    ),
    "rf_kidney_side_waves": (
        {"pain_location": ["side_under_ribs"], "character": ["comes_in_waves"]},
        {"pain_location": ["side_under_ribs"], "character": ["ache"]},
        "urgent",
    ),
    "rf_kidney_side_restless": (
        {"pain_location": ["side_under_ribs"], "other_symptoms": ["cannot_keep_still"]},
        {"pain_location": ["low_back_centre"], "other_symptoms": ["cannot_keep_still"]},
        "urgent",
    ),
    "rf_kidney_fever_side": (
        {"fever": S, "pain_location": ["side_under_ribs"]},
        {"pain_location": ["side_under_ribs"]},
        "urgent",
    ),
    "rf_severe_leg_pain": (
        {"leg_symptoms": "one_leg", "severity": 7},
        {"leg_symptoms": "one_leg", "severity": 6},
        "soon",
    ),
    "rf_constant_pain": (
        {"pain_with_movement": "same_whatever_i_do"},
        {"pain_with_movement": "changes"},
        "soon",
    ),
    "rf_severe_despite_painkillers": (
        {"severity": 8, "self_care_tried": PK, "self_care_helped": "no"},
        {"severity": 7, "self_care_tried": PK, "self_care_helped": "no"},
        "urgent",
    ),
    "rf_stopped_life_despite_painkillers": (
        {"daily_impact": "stopped_daily_life", "self_care_tried": PK, "self_care_helped": "no"},
        {"daily_impact": "stopped_daily_life", "self_care_tried": PK, "self_care_helped": "yes"},
        "urgent",
    ),
}
BONY_SPOT_RISKS = {
    "volume": {"weekly_distance": "over_80km"},
    "fuel": {"under_fuelling": S},
    "periods": {"sex": "female", "periods_missed": S},
    "previous": {"previous_bone_stress": S},
}
for _risk, _answers in BONY_SPOT_RISKS.items():
    CASES_V2[f"rf_bony_spot_{_risk}"] = (
        {"pain_location": ["buttock"], "bony_spot": S, **_answers},
        {"pain_location": ["buttock"], "bony_spot": "no", **_answers},
        "soon",
    )
    CASES_V2[f"rf_groin_bony_spot_{_risk}"] = (
        {"pain_location": ["groin_or_front_hip"], "bony_spot": S, **_answers},
        {"pain_location": ["groin_or_front_hip"], "bony_spot": "no", **_answers},
        "urgent",
    )
