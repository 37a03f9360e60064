import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.triage.editors import make_user
from triage.models import RulesetVersion

pytestmark = pytest.mark.django_db

CONTENT = [
    "question",
    "choice",
    "cause",
    "treatment",
    "advice",
    "runningstage",
    "preventiontip",
    "rule",
    "condition",
    "clinicaltestcase",
]


def _codenames(group_name):
    group = Group.objects.get(name=group_name)
    return set(group.permissions.values_list("codename", flat=True))


def test_editors_may_edit_every_kind_of_content_but_not_publish_or_manage_users():
    codenames = _codenames("Editor")
    for model in CONTENT:
        for action in ("add", "change", "delete", "view"):
            assert f"{action}_{model}" in codenames
    assert {"view_rulesetversion", "view_assessment"} <= codenames
    assert "publish_rulesetversion" not in codenames
    assert not any(name.endswith("_user") or name.endswith("_group") for name in codenames)
    assert "change_assessment" not in codenames
    assert "delete_assessment" not in codenames


def test_clinical_reviewers_may_do_all_an_editor_may_and_publish_and_rename_slugs():
    assert _codenames("Clinical reviewer") == _codenames("Editor") | {
        "publish_rulesetversion",
        "change_slugs",
    }


def test_the_permission_checks_follow_the_groups():
    editor, reviewer = make_user("Editor"), make_user("Clinical reviewer")
    assert editor.has_perm("triage.change_rule")
    assert not editor.has_perm("triage.publish_rulesetversion")
    assert not editor.has_perm("auth.change_user")
    assert reviewer.has_perm("triage.publish_rulesetversion")
    assert not reviewer.has_perm("auth.add_user")


EDITOR_PAGES = [
    ("admin:triage_simulator", []),
    ("admin:triage_cases_run", []),
    ("admin:triage_compare", []),
    ("admin:triage_dashboard", []),
    ("admin:triage_rule_changelist", []),
    ("admin:triage_rule_add", []),
    ("admin:triage_clinicaltestcase_add", []),
    ("admin:triage_question_changelist", []),
    ("admin:triage_rulesetversion_changelist", []),
    ("admin:triage_assessment_changelist", []),
]
REVIEWER_PAGES = [("admin:triage_publish", [])]
ADMIN_ONLY_PAGES = [("admin:auth_user_changelist", []), ("admin:auth_group_changelist", [])]


@pytest.mark.parametrize(("name", "args"), EDITOR_PAGES)
def test_editors_and_reviewers_reach_the_editing_pages(client, name, args):
    for role in ("Editor", "Clinical reviewer"):
        client.force_login(make_user(role))
        assert client.get(reverse(name, args=args)).status_code == 200, role


@pytest.mark.parametrize(("name", "args"), REVIEWER_PAGES + ADMIN_ONLY_PAGES)
def test_editors_are_refused_publishing_and_user_management(client, name, args):
    client.force_login(make_user("Editor"))
    assert client.get(reverse(name, args=args)).status_code == 403


def test_only_reviewers_may_publish_an_earlier_version_again(client):
    version = RulesetVersion.objects.order_by("-number").first()
    url = reverse("admin:triage_publish_again", args=[version.pk])
    client.force_login(make_user("Editor"))
    assert client.get(url).status_code == 403
    client.force_login(make_user("Clinical reviewer"))
    assert client.get(url).status_code == 200


def test_reviewers_are_refused_user_management(client):
    client.force_login(make_user("Clinical reviewer"))
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


@pytest.mark.parametrize(("name", "args"), EDITOR_PAGES + REVIEWER_PAGES)
def test_staff_without_a_role_gets_nothing(client, name, args):
    client.force_login(make_user(None))
    assert client.get(reverse(name, args=args)).status_code == 403


def test_staff_without_a_role_cannot_log_in_to_the_admin(client):
    make_user(None, username="nobody")
    response = client.post(
        reverse("admin:login"), {"username": "nobody", "password": "pw-for-tests-only"}
    )
    assert response.status_code == 200
    assert "no editing role" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_editor_logs_in_and_sees_the_rules_tools(client):
    make_user("Editor", username="ed")
    response = client.post(
        reverse("admin:login"),
        {"username": "ed", "password": "pw-for-tests-only", "next": reverse("admin:index")},
        follow=True,
    )
    page = response.content.decode()
    assert reverse("admin:triage_simulator") in page
    assert reverse("admin:triage_publish") not in page


def test_a_superuser_reaches_everything(client, admin_user):
    client.force_login(admin_user)
    for name, args in EDITOR_PAGES + REVIEWER_PAGES + ADMIN_ONLY_PAGES:
        assert client.get(reverse(name, args=args)).status_code == 200, name
