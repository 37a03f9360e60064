"""The content loader refuses a key it does not know, before it writes anything."""

import shutil

import pytest
from django.core.management import CommandError, call_command

from triage import defaults
from triage.content_keys import ContentError
from triage.defaults import CONTENT_DIR, default_content_load
from triage.models import Question, Rule

pytestmark = pytest.mark.django_db

NEW_QUESTION = """
[[questions]]
slug = "not_yet_loaded"
section = "pain"
kind = "yes_no"
text = "A question that must not be written when another file is refused"
order = 9990
"""


@pytest.fixture
def content(tmp_path):
    """A copy of the default content to break, with one new question in it."""
    directory = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, directory)
    with open(directory / "questions.toml", "a", encoding="utf-8") as handle:
        handle.write(NEW_QUESTION)
    return directory


def replace_once(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_misspelt_rule_key_names_the_file_the_rule_and_the_key(content):
    replace_once(content / "rules.toml", "weight = 6.0\n", "weigth = 6.0\n")

    with pytest.raises(ContentError) as refused:
        default_content_load(directory=content, reset=True)

    assert str(refused.value) == "rules.toml: rule 'rf_saddle_numbness': unknown key 'weigth'"


def test_a_refused_file_leaves_everything_unwritten(content):
    replace_once(content / "rules.toml", "weight = 6.0\n", "weigth = 6.0\n")
    weight = Rule.objects.get(slug="rf_saddle_numbness").weight

    with pytest.raises(ContentError):
        default_content_load(directory=content, reset=True)

    assert not Question.objects.filter(slug="not_yet_loaded").exists()
    assert Rule.objects.get(slug="rf_saddle_numbness").weight == weight


def test_a_misspelt_key_in_a_condition_is_refused(content):
    replace_once(
        content / "rules.toml",
        '{ question = "saddle_numbness", operator = "eq", value = "yes" }',
        '{ question = "saddle_numbness", operator = "eq", valeu = "yes" }',
    )

    with pytest.raises(ContentError, match="rule 'rf_saddle_numbness': condition 1: unknown key"):
        default_content_load(directory=content)


def test_a_misspelt_case_key_names_the_case(content):
    replace_once(content / "cases.toml", 'expected_urgency = "soon"', 'expected_urgncy = "soon"')

    with pytest.raises(ContentError) as refused:
        default_content_load(directory=content)

    assert str(refused.value) == (
        "cases.toml: case 'Story 1: new runner who ran more and more': "
        "unknown key 'expected_urgncy'"
    )


def test_a_case_may_carry_a_group_and_a_holdout_flag_for_the_coming_corpus(content):
    replace_once(
        content / "cases.toml",
        'expected_urgency = "soon"',
        'expected_urgency = "soon"\ngroup = "stories"\nholdout = true',
    )

    default_content_load(directory=content)

    assert Question.objects.filter(slug="not_yet_loaded").exists()


def test_load_default_content_fails_with_the_content_error(content, monkeypatch):
    replace_once(content / "rules.toml", "weight = 6.0\n", "weigth = 6.0\n")
    load = defaults.default_content_load
    monkeypatch.setattr(
        "triage.management.commands.load_default_content.default_content_load",
        lambda **options: load(directory=content, **options),
    )

    with pytest.raises(CommandError, match="rules.toml: rule 'rf_saddle_numbness': unknown key"):
        call_command("load_default_content", verbosity=0)
