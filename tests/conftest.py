import os

import pytest
from django.core.management import call_command
from hypothesis import settings as hypothesis_settings

from triage import content, engine

CORPUS_COLLECTED = pytest.StashKey[bool]()
# Hypothesis: CI (where CI is set) tries as many examples as each test asks for; a local run a
# fifth of them, for speed. HYPOTHESIS_PROFILE picks one by name. Tests that ask for a number of
# examples scale it by the profile (see tests/triage/api/test_fuzz.py).
hypothesis_settings.register_profile("ci", max_examples=100, print_blob=True)
hypothesis_settings.register_profile("dev", max_examples=20)
hypothesis_settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev")
)


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The API's rate limit counts in the cache; no test should inherit another's requests.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _fast_test_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The editors' tests sign in with force_login and no second step; the two-factor step has
    # its own tests (tests/backpain/test_otp.py), which turn it back on.
    settings.OTP_REQUIRED_FOR_PUBLISHERS = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the default content, published as version 1."""
    with django_db_blocker.unblock():
        call_command("load_default_content", verbosity=0)


@pytest.fixture(scope="session")
def default_snapshot():
    """The default content compiled straight from its TOML files: no database needed."""
    return content.snapshot()


@pytest.fixture(scope="session")
def default_ruleset(default_snapshot):
    """The default content compiled once, for engine tests that need no database."""
    from triage.engine import Ruleset

    return Ruleset.from_snapshot(default_snapshot, version=1)


def pytest_collection_modifyitems(config, items):
    config.stash[CORPUS_COLLECTED] = any("test_case_corpus" in item.nodeid for item in items)


def pytest_terminal_summary(terminalreporter, config):
    """The clinical figures of the case corpus, after every run that collected its tests."""
    if not config.stash.get(CORPUS_COLLECTED, False):
        return
    from tests.triage.test_case_corpus import corpus_figures

    ruleset = engine.Ruleset.from_snapshot(content.snapshot())
    terminalreporter.section("clinical figures (triage/content/cases)")
    for found in corpus_figures(ruleset):
        terminalreporter.write_line(found.line())
