"""The default clinical content: the TOML files in this folder, and the snapshot they compile to.

`snapshot()` compiles the files straight into the engine's snapshot (the shape a published
version stores), without a database, for engine tests and benchmarks; `triage.defaults` loads
the same files into the database for editors.
"""

import tomllib
from pathlib import Path

from triage.engine import types

CONTENT_DIR = Path(__file__).resolve().parent
YES_NO_LABELS = (("yes", "Yes"), ("no", "No"))
FILES = {
    "questions": "questions",
    "causes": "causes",
    "treatments": "treatments",
    "advice": "advice",
    "prevention": "prevention",
    "rules": "rules",
}


def read_content(directory=CONTENT_DIR):
    """{file: [table, ...]} for every content file, as written."""
    content = {}
    for name, key in FILES.items():
        with open(directory / f"{name}.toml", "rb") as handle:
            content[name] = tomllib.load(handle).get(key, [])
    return content


def read_case_file(path):
    with open(path, "rb") as handle:
        return tomllib.load(handle).get("cases", [])


def read_cases(directory=CONTENT_DIR):
    """Every clinical test case: cases.toml, then the corpus under cases/ (published cases and
    KNOWLEDGE.md vignettes)."""
    cases = read_case_file(directory / "cases.toml") if (directory / "cases.toml").exists() else []
    for path in sorted((directory / "cases").glob("*.toml")):
        cases += [dict(case, corpus=path.stem) for case in read_case_file(path)]
    return cases


def _plain(item_type, data, *, special=()):
    """The keys of `data` that are fields of the engine's item type (its snapshot keys),
    except those the caller builds itself: a new snapshot field needs no edit here."""
    return {
        key: data[key] for key in item_type.field_names() if key in data and key not in special
    }


def _conditions(items):
    return [dict(c, value=str(c.get("value", ""))) for c in items]


def _question(data):
    choices = data.get("choices") or (
        [{"slug": s, "label": label} for s, label in YES_NO_LABELS]
        if data["kind"] == "yes_no"
        else []
    )
    entry = _plain(
        types.Question, data, special=("choices", "min_value", "max_value", "shown_when")
    )
    entry["choices"] = [c["slug"] for c in choices]
    entry["choice_labels"] = {c["slug"]: c["label"] for c in choices}
    if data["kind"] == "number":
        entry["min_value"] = data.get("min_value")
        entry["max_value"] = data.get("max_value")
    if data.get("shown_when"):
        entry["shown_when"] = _conditions([data["shown_when"]])[0]
    return entry


def _rule(data):
    entry = _plain(types.Rule, data, special=("conditions",))
    entry.setdefault("advice", "")
    entry.setdefault("prevention", "")
    entry["conditions"] = _conditions(data["conditions"])
    return entry


def _advice(data):
    entry = _plain(
        types.Advice, data, special=("causes", "replaces", "contraindications", "stages")
    )
    entry["causes"] = sorted(data.get("causes", ()))
    entry["replaces"] = sorted(data.get("replaces", ()))
    entry["contraindications"] = _conditions(data.get("contraindications", ()))
    entry["stages"] = [
        {"number": number, **{k: s[k] for k in ("title", "activity", "progress_when")}}
        for number, s in enumerate(data.get("stages", ()), start=1)
    ]
    return entry


def snapshot(directory=CONTENT_DIR):
    """The default content compiled to a snapshot, as publishing it would store it."""
    content = read_content(directory)
    return {
        "questions": [_question(q) for q in content["questions"]],
        "causes": [_plain(types.Cause, c) for c in content["causes"]],
        "rules": [_rule(r) for r in content["rules"] if r.get("is_active", True)],
        "advice": [_advice(a) for a in content["advice"]],
        "prevention": [_plain(types.Tip, t) for t in content["prevention"]],
    }
