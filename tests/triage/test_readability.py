"""Every text a runner reads is scored for reading age (triage/content/README.md, "Reading age").

Flesch-Kincaid grade and SMOG, both from textstat 0.7.3, per content item: a question with its
help text and choice labels, a cause, a treatment, an advice item, a running-plan stage, a
prevention tip, a rule's title and reason, a safety-net item, an article section. Markdown is
stripped first. A failure lists the worst items, so an editor knows what to rewrite.
"""

import re

import pytest
import textstat

from articles.defaults import read_articles
from triage.content import read_content, snapshot
from triage.engine import Ruleset
from triage.engine.evaluate import DISCLAIMER, safety_net, safety_net_items

# The ceilings agreed in triage/content/README.md. US grade 5 to 6 is reading age 10 to 11.
MAX_GRADE = 8.0
MAX_SMOG = 10.0
# Items that may not meet a ceiling, each with the reason (README: "Exceptions").
EXCEPTIONS: dict[str, str] = {}
JARGON = [
    "clinician",
    "trunk",
    "impact",
    "pool running",
    "cross-train",
    "wear and tear",
    "The article we started from says",
]
WORST_SHOWN = 12


def plain(text):
    """Markdown to plain sentences: headings, list items and table cells end a sentence."""
    text = re.sub(r"\{[a-z_]+\}", "111", text)  # {emergency_number} placeholders
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links keep their words
    text = re.sub(r"[*_`>#|]", " ", text)
    lines = []
    for line in text.splitlines():
        line = re.sub(r"^\s*(-|\d+\.)\s+", "", line).strip()
        if line and not re.search(r"[.!?:;]$", line):
            line += "."
        lines.append(line)
    return re.sub(r"\s+", " ", " ".join(lines)).strip()


def smog(text):
    # textstat returns 0 below 3 sentences; the same formula is applied to every item instead,
    # so that short items are scored too (McLaughlin 1969, scaled to 30 sentences).
    sentences = textstat.sentence_count(text)
    return 1.043 * (30 * textstat.polysyllabcount(text) / sentences) ** 0.5 + 3.1291


def _sentences(*parts):
    return plain("\n".join(part for part in parts if part))


def runner_texts():
    """(name, text) for every piece of content a runner sees, one item each."""
    content = read_content()
    for q in content["questions"]:
        labels = "\n".join(c["label"] for c in q.get("choices", ()))
        yield f"question {q['slug']}", _sentences(q["text"], q.get("help_text"), labels)
    for c in content["causes"]:
        yield f"cause {c['slug']} (name, summary)", _sentences(c["name"], c["summary"])
        yield f"cause {c['slug']} description", _sentences(c["description"])
        yield f"cause {c['slug']} self care", _sentences(c["self_care"])
        yield f"cause {c['slug']} when to see a doctor", _sentences(c["when_to_see_doctor"])
    for t in content["treatments"]:
        yield f"treatment {t['slug']}", _sentences(t["name"], t["description"])
        yield f"treatment {t['slug']} pros and cons", _sentences(t["pros"], t["cons"])
        yield f"treatment {t['slug']} guideline note", _sentences(t["guideline_note"])
    for a in content["advice"]:
        yield f"advice {a['slug']}", _sentences(a["title"], a["body"])
        for number, stage in enumerate(a.get("stages", ()), start=1):
            yield (
                f"advice {a['slug']} stage {number}",
                _sentences(stage["title"], stage["activity"], stage["progress_when"]),
            )
    for p in content["prevention"]:
        yield f"prevention {p['slug']}", _sentences(p["title"], p["body"])
        yield f"prevention {p['slug']} evidence", _sentences(p["evidence"])
    for r in content["rules"]:
        # A warning sign shows its title and reason; an evidence rule only its reason, under a
        # cause; the titles of the other rules are for editors.
        title = r["title"] if r["kind"] == "red_flag" else ""
        if r.get("reason"):
            yield f"rule {r['slug']}", _sentences(title, r["reason"])
    ruleset = Ruleset.from_snapshot(snapshot(), version=1)
    items = safety_net_items(ruleset)
    for group in ("emergency", "today"):
        for number, item in enumerate(items[group], start=1):
            yield f"safety net {group} {number}", _sentences(item)
    yield "safety net paragraph", safety_net(ruleset, "999", "111")
    yield "disclaimer", DISCLAIMER
    for article in read_articles():
        yield (
            f"article {article['slug']} (title, summary)",
            _sentences(article["title"], article["summary"]),
        )
        for number, section in enumerate(re.split(r"^## ", article["body"], flags=re.M)):
            if section.strip():
                yield f"article {article['slug']} section {number}", plain(section)


def scores():
    return [
        (name, textstat.flesch_kincaid_grade(text), smog(text), text)
        for name, text in runner_texts()
        if textstat.lexicon_count(text) >= 3
    ]


def _report(rows):
    return "\n".join(
        f"  {name}: grade {grade:.1f}, SMOG {smog_:.1f}: {text[:120]}"
        for name, grade, smog_, text in rows[:WORST_SHOWN]
    )


def test_every_runner_facing_text_is_within_the_grade_ceiling():
    rows = sorted(scores(), key=lambda row: -row[1])
    worst = [row for row in rows if row[1] > MAX_GRADE and row[0] not in EXCEPTIONS]
    assert not worst, f"{len(worst)} items above grade {MAX_GRADE}, worst first:\n" + _report(
        worst
    )


def test_every_runner_facing_text_is_within_the_smog_ceiling():
    rows = sorted(scores(), key=lambda row: -row[2])
    worst = [row for row in rows if row[2] > MAX_SMOG and row[0] not in EXCEPTIONS]
    assert not worst, f"{len(worst)} items above SMOG {MAX_SMOG}, worst first:\n" + _report(worst)


def test_the_exceptions_are_still_needed():
    names = {name: (grade, smog_) for name, grade, smog_, _ in scores()}
    for name in EXCEPTIONS:
        grade, smog_ = names[name]
        assert grade > MAX_GRADE or smog_ > MAX_SMOG, f"{name} no longer needs an exception"


@pytest.mark.parametrize("word", JARGON)
def test_no_runner_facing_text_uses_jargon(word):
    pattern = re.compile(rf"\b{re.escape(word)}", re.IGNORECASE)
    found = [name for name, text in runner_texts() if pattern.search(text)]
    assert not found, f"{word!r} in: " + ", ".join(found)
