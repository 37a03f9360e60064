"""Compiling content rows: the database gives the engine what the content files give it."""

import pytest

from triage import content, engine
from triage.compile import build_snapshot

KINDS = ("questions", "causes", "rules", "advice", "prevention")


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_the_loaded_default_content_compiles_to_what_its_files_compile_to(kind):
    # Engine tests run on the files' snapshot, runners on the database's: every field of every
    # item must agree, so that a snapshot field the database cannot hold shows up here.
    from_rows = engine.Ruleset.from_snapshot(build_snapshot())
    from_files = engine.Ruleset.from_snapshot(content.snapshot())

    rows = {item.slug: item for item in getattr(from_rows, kind)}
    files = {item.slug: item for item in getattr(from_files, kind)}

    assert rows == files
