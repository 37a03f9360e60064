"""A clinical reviewer at a desk: edit a rule, catch the mistake with the test cases, publish."""

import re

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP
from tests.e2e.pages import axe_violations
from triage.compile import published_ruleset
from triage.models import ClinicalTestCase, RulesetVersion

pytestmark = pytest.mark.browser

PASSWORD = "a-long-password-for-tests"  # noqa: S105
# Our own part of the editors' pages; Django's frame around it is Django's to fix.
OUR_CONTENT = {"include": [["#content-main"]]}
NEW_REASON = (
    "You said you have new numbness or tingling between your legs or around your bottom. "
    "The nerves at the bottom of your spine may be squeezed: this needs treatment within hours."
)


@pytest.fixture
def reviewer():
    user = User.objects.create_user("rita", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Clinical reviewer"))
    return user


def open_saddle_rule(page):
    page.goto("/admin/")
    page.get_by_role("link", name="Rules", exact=True).first.click()
    page.get_by_role("textbox", name="Search").fill("numbness between your legs")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name=re.compile("^New numbness or tingling")).click()
    expect(page.get_by_label("Urgency floor:")).to_be_visible()


def run_the_cases(page):
    page.goto("/admin/")
    page.get_by_role("link", name="Run the clinical test cases").click()
    expect(page.get_by_role("heading", name="Run the clinical test cases")).to_be_visible()


def test_a_reviewer_edits_a_rule_catches_a_failing_case_fixes_it_and_publishes(
    visit, reviewer, snap
):
    page = visit(viewport=DESKTOP).page
    page.goto("/admin/")
    expect(page).to_have_url(re.compile("/admin/login/"))
    snap(page, "login")
    page.get_by_label("Username:").fill("rita")
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Publish the draft rules")).to_be_visible()

    # The reviewer rewords the reason and, by mistake, lowers the urgency.
    open_saddle_rule(page)
    page.get_by_label("Reason shown to the runner:").fill(NEW_REASON)
    page.get_by_label("Urgency floor:").select_option(label="Speak to a doctor today")
    snap(page, "rule")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    run_the_cases(page)
    failing = page.locator("tr", has=page.get_by_role("link", name="Numbness around the bottom"))
    expect(failing.locator(".case-fail").first).to_have_text("Fail: less urgent than expected")
    expect(page.locator(".errornote")).to_contain_text("cannot be published")
    snap(page, "cases-failing")
    assert axe_violations(page, OUR_CONTENT) == []
    page.goto("/admin/")
    page.get_by_role("link", name="Publish the draft rules").click()
    expect(page.get_by_text("Publishing is refused")).to_be_visible()
    expect(page.get_by_role("button", name="Publish")).to_have_count(0)

    # The fix: the urgency goes back up; the new wording stays.
    open_saddle_rule(page)
    page.get_by_label("Urgency floor:").select_option(label="Emergency: get help now")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    run_the_cases(page)
    expect(page.locator("#content-main")).to_contain_text("0 less urgent than expected")
    expect(page.locator(".case-row-fail")).to_have_count(0)

    page.goto("/admin/")
    page.get_by_role("link", name="Publish the draft rules").click()
    expect(
        page.get_by_text("Every case that must pass passes, and no case is under-triaged.")
    ).to_be_visible()
    page.get_by_label("What changed, and why").fill("Reworded the saddle numbness reason.")
    snap(page, "publish")
    assert axe_violations(page, OUR_CONTENT) == []
    page.get_by_role("button", name="Publish").click()

    expect(page.locator(".messagelist")).to_contain_text(
        "Published version 2. Runners get it from now on."
    )
    snap(page, "published")
    version = RulesetVersion.objects.order_by("-number").first()
    assert (version.number, version.created_by) == (2, reviewer)
    ruleset, version_pk = published_ruleset()
    assert version_pk == version.pk
    saddle = next(rule for rule in ruleset.rules if rule.slug == "rf_saddle_numbness")
    assert (saddle.urgency, saddle.reason) == ("emergency", NEW_REASON)


def test_a_staff_user_without_an_editor_role_cannot_change_anything(visit):
    User.objects.create_user("sam", password=PASSWORD, is_staff=True)
    page = visit(viewport=DESKTOP).page
    page.goto("/admin/login/")
    page.get_by_label("Username:").fill("sam")
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(page.get_by_text("Your account has no editing role yet.")).to_be_visible()
    page.goto("/admin/triage/rule/")
    expect(page).to_have_url(re.compile("/admin/login/"))
    expect(page.get_by_role("link", name="Rules", exact=True)).to_have_count(0)


def test_a_reviewer_cannot_publish_a_lowered_warning_sign_without_a_reason(visit, reviewer, snap):
    # No test case left that would catch it: the safety diff is what stands in the way.
    ClinicalTestCase.objects.filter(answers__saddle_numbness="yes").delete()
    page = visit(viewport=DESKTOP).page
    page.goto("/admin/login/")
    page.get_by_label("Username:").fill("rita")
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    open_saddle_rule(page)
    page.get_by_label("Urgency floor:").select_option(label="Speak to a doctor today")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto("/admin/")
    page.get_by_role("link", name="Publish the draft rules").click()
    safety = page.locator("#safety-diff")
    expect(safety).to_be_visible()
    expect(safety).to_contain_text("These changes weaken warning signs")
    expect(safety).to_contain_text(
        "New numbness or tingling between your legs or around your bottom: "
        "emergency → see a doctor today"
    )
    # First on the page, and red.
    first = page.locator("#content-main > *").first
    expect(first).to_have_id("safety-diff")
    border = safety.evaluate("el => getComputedStyle(el).borderLeftColor")
    red, green, blue = (int(n) for n in re.findall(r"\d+", border)[:3])
    assert red > 150 and green < 80 and blue < 80, border
    snap(page, "publish-safety-diff")
    assert axe_violations(page, OUR_CONTENT) == []

    page.get_by_label("What changed, and why").fill("Saddle numbness to today.")
    if page.get_by_label(re.compile("I have read the failing test cases")).count():
        page.get_by_label(re.compile("I have read the failing test cases")).check()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".errorlist")).to_contain_text(
        "Give the clinical reason for weakening these warning signs."
    )
    expect(page.locator("#safety-diff")).to_be_visible()
    assert RulesetVersion.objects.count() == 1

    page.get_by_label("Why it is safe to weaken these warning signs").fill(
        "Same-day pathway trial, approved by the clinical board."
    )
    if page.get_by_label(re.compile("I have read the failing test cases")).count():
        page.get_by_label(re.compile("I have read the failing test cases")).check()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messagelist")).to_contain_text("Published version 2.")
    version = RulesetVersion.objects.order_by("-number").first()
    assert version.safety_confirmation["by"] == "rita"
    assert version.safety_confirmation["reason"].startswith("Same-day pathway trial")
