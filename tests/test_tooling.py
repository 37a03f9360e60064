"""The developer's tooling: what a newcomer expects of pytest works here."""

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_pytest_keeps_its_cache_so_last_failed_and_failed_first_work(request):
    assert request.config.pluginmanager.has_plugin("cacheprovider")


def test_the_pytest_cache_stays_out_of_git():
    ignored = (ROOT / ".gitignore").read_text().split()
    assert ".pytest_cache/" in ignored


def _make_run_commands(*args):
    result = subprocess.run(  # noqa: S603 (make, our Makefile, printing only)
        ["make", "--dry-run", "--always-make", "run", *args],  # noqa: S607
        cwd=ROOT,
        env={"PATH": os.environ["PATH"]},
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return result.stdout.splitlines()


def test_make_run_serves_on_localhost_port_8000_by_default():
    assert _make_run_commands()[-1].endswith("manage.py runserver 127.0.0.1:8000")


def test_make_run_takes_host_and_port():
    commands = _make_run_commands("HOST=0.0.0.0", "PORT=8001")

    assert commands[-1].endswith("manage.py runserver 0.0.0.0:8001")
