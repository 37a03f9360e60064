"""The runner's journey: the questionnaire pages, their forms and the answers kept between them.

- `views`: home, the steps, the result and the cause pages, the 500 page;
- `forms`: the step forms, built from the published ruleset's questions;
- `session`: the order of the steps, the answers in the session, the answer summary.
"""
