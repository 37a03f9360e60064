"""The possible-cause pages."""

import pytest
from pytest_django.asserts import assertContains

from triage.models import Cause

pytestmark = pytest.mark.django_db


def test_cause_page_shows_description_self_care_doctor_and_treatments(client):
    cause = Cause.objects.prefetch_related("treatments").get(slug="overuse")
    treatment = cause.treatments.all()[0]

    response = client.get(cause.get_absolute_url())

    assert cause.get_absolute_url() == "/causes/overuse/"
    assertContains(response, cause.name)
    assertContains(response, "What you can do yourself")
    assertContains(response, "When to see a doctor")
    assertContains(response, treatment.name)
    assertContains(response, treatment.get_evidence_display())
    assertContains(response, "<h4>Cons</h4>")
    assertContains(response, "Not a diagnosis.")


def test_serious_cause_page_says_it_needs_a_doctor(client):
    response = client.get("/causes/cauda_equina_syndrome/")

    assertContains(response, "This needs a doctor, not home care")


def test_unknown_cause_is_not_found(client):
    assert client.get("/causes/broken_toe/").status_code == 404


# Counts include the savepoints of the test's transaction (two per write).
def test_cause_page_makes_few_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        client.get("/causes/overuse/")
