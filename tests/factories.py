from triage.engine import contract

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
} | {sign: "no" for sign in contract.WARNING_SIGNS}


def make_answers(**overrides):
    """Valid answers of a runner with no warning signs; overrides replace or add answers."""
    answers = dict(CALM_ANSWERS)
    answers.update(overrides)
    return answers
