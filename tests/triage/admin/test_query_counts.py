"""Every editors' page runs in a bounded number of queries, whatever the content holds.

The ceilings are the counts measured with the default content, plus three.
"""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.triage.editors import make_user
from triage.models import Cause, ClinicalTestCase, Rule, RulesetVersion, Treatment

pytestmark = pytest.mark.django_db


def _pk(model, **filters):
    return model.objects.filter(**filters).values_list("pk", flat=True).first()


PAGES = [
    ("admin:index", None, 14),
    ("admin:triage_rule_changelist", None, 13),
    ("admin:triage_rule_change", lambda: [_pk(Rule, slug="rf_saddle_numbness")], 21),
    ("admin:triage_rule_add", None, 14),
    ("admin:triage_rule_history", lambda: [_pk(Rule, slug="rf_saddle_numbness")], 14),
    ("admin:triage_cause_changelist", None, 10),
    ("admin:triage_cause_change", lambda: [_pk(Cause)], 9),
    ("admin:triage_treatment_changelist", None, 10),
    ("admin:triage_treatment_change", lambda: [_pk(Treatment)], 11),
    ("admin:triage_question_changelist", None, 10),
    ("admin:triage_advice_changelist", None, 10),
    ("admin:triage_preventiontip_changelist", None, 10),
    ("admin:triage_clinicaltestcase_changelist", None, 10),
    ("admin:triage_clinicaltestcase_change", lambda: [_pk(ClinicalTestCase)], 20),
    ("admin:triage_rulesetversion_changelist", None, 10),
    ("admin:triage_rulesetversion_change", lambda: [_pk(RulesetVersion)], 9),
    ("admin:triage_publish", None, 20),
    ("admin:triage_publish_again", lambda: [_pk(RulesetVersion)], 10),
    ("admin:triage_compare", None, 20),
    ("admin:triage_cases_run", None, 21),
    ("admin:triage_simulator", None, 19),
    ("admin:triage_dashboard", None, 11),
    ("admin:triage_assessment_changelist", None, 11),
    ("admin:articles_article_changelist", None, 12),
    ("admin:articles_article_change", lambda: [_pk(Article)], 15),
]


@pytest.mark.parametrize(("name", "args", "ceiling"), PAGES, ids=[p[0] for p in PAGES])
def test_each_editors_page_runs_in_bounded_queries(
    client, django_assert_max_num_queries, name, args, ceiling
):
    client.force_login(make_user("Clinical reviewer"))
    url = reverse(name, args=args() if args else None)
    with django_assert_max_num_queries(ceiling) as counted:
        response = client.get(url)
    assert response.status_code == 200, url
    print(f"QUERIES {name}: {len(counted.captured_queries)}")
