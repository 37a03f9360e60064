"""Security headers: CSP with our own files only, Permissions-Policy, COOP."""

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
PAGES = ["/", "/check/about-you/", "/articles/", "/admin/login/"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_allows_only_its_own_scripts_and_styles(client, path):
    client.get("/check/")

    policy = client.get(path)["Content-Security-Policy"]

    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["default-src"] == "'self'"
    assert "script-src" not in directives and "style-src" not in directives
    assert directives["frame-ancestors"] == "'none'"


@pytest.mark.parametrize("path", PAGES)
def test_every_page_turns_off_browser_features_and_isolates_its_window(client, path):
    client.get("/check/")
    response = client.get(path)

    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_no_template_has_an_inline_script_or_style():
    inline = re.compile(
        r"<script(?![^>]*\bsrc=)(?![^>]*application/json)|<style|\sstyle=|\son\w+="
    )
    offenders = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if inline.search(path.read_text())
    ]

    assert offenders == []


def test_hsts_and_the_https_redirect_follow_the_settings(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 600

    redirected = client.get("/")
    secure = client.get("/", secure=True)
    probe = client.get("/healthz", headers={"Accept": "application/json"})

    assert redirected.status_code == 301 and redirected["Location"].startswith("https://")
    assert secure["Strict-Transport-Security"].startswith("max-age=600")
    assert probe.status_code != 301
