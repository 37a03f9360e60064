"""The public contract of ../shared/clinical/QUESTIONNAIRE.md, as data.

Editors may add questions, choices, causes and rules; the system check (triage.checks) refuses
content that drops or changes anything listed here.
"""

VERSION = 2

URGENCIES = ("self_care", "soon", "urgent", "emergency")

# A serious cause is never given a likelihood band: a doctor needs to rule it out (v2).
LIKELIHOODS = ("high", "moderate", "low", "to_rule_out")

WARNING_SIGNS = (
    "saddle_numbness",
    "bladder_change",
    "bowel_change",
    "sexual_change",
    "both_legs_worsening",
    "serious_accident",
    "sudden_tearing_pain",
    "chest_pain",
    "fever",
    "cancer_history",
    "weight_loss",
    "night_pain",
    "osteoporosis_or_steroids",
    "infection_risk",
    "back_shape_change",
    "urinary_symptoms",
    "groin_pain_weight_bearing",
    "unsteady_walking",
)

YES_NO = ("yes", "no")

# slug: (kind, choices, (min, max) or None, required)
QUESTIONS = {
    "age": ("number", (), (10, 100), True),
    "sex": ("single", ("female", "male", "other"), None, True),
    "pregnant_or_postpartum": ("yes_no", YES_NO, None, False),
    "weight_above_healthy": ("single", ("yes", "no", "not_sure"), None, False),
    "diabetes": ("yes_no", YES_NO, None, False),
    "vascular_risk": (
        "multi",
        (
            "smoker",
            "known_aneurysm",
            "heart_or_circulation_disease",
            "high_blood_pressure",
            "family_aneurysm",
        ),
        None,
        False,
    ),
    "first_episode": ("single", ("first_time", "had_before"), None, False),
    "running_experience": (
        "single",
        ("under_3_months", "3_to_12_months", "over_1_year"),
        None,
        True,
    ),
    "load_change": ("single", ("none", "gradual", "sharp", "reduced"), None, True),
    "running_surface": ("single", ("road", "track", "trail", "treadmill", "mixed"), None, False),
    "shoes_worn": ("single", ("yes", "no", "not_sure"), None, False),
    "strength_training": ("yes_no", YES_NO, None, False),
    "warm_up": ("yes_no", YES_NO, None, False),
    "form_issue": ("single", ("yes", "no", "not_sure"), None, False),
    "previous_bone_stress": ("yes_no", YES_NO, None, False),
    "periods_missed": ("yes_no", YES_NO, None, False),
    "under_fuelling": ("yes_no", YES_NO, None, False),
    "weekly_distance": (
        "single",
        ("under_20km", "20_to_50km", "50_to_80km", "over_80km"),
        None,
        False,
    ),
    "pain_location": (
        "multi",
        (
            "low_back_centre",
            "low_back_one_side",
            "pelvic_dimple",
            "buttock",
            "back_of_thigh",
            "below_knee",
            "groin_or_front_hip",
            "side_under_ribs",
            "between_shoulder_blades",
            "tummy",
        ),
        None,
        True,
    ),
    "onset": ("single", ("sudden", "gradual"), None, True),
    "onset_trigger": (
        "single",
        ("run", "lift_bend_twist", "minor_fall", "fall_from_height", "serious_accident", "none"),
        None,
        True,
    ),
    "duration": (
        "single",
        ("under_1_week", "1_to_6_weeks", "6_to_12_weeks", "over_12_weeks"),
        None,
        True,
    ),
    "trend": ("single", ("improving", "same", "worse"), None, True),
    "severity": ("number", (), (0, 10), True),
    "character": (
        "multi",
        ("ache", "sharp", "shooting", "burning", "stiffness", "heaviness", "comes_in_waves"),
        None,
        False,
    ),
    "pain_with_movement": ("single", ("changes", "same_whatever_i_do"), None, False),
    "bony_spot": ("yes_no", YES_NO, None, False),
    "other_symptoms": (
        "multi",
        ("nausea_or_vomiting", "cannot_keep_still", "pulsing_in_tummy"),
        None,
        False,
    ),
    "worse_with": (
        "multi",
        (
            "bending_forward",
            "arching_back",
            "twisting",
            "sitting",
            "standing_long",
            "walking",
            "running",
            "downhill",
            "stairs",
            "one_leg_standing",
            "rolling_in_bed",
            "cough_sneeze",
            "rest",
        ),
        None,
        False,
    ),
    "eased_by": (
        "multi",
        ("rest", "sitting", "bending_forward", "moving", "lying_down", "exercise", "nothing"),
        None,
        False,
    ),
    "morning_stiffness": ("single", ("none", "under_30_min", "over_30_min"), None, False),
    "wakes_second_half_night": ("yes_no", YES_NO, None, False),
    "leg_symptoms": ("single", ("none", "one_leg", "both_legs"), None, True),
    "walking_leg_symptoms": (
        "single",
        ("no", "eases_sitting_or_bending", "eases_standing_still"),
        None,
        False,
    ),
    "leg_weakness": ("single", ("none", "stable", "worsening"), None, True),
    "spa_features": (
        "multi",
        ("alternating_buttock", "ibuprofen_helps", "psoriasis_bowel_eye", "family_history"),
        None,
        False,
    ),
    "self_care_tried": (
        "multi",
        ("rest", "ice", "heat", "stretching", "strengthening", "painkillers", "physiotherapy"),
        None,
        False,
    ),
    "self_care_helped": ("single", ("yes", "partly", "no"), None, False),
    "daily_impact": (
        "single",
        ("none", "some", "stopped_running", "stopped_daily_life"),
        None,
        True,
    ),
} | {slug: ("yes_no", YES_NO, None, True) for slug in WARNING_SIGNS}

# slug: (question, operator, value) of the condition under which it is shown
SHOWN_WHEN = {
    "pregnant_or_postpartum": ("sex", "eq", "female"),
    "periods_missed": ("sex", "eq", "female"),
    "self_care_helped": ("self_care_tried", "not_empty", ""),
    "vascular_risk": ("age", "gte", "50"),
    "bony_spot": (
        "pain_location",
        "includes_any",
        "low_back_one_side,pelvic_dimple,buttock,groin_or_front_hip",
    ),
}

RUNNER_CAUSES = (
    "muscle_strain",
    "overuse",
    "poor_form",
    "tight_or_weak_muscles",
    "disc_herniation",
    "sciatica",
    "spinal_stenosis",
    "facet_joint",
    "axial_spondyloarthritis",
    "si_joint",
    "piriformis_syndrome",
    "spondylolysis",
    "sacral_stress_fracture",
    "femoral_neck_stress_fracture",
    "hamstring_tendinopathy",
    "vascular_claudication",
)

SERIOUS_CAUSES = (
    "cauda_equina_syndrome",
    "spinal_cord_compression",
    "spinal_fracture",
    "spinal_infection",
    "spinal_cancer",
    "aortic_aneurysm",
    "kidney_problem",
    "heart_or_aorta",
)

# A runner with no warning sign and nothing that raises concern: the base of generated test
# cases (triage.engine.sign_cases) and of the tests' answer builder.
CALM_ANSWERS = {
    "age": 35,
    "sex": "male",
    "running_experience": "over_1_year",
    "load_change": "none",
    "pain_location": ["low_back_centre"],
    "onset": "gradual",
    "onset_trigger": "none",
    "duration": "1_to_6_weeks",
    "trend": "same",
    "severity": 4,
    "leg_symptoms": "none",
    "leg_weakness": "none",
    "daily_impact": "some",
} | {sign: "no" for sign in WARNING_SIGNS}
