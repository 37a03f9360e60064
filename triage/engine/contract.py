"""The public contract of ../shared/clinical/QUESTIONNAIRE.md, as data.

Editors may add questions, choices, causes and rules; the system check (triage.checks) refuses
content that drops or changes anything listed here.
"""

URGENCIES = ("self_care", "soon", "urgent", "emergency")

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
)

YES_NO = ("yes", "no")

# slug: (kind, choices, (min, max) or None, required)
QUESTIONS = {
    "age": ("number", (), (10, 100), True),
    "sex": ("single", ("female", "male", "other"), None, True),
    "pregnant_or_postpartum": ("yes_no", YES_NO, None, False),
    "weight_above_healthy": ("single", ("yes", "no", "not_sure"), None, False),
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
        ),
        None,
        True,
    ),
    "onset": ("single", ("sudden", "gradual"), None, True),
    "onset_trigger": (
        "single",
        ("run", "lift_bend_twist", "minor_fall", "serious_accident", "none"),
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
        ("ache", "sharp", "shooting", "burning", "stiffness", "heaviness"),
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
    "spinal_fracture",
    "spinal_infection",
    "spinal_cancer",
    "aortic_aneurysm",
    "kidney_problem",
    "heart_or_aorta",
)
