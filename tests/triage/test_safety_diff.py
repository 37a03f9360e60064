"""The safety diff: every way a new snapshot weakens a warning sign, in plain words."""

import copy

import pytest

from triage.engine.safety_diff import safety_diff
from triage.engine.words import condition_sentence, questions_of

SADDLE = "rf_saddle_numbness"
SADDLE_TITLE = "New numbness or tingling between your legs or around your bottom"


def _rule(snapshot, slug):
    return next(rule for rule in snapshot["rules"] if rule["slug"] == slug)


def lower_saddle(rule):
    rule["urgency"] = "soon"


def remove(snapshot, slug):
    snapshot["rules"] = [rule for rule in snapshot["rules"] if rule["slug"] != slug]


def changed(slug, change):
    """A change to one rule, as a function of a snapshot copy."""

    def apply(snapshot):
        change(_rule(snapshot, slug))

    return apply


def add_condition(rule):
    rule["conditions"].append({"question": "fever", "operator": "eq", "value": "yes"})


def serious_accident_all(rule):
    rule["match"] = "all"


def drop_value(rule):
    rule["conditions"][1]["value"] = "worsening"


def drop_any_condition(rule):
    rule["conditions"] = rule["conditions"][:1]


def raise_age(rule):
    rule["conditions"][0]["value"] = "75"  # "age at least 70" to 75: fewer runners


def lower_age_ceiling(rule):
    rule["conditions"][0]["value"] = "12"


def swap_operator(rule):
    rule["conditions"][0] = {"question": "age", "operator": "lte", "value": "70"}


def rule_out_a_duration(rule):
    rule["conditions"][1]["value"] = "under_1_week,1_to_6_weeks"  # ne under_1_week -> not_in two


def saddle_to_no(rule):
    rule["conditions"][0]["value"] = "no"


def drop_vascular_risk(rule):
    rule["conditions"][1]["value"] = "smoker,known_aneurysm"


def make_evidence(rule):
    rule["kind"] = "evidence"


NARROWING = [
    (changed(SADDLE, lower_saddle), "floor_lowered", f"{SADDLE_TITLE}: emergency → book soon"),
    (lambda s: remove(s, SADDLE), "removed", f"{SADDLE_TITLE}: no longer checked"),
    (changed(SADDLE, make_evidence), "removed", f"{SADDLE_TITLE}: no longer checked"),
    (changed(SADDLE, add_condition), "condition_added", "now also needs: Fever is: “Yes”"),
    (
        changed("rf_serious_accident", serious_accident_all),
        "match_narrowed",
        "now needs all of its conditions",
    ),
    (
        changed("rf_cancer_with_weakness", drop_value),
        "condition_narrowed",
        "no longer fires when leg weakness is: “Yes, but it is not getting worse”",
    ),
    (
        changed("rf_aorta_risk_tummy", drop_vascular_risk),
        "condition_narrowed",
        "no longer fires when vascular risk is one of:",
    ),
    (
        changed("rf_serious_accident", drop_any_condition),
        "condition_removed",
        "no longer fires on: Onset trigger is:",
    ),
    (
        changed("rf_older_fall", raise_age),
        "condition_narrowed",
        "Age threshold moved from 70 to 75",
    ),
    (
        changed("rf_under_16", lower_age_ceiling),
        "condition_narrowed",
        "Age threshold moved from 15 to 12",
    ),
    (
        changed("rf_older_fall", swap_operator),
        "condition_narrowed",
        "a condition changed from “Age is at least: “70”” to “Age is at most: “70””",
    ),
    (
        changed("rf_getting_worse", rule_out_a_duration),
        "condition_narrowed",
        "no longer fires when duration is: “1 to 6 weeks”",
    ),
    (
        changed(SADDLE, saddle_to_no),
        "condition_narrowed",
        "no longer fires when saddle numbness is: “Yes”",
    ),
]


@pytest.mark.parametrize(("change", "kind", "words"), NARROWING)
def test_each_kind_of_narrowing_is_a_safety_change_in_plain_words(
    default_snapshot, change, kind, words
):
    new = copy.deepcopy(default_snapshot)
    change(new)
    found = safety_diff(default_snapshot, new)
    assert [change.kind for change in found] == [kind]
    assert words in found[0].text
    assert "rf_" not in found[0].text and "_" not in found[0].text.split(":")[0]


def widen_any(rule):
    rule["conditions"].append({"question": "fever", "operator": "eq", "value": "yes"})


def add_value(rule):
    rule["conditions"][1]["value"] = "one_leg,both_legs,none"


def lower_age(rule):
    rule["conditions"][0]["value"] = "60"


def raise_floor(rule):
    rule["urgency"] = "emergency"


def any_match(rule):
    rule["match"] = "any"


def retitle(rule):
    rule["title"] = "Numbness in the saddle area"
    rule["reason"] = "Plainer words."


def eq_to_in(rule):
    rule["conditions"][0] = {"question": "saddle_numbness", "operator": "in", "value": "yes"}


def add_sign(snapshot):
    new = copy.deepcopy(_rule(snapshot, SADDLE))
    new["slug"] = "rf_new_sign"
    snapshot["rules"].append(new)


NOT_NARROWING = [
    ("an any rule gets another condition", changed("rf_serious_accident", widen_any)),
    ("an all rule loses a condition", changed("rf_fragility_fall", drop_any_condition)),
    ("a value is added to a list", changed("rf_cancer_with_leg_symptoms", add_value)),
    ("an at-least threshold is lowered", changed("rf_older_fall", lower_age)),
    ("a floor is raised", changed("rf_fever_infection_risk", raise_floor)),
    ("all becomes any", changed("rf_fragility_fall", any_match)),
    ("only the words change", changed(SADDLE, retitle)),
    ("is becomes is one of with the same value", changed(SADDLE, eq_to_in)),
    ("a warning sign is added", add_sign),
    ("an evidence rule is removed", lambda s: remove(s, "ev_overuse_sharp_load")),
]


@pytest.mark.parametrize(("story", "change"), NOT_NARROWING)
def test_widening_and_raising_are_not_safety_changes(default_snapshot, story, change):
    new = copy.deepcopy(default_snapshot)
    change(new)
    assert new != default_snapshot, story
    assert safety_diff(default_snapshot, new) == []


def test_the_same_snapshot_has_no_safety_changes(default_snapshot):
    assert safety_diff(default_snapshot, copy.deepcopy(default_snapshot)) == []


def test_two_changes_to_one_sign_are_both_listed(default_snapshot):
    new = copy.deepcopy(default_snapshot)
    rule = _rule(new, SADDLE)
    rule["urgency"] = "urgent"
    add_condition(rule)
    texts = [change.text for change in safety_diff(default_snapshot, new)]
    assert texts == [
        f"{SADDLE_TITLE}: emergency → see a doctor today",
        f"{SADDLE_TITLE}: now also needs: Fever is: “Yes”",
    ]


def test_a_condition_reads_as_a_sentence_with_the_answer_label(default_snapshot):
    questions = questions_of(default_snapshot)
    sentence = condition_sentence(
        {"question": "leg_weakness", "operator": "eq", "value": "stable"}, questions
    )
    assert sentence == "Leg weakness is: “Yes, but it is not getting worse”"
    listed = condition_sentence(
        {"question": "leg_symptoms", "operator": "in", "value": "one_leg,both_legs"}, questions
    )
    assert listed.startswith("Leg symptoms is one of: “") and " or “" in listed
