"""requirements.lock (pip-compile --generate-hashes) matches requirements.txt and the venv."""

import re
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s\\;]+)", re.MULTILINE)


def _pins(text):
    return {name.lower().replace("_", "-"): pinned for name, pinned in PIN.findall(text)}


def test_every_requirement_is_locked_at_its_pinned_version():
    wanted = _pins((ROOT / "requirements.txt").read_text())
    locked = _pins((ROOT / "requirements.lock").read_text())

    assert {name: locked.get(name) for name in wanted} == wanted, "run make lock"


def test_every_locked_package_has_a_hash():
    entries = re.split(r"\n(?=\S)", (ROOT / "requirements.lock").read_text())
    packages = [entry for entry in entries if PIN.match(entry)]

    assert packages and all("--hash=sha256:" in entry for entry in packages)


def test_the_installed_packages_are_the_locked_ones():
    locked = _pins((ROOT / "requirements.lock").read_text())

    assert {name: version(name) for name in locked} == locked
