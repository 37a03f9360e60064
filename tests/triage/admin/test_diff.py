import copy

from triage.admin.diff import snapshot_diff


def sections(diff):
    return {section.key: section for section in diff}


def test_the_same_snapshot_has_no_differences(default_snapshot):
    assert all(section.is_empty for section in snapshot_diff(default_snapshot, default_snapshot))


def test_a_diff_names_an_added_and_a_removed_rule(default_snapshot):
    new = copy.deepcopy(default_snapshot)
    removed = new["rules"].pop(0)
    added = {
        "slug": "ev_new_rule",
        "kind": "evidence",
        "title": "A new rule",
        "conditions": [{"question": "onset", "operator": "eq", "value": "sudden"}],
        "cause": "muscle_strain",
        "weight": 1.0,
    }
    new["rules"].append(added)
    rules = sections(snapshot_diff(default_snapshot, new))["rules"]
    assert rules.added == (("ev_new_rule", "A new rule"),)
    assert rules.removed == ((removed["slug"], removed["title"]),)
    assert rules.changed == ()
    assert all(
        section.is_empty
        for key, section in sections(snapshot_diff(default_snapshot, new)).items()
        if key != "rules"
    )


def test_a_changed_weight_and_condition_are_shown_field_by_field(default_snapshot):
    new = copy.deepcopy(default_snapshot)
    rule = next(r for r in new["rules"] if r["slug"] == "rf_saddle_numbness")
    rule["weight"] = 9.0
    rule["conditions"].append({"question": "leg_weakness", "operator": "eq", "value": "worsening"})
    (change,) = sections(snapshot_diff(default_snapshot, new))["rules"].changed
    assert change.slug == "rf_saddle_numbness"
    fields = {field.name: field for field in change.fields}
    assert set(fields) == {"weight", "conditions"}
    assert (fields["weight"].old, fields["weight"].new) == ("6.0", "9.0")
    assert fields["conditions"].added == ("Leg weakness is: “Yes, and it is getting worse”",)
    assert fields["conditions"].removed == ()


def test_questions_causes_advice_and_prevention_are_compared_too(default_snapshot):
    new = copy.deepcopy(default_snapshot)
    new["questions"][0]["text"] = "How old are you now?"
    new["causes"].pop()
    new["advice"][0]["title"] = "A new title"
    new["prevention"].append({"slug": "tip_sleep", "title": "Sleep well", "body": "Sleep."})
    diff = sections(snapshot_diff(default_snapshot, new))
    assert diff["questions"].changed[0].fields[0].new == "How old are you now?"
    assert diff["causes"].removed == (
        (default_snapshot["causes"][-1]["slug"], default_snapshot["causes"][-1]["name"]),
    )
    assert diff["advice"].changed[0].fields[0].name == "title"
    assert diff["prevention"].added == (("tip_sleep", "Sleep well"),)


def test_a_removed_choice_is_listed_as_removed(default_snapshot):
    new = copy.deepcopy(default_snapshot)
    question = next(q for q in new["questions"] if q["slug"] == "running_surface")
    question["choices"].remove("trail")
    del question["choice_labels"]["trail"]
    (change,) = sections(snapshot_diff(default_snapshot, new))["questions"].changed
    fields = {field.name: field for field in change.fields}
    assert fields["choices"].removed == ("trail",)
    assert fields["choice labels"].removed[0].startswith("trail: ")


def test_comparing_with_nothing_lists_everything_as_added(default_snapshot):
    rules = sections(snapshot_diff({}, default_snapshot))["rules"]
    assert len(rules.added) == len(default_snapshot["rules"])


def test_an_added_or_changed_rule_shows_its_conditions_and_effect_in_words(default_snapshot):
    new = copy.deepcopy(default_snapshot)
    saddle = next(r for r in new["rules"] if r["slug"] == "rf_saddle_numbness")
    saddle["urgency"] = "urgent"
    new["rules"].append(
        {
            "slug": "ev_weak_leg",
            "kind": "evidence",
            "title": "A weak leg",
            "conditions": [{"question": "leg_weakness", "operator": "eq", "value": "stable"}],
            "cause": "sciatica",
            "weight": 1.0,
        }
    )
    rules = sections(snapshot_diff(default_snapshot, new))["rules"]
    [(slug, title, detail)] = rules.added_rows
    assert (slug, title) == ("ev_weak_leg", "A weak leg")
    assert detail.startswith("When Leg weakness is: “Yes, but it is not getting worse”: +1 to “")
    [(change, now)] = rules.changed_rows
    fields = {field.name: field for field in change.fields}
    assert (fields["urgency floor"].old, fields["urgency floor"].new) == (
        "Emergency: get help now",
        "Speak to a doctor today",
    )
    assert now == "When Saddle numbness is: “Yes”: urgency at least “Speak to a doctor today”"
