"""The developer's tooling: what a newcomer expects of pytest works here."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_pytest_keeps_its_cache_so_last_failed_and_failed_first_work(request):
    assert request.config.pluginmanager.has_plugin("cacheprovider")


def test_the_pytest_cache_stays_out_of_git():
    ignored = (ROOT / ".gitignore").read_text().split()
    assert ".pytest_cache/" in ignored
