"""The home page: who the check is for, the emergency signs first, no database needed."""

import pytest
from django.db import OperationalError, connection
from django.test import Client
from pytest_django.asserts import assertContains

pytestmark = pytest.mark.django_db


def test_home_says_who_the_check_is_for_and_that_it_is_not_a_diagnosis(client):
    response = client.get("/")

    assertContains(response, "Runners aged 16 and over")
    assertContains(response, "If you are under 16")
    assertContains(response, "This is not a diagnosis.")
    assertContains(response, 'href="/check/"')


def test_home_shows_the_emergency_signs_before_the_start_button(client, settings):
    settings.EMERGENCY_NUMBER = "112"

    html = client.get("/").content.decode()

    assert "Call 112 now if you have back pain and any of these" in html
    assert 'href="tel:112"' in html
    assert "numbness or tingling between your legs" in html
    assert html.index("emergency-signs") < html.index('href="/check/"')
    assert "999" not in html


def test_home_offers_the_start_button_straight_after_the_emergencysigns(client):
    html = client.get("/").content.decode()

    # A phone shows the signs first; the start button follows them, not the whole page.
    assert html.index('href="/check/"') < html.index("Who this check is for")


def test_home_needs_no_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/").status_code == 200


def test_home_shows_the_emergency_signs_when_the_database_is_down():
    def database_down(*args):
        raise OperationalError("could not connect to server")

    with connection.execute_wrapper(database_down):
        response = Client().get("/")

    assertContains(response, "Call 999 now")
