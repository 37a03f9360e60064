"""The pages around the check: clearing answers, privacy, cookies, accessibility, offline."""

import pytest
from pytest_django.asserts import assertContains, assertRedirects

from tests.triage.journey.walking import ABOUT, SARAH, post_step, stored_answers
from triage.templatetags.triage_pages import miles

pytestmark = pytest.mark.django_db


def test_clearing_the_answers_asks_first_and_clears_only_on_yes(client):
    post_step(client, ABOUT, SARAH["about"])

    page = client.get(ABOUT)
    assertContains(page, 'href="/check/clear/"')
    confirm = client.get("/check/clear/")

    assertContains(confirm, "Clear your answers and start again?")
    assertContains(confirm, 'action="/check/"')
    assert stored_answers(client)["age"] == 35
    assertRedirects(client.post("/check/"), ABOUT)
    assert stored_answers(client) == {}


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("/privacy/", "deleted 2 hours after your last page"),
        ("/privacy/", "purge_assessments"),
        ("/privacy/", "mailto:privacy@example.org"),
        ("/cookies/", "sessionid"),
        ("/accessibility/", "WCAG"),
    ],
)
def test_the_privacy_cookie_and_accessibility_pages_say_what_is_kept_and_who_to_ask(
    client, url, words
):
    assertContains(client.get(url), words)


def test_every_page_links_to_privacy_cookies_and_accessibility(client):
    response = client.get("/")

    for url in ("/privacy/", "/cookies/", "/accessibility/"):
        assertContains(response, f'href="{url}"')
    assertContains(response, 'rel="manifest"')


def test_the_service_worker_keeps_the_home_page_for_offline_use(client):
    response = client.get("/sw.js")

    assert response["Content-Type"].startswith("application/javascript")
    assertContains(response, '"/"')
    assertContains(response, "/static/css/site.css")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("from 30 km to 40 km a week", "from 30 km (19 miles) to 40 km (25 miles) a week"),
        ("50 km (30 miles) or more", "50 km (30 miles) or more"),
        ("no distance", "no distance"),
    ],
)
def test_distances_in_kilometres_get_miles_beside_them(text, shown):
    assert miles(text) == shown
