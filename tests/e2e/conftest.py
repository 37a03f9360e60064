"""End-to-end tests: Debian's Chromium, driven by Playwright, against pytest-django's live server.

The live server runs each test in a TransactionTestCase, which empties the database after the
test. So every test here loads the default content (and the editor roles the migrations made)
itself, and the content is put back once the last browser test is done, for any test that runs
after them in the same pytest process.
"""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connections

# `playwright install` cannot download a browser here: the tests drive the system's Chromium.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
SIZES = {"phone": PHONE, "desktop": DESKTOP}
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "e2e"
# Long enough for a slow CI machine, short enough that a missing element fails in seconds.
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def editor_roles(django_db_setup, django_db_blocker):
    """{group: [(app label, permission codename)]} as the migrations made them.

    Read before any browser test empties the database, so that they can be made again after.
    """
    with django_db_blocker.unblock():
        return {
            group.name: sorted(
                group.permissions.values_list("content_type__app_label", "codename")
            )
            for group in Group.objects.all()
        }


def content_load(roles):
    call_command("load_default_content", verbosity=0)
    permissions = {
        (permission.content_type.app_label, permission.codename): permission
        for permission in Permission.objects.select_related("content_type")
    }
    for name, keys in roles.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set([permissions[key] for key in keys])


@pytest.fixture(scope="package", autouse=True)
def _content_back_after_the_browser_tests(editor_roles, django_db_blocker):
    # Torn down after the last browser test's own teardown, which emptied the database.
    yield
    with django_db_blocker.unblock():
        content_load(editor_roles)


@pytest.fixture(autouse=True)
def default_content(browser, live_server, editor_roles):
    # After `browser`, so that a machine without Chromium skips before loading anything.
    content_load(editor_roles)


@pytest.fixture(scope="package")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        message = f"No Chromium at {CHROMIUM}; install it with: apt-get install chromium"
        if os.environ.get("CI", "").lower() not in ("", "0", "false"):
            pytest.fail(f"{message}. CI must run the browser tests.", pytrace=False)
        pytest.skip(f"{message}. Browser tests skipped (they run in CI).")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread, and Django refuses
    # database queries from a thread with a running loop unless told it is safe. It is: the
    # tests and the live server never share a query.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
        # While the loop runs, Django keeps this thread's connections apart from those it uses
        # once the loop stops: close them now, or PostgreSQL will not drop the test database.
        connections.close_all()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class Visit:
    """A browser context on the live server that remembers every URL it asked for."""

    def __init__(self, browser, live_server, **options):
        options.setdefault("viewport", PHONE)
        self.live_server = live_server
        self.context = browser.new_context(base_url=live_server.url, **options)
        self.context.set_default_timeout(TIMEOUT_MS)
        self.requested, self.failed = [], []
        self.context.on("request", lambda request: self.requested.append(request.url))
        self.context.on("response", self._check)
        self.page = self.context.new_page()

    def _check(self, response):
        if response.status >= 400:
            self.failed.append(f"{response.status} {response.url}")

    def foreign_requests(self):
        host = urlsplit(self.live_server.url).netloc
        return [url for url in self.requested if urlsplit(url).netloc != host]


@pytest.fixture
def visit(browser, live_server):
    """Open a browser context: visit() for a phone with JavaScript, visit(viewport=...) etc."""
    opened = []

    def open_visit(**options):
        opened.append(Visit(browser, live_server, **options))
        return opened[-1]

    yield open_visit
    for each in opened:
        each.context.close()


@pytest.fixture
def page(visit):
    """A phone-sized page with JavaScript on."""
    return visit().page


@pytest.fixture
def snap(request):
    """Save full-page screenshots at both sizes: artifacts/e2e/<test>/<name>-<phone|desktop>.png"""
    folder = ARTIFACTS / re.sub(r"[^\w.-]+", "-", request.node.name.removeprefix("test_"))

    def take(page, name):
        folder.mkdir(parents=True, exist_ok=True)
        before = page.viewport_size
        for size, viewport in SIZES.items():
            page.set_viewport_size(viewport)
            page.screenshot(path=folder / f"{name}-{size}.png", full_page=True)
        page.set_viewport_size(before)

    def keep(name, content):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)

    take.keep = keep
    return take
