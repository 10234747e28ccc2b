"""The withdrawal pages in a real browser: accessible in both languages, quick exit works.

A working link needs a member in the database the page is rendered from, and the test
server has its own database. So the pages that need a member are rendered here by Django's
test client and handed to the browser at the test server's address, where their styles and
scripts load as usual; the refusal page needs no member and comes from the server itself.
"""

import os
from urllib.parse import urlsplit

import pytest

from enrolment import withdrawal
from tests.factories import MemberFactory

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
NEUTRAL_SITE = "https://www.bbc.co.uk/weather"


ASYNC_GUARD = "DJANGO_ALLOW_ASYNC_UNSAFE"
_saved_guard = {}


@pytest.fixture(scope="session")
def database_beside_browser():
    """Let Django use the test database while Playwright's event loop runs in this thread.

    Django refuses database access in a thread with a running event loop, and Playwright's
    sync API keeps one running for the whole browser session. Nothing here runs at the same
    moment as that loop, so the guard is lifted, from before the test database is set up
    (which is why this is session-scoped and listed first) until this module ends.
    """
    _saved_guard.setdefault("value", os.environ.get(ASYNC_GUARD))
    os.environ[ASYNC_GUARD] = "true"


@pytest.fixture(scope="module", autouse=True)
def restore_the_async_guard():
    yield
    if "value" in _saved_guard:
        value = _saved_guard.pop("value")
        if value is None:
            os.environ.pop(ASYNC_GUARD, None)
        else:
            os.environ[ASYNC_GUARD] = value


def show(tab, server_url, html):
    """Open Django's rendering of a page at the test server's origin."""
    address = f"{server_url}/withdrawal-page-under-test/"
    tab.page.route(
        address,
        lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html),
    )
    tab.page.goto(address)


def render_steps(client, language):
    """{step: html} of each step of the withdrawal link, in one language."""
    member = MemberFactory(language=language)
    path = urlsplit(withdrawal.withdrawal_url(member)).path
    return {
        "choose": client.get(path).content.decode(),
        "confirm": client.post(path, {"choice": "erase"}).content.decode(),
        "done": client.post(path, {"choice": "erase", "confirmed": "yes"}).content.decode(),
    }


def assert_accessible(tab, axe):
    results = axe.run(tab.page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    assert tab.outside_requests == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "cy"])
def test_each_step_is_accessible(database_beside_browser, client, server_url, visit, axe, language):
    for name, html in render_steps(client, language).items():
        tab = visit()
        show(tab, server_url, html)
        assert tab.page.locator("html").get_attribute("lang") == language, name
        assert_accessible(tab, axe)


@pytest.mark.parametrize("path", ["/leave/not-a-real-link/", "/cy/gadael/not-a-real-link/"])
def test_the_refusal_page_is_accessible_and_clean(server_url, visit, axe, path):
    tab = visit()
    response = tab.page.goto(server_url + path)
    assert response.status == 400
    assert_accessible(tab, axe)
    # Served with the strict policy: any inline script or style would show as a console
    # error. The only one expected is Chromium's note of the page's own 400 status.
    assert [error for error in tab.console_errors if "status of 400" not in error] == []
    assert tab.page.locator("main a[href^='tel:']").is_visible()


@pytest.mark.django_db
def test_the_choice_page_reflows_and_keeps_quick_exit(
    database_beside_browser, client, server_url, visit
):
    tab = visit(width=320)
    show(tab, server_url, render_steps(client, "cy")["choose"])
    overflow = tab.page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    tab.page.click("[data-quick-exit]")
    tab.page.wait_for_url(NEUTRAL_SITE)
