"""What a site is asked for at its root, and the tags that describe a shared page."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains

from triage.models import Cause

pytestmark = pytest.mark.django_db


def test_robots_txt_keeps_results_the_admin_and_the_api_out_of_indexes(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in ("/check/result/", "/admin/", "/api/"):
        assert f"Disallow: {path}" in lines
    assert "Disallow: /" not in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_security_txt_names_the_contact_and_expires_within_a_year(client, settings):
    settings.SECURITY_CONTACT = "security@example.org"

    with time_machine.travel(dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC), tick=False):
        response = client.get("/.well-known/security.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain"
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields["Contact"] == "mailto:security@example.org"
    assert fields["Expires"] == "2026-08-28T09:30:00Z"
    assert fields["Canonical"] == "http://testserver/.well-known/security.txt"


def test_security_txt_keeps_a_contact_that_is_already_a_uri(client, settings):
    settings.SECURITY_CONTACT = "https://example.org/report-a-problem"

    response = client.get("/.well-known/security.txt")

    assert "Contact: https://example.org/report-a-problem\n" in response.content.decode()


def test_security_txt_is_not_served_without_a_contact(client, settings):
    settings.SECURITY_CONTACT = ""

    assert client.get("/.well-known/security.txt").status_code == 404


def test_favicon_ico_is_an_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"


def test_the_root_files_refuse_a_post(client):
    assert client.post("/robots.txt").status_code == 405


def test_the_home_page_describes_itself_for_search_and_sharing(client):
    response = client.get(reverse("triage:home"))

    assertContains(response, '<meta name="description" content="Check how urgently')
    assertContains(response, '<meta property="og:title" content="Back pain check for runners">')
    assertContains(response, '<meta property="og:description" content="Check how urgently')
    assertContains(response, '<meta property="og:type" content="website">')


def test_a_cause_page_is_shared_under_its_own_name_and_summary(client):
    cause = Cause.objects.get(slug="muscle_strain")

    response = client.get(reverse("triage:cause", kwargs={"slug": cause.slug}))

    assertContains(response, f'<meta property="og:title" content="{cause.name}">')
    assertContains(response, f'<meta name="description" content="{cause.summary}">')


def test_an_article_is_shared_as_an_article(client):
    from tests.articles.factories import make_article

    article = make_article(title="Easing back into running", summary="Start with walks.")

    response = client.get(article.get_absolute_url())

    assertContains(response, '<meta property="og:title" content="Easing back into running">')
    assertContains(response, '<meta property="og:description" content="Start with walks.">')
    assertContains(response, '<meta property="og:type" content="article">')
