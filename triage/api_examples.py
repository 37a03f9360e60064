"""The example request and response shown in the API docs.

tests/triage/test_api.py sends EXAMPLE_REQUEST and checks EXAMPLE_ASSESSMENT against the
response schema, so the docs cannot drift from what the API accepts and answers.
"""

EXAMPLE_REQUEST = {
    "answers": {
        "age": 34,
        "sex": "female",
        "running_experience": "over_1_year",
        "load_change": "sharp",
        "pain_location": ["low_back_centre"],
        "onset": "gradual",
        "onset_trigger": "run",
        "duration": "1_to_6_weeks",
        "trend": "same",
        "severity": 4,
        "leg_symptoms": "none",
        "leg_weakness": "none",
        "daily_impact": "some",
        "saddle_numbness": "no",
        "bladder_change": "no",
        "bowel_change": "no",
        "sexual_change": "no",
        "both_legs_worsening": "no",
        "serious_accident": "no",
        "sudden_tearing_pain": "no",
        "chest_pain": "no",
        "fever": "no",
        "cancer_history": "no",
        "weight_loss": "no",
        "night_pain": "no",
        "osteoporosis_or_steroids": "no",
        "infection_risk": "no",
        "back_shape_change": "no",
        "urinary_symptoms": "no",
        "groin_pain_weight_bearing": "no",
        "unsteady_walking": "no",
    }
}

# What the default content answers to EXAMPLE_REQUEST, shortened to one item per list.
EXAMPLE_ASSESSMENT = {
    "id": "0b7e6f2a-3c1d-4e5f-8a9b-1c2d3e4f5a6b",
    "created": "2026-05-04T09:30:00+01:00",
    "result": {
        "urgency": "self_care",
        "red_flags": [],
        "causes": [
            {
                "slug": "overuse",
                "name": "Overuse (doing too much too soon)",
                "likelihood": "high",
                "score": 5.0,
                "reasons": [
                    "You said you recently ran a lot more, or added speed work, hills or long "
                    "runs.",
                    "You said the pain came on gradually.",
                ],
                "serious": False,
            }
        ],
        "advice": [
            {
                "slug": "keep_moving",
                "title": "Keep moving",
                "body": "Most back pain gets a lot better within a few weeks.\n\n"
                "- Stay as active as you can. Walking is one of the best things you can do.\n",
                "kind": "home_care",
                "stages": [],
            }
        ],
        "prevention": [
            {
                "slug": "build_load_gradually",
                "title": "Build up your running slowly",
                "body": "- Avoid adding more than about a third to your weekly running in any "
                "two weeks.\n",
            }
        ],
        "safety_net": "Call 999 or go to A&E now if you get any of these. New numbness or "
        "tingling between your legs or around your bottom. ... Speak to a doctor today, or call "
        "111, if any of these happen. You get a high temperature, shivers, or feel very unwell. "
        "...",
        "ruleset_version": 1,
        "disclaimer": "This check lists possible causes and how soon to get help. It is not a "
        "diagnosis. Only a doctor, nurse or physio who examines you can tell what is causing "
        "your pain.",
        "trace": [
            {
                "rule": "ev_overuse_sharp_load",
                "kind": "evidence",
                "answers": {"load_change": "sharp"},
                "effect": "+2.5 to overuse",
            }
        ],
    },
}

EXAMPLE_INVALID = {
    "message": "Nothing was stored: fix what errors lists, then send again.",
    "errors": {
        "age": "Enter a number from 10 to 100.",
        "fever": "This question is required.",
        "favourite_colour": "Unknown question.",
    },
}
