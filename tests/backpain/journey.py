"""One runner's walk through the questionnaire, as form posts: (path, data) for each step."""

STEPS = [
    ("/check/about-you/", {"age": "35", "sex": "female"}, []),
    ("/check/warning-signs/", {"none": "on"}, []),
    ("/check/more-warning-signs/", {"none": "on"}, []),
    ("/check/running/", {"running_experience": "under_3_months", "load_change": "sharp"}, []),
    (
        "/check/pain/",
        {
            "pain_location": ["low_back_centre"],
            "onset": "gradual",
            "onset_trigger": "run",
            "duration": "1_to_6_weeks",
            "trend": "same",
            "severity": "5",
            "leg_symptoms": "none",
            "leg_weakness": "none",
            "daily_impact": "stopped_running",
        },
        [],
    ),
    (
        "/check/more/",
        {
            "pregnant_or_postpartum": "no",
            "character": ["ache"],
            "worse_with": ["running"],
            "eased_by": ["rest"],
        },
        ["self_care_helped"],
    ),
]
LAST_STEP = STEPS[-1][0]


def step_data(data, asked):
    return {**data, "asked": asked}


def walk_to_last_step(client):
    for path, data, asked in STEPS[:-1]:
        response = client.post(path, step_data(data, asked))
        assert response.status_code == 302, response.content.decode()[:2000]


def finish(client):
    path, data, asked = STEPS[-1]
    return client.post(path, step_data(data, asked))
