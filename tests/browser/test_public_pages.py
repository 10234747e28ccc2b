"""Every demo page, in both languages, in a real browser."""

import pytest

from tests.demo_urls import ALL_PAGES, DEMO_PAGES

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
NEUTRAL_SITE = "https://www.bbc.co.uk/weather"


@pytest.mark.parametrize("path", ALL_PAGES)
def test_page_is_accessible_self_contained_and_clean(server_url, visit, axe, path):
    tab = visit()
    response = tab.page.goto(server_url + path)
    assert response.status == 200

    results = axe.run(tab.page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    assert tab.outside_requests == []
    # The strict policy reports any inline script or style as a console error.
    assert tab.console_errors == []


@pytest.mark.parametrize("path", ALL_PAGES)
def test_page_reflows_at_320_pixels(server_url, visit, path):
    tab = visit(width=320)
    tab.page.goto(server_url + path)
    overflow = tab.page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    assert tab.page.locator("[data-quick-exit]").is_visible()


START = "/healthz"


def start_on(tab, server_url, path):
    """Open another address first, then `path`, so there is history to inspect."""
    tab.page.goto(server_url + START)
    tab.page.goto(server_url + path)
    return tab.page.evaluate("history.length")


@pytest.mark.parametrize("path", ALL_PAGES)
def test_quick_exit_by_click_replaces_the_page(server_url, visit, path):
    tab = visit()
    history_before = start_on(tab, server_url, path)

    tab.page.click("[data-quick-exit]")
    tab.page.wait_for_url(NEUTRAL_SITE)

    assert tab.page.evaluate("history.length") == history_before
    tab.page.go_back()
    assert tab.page.url == server_url + START, "the exited page is no longer in the history"


@pytest.mark.parametrize("path", [path for pair in DEMO_PAGES for path in pair])
def test_quick_exit_by_pressing_shift_three_times(server_url, visit, path):
    tab = visit()
    history_before = start_on(tab, server_url, path)

    for _ in range(3):
        tab.page.keyboard.press("Shift")
    tab.page.wait_for_url(NEUTRAL_SITE)

    assert tab.page.evaluate("history.length") == history_before


def test_typing_capitals_does_not_trigger_quick_exit(server_url, visit):
    tab = visit()
    tab.page.goto(server_url + "/")
    tab.page.fill("#site-search", "")
    tab.page.focus("#site-search")
    tab.page.keyboard.type("ABC DEF")
    tab.page.wait_for_timeout(300)
    assert tab.page.url == server_url + "/"
    assert tab.page.input_value("#site-search") == "ABC DEF"


def test_quick_exit_hides_the_page_before_leaving(server_url, visit):
    tab = visit()
    tab.page.goto(server_url + "/support/")
    # What the page looked like as it left, kept in this site's storage: a console message
    # could be lost when the page goes, which made an earlier version of this test flaky.
    tab.page.evaluate(
        """() => new MutationObserver(() => localStorage.setItem("leaving", JSON.stringify(
            [getComputedStyle(document.body).visibility, document.title]
        ))).observe(document.documentElement, {attributes: true})"""
    )

    tab.page.click("[data-quick-exit]")
    tab.page.wait_for_url(NEUTRAL_SITE)

    tab.page.goto(server_url + "/support/")
    assert tab.page.evaluate("() => localStorage.getItem('leaving')") == '["hidden",""]'


def test_quick_exit_works_without_javascript(server_url, browser):
    context = browser.new_context(java_script_enabled=False)
    context.route(
        NEUTRAL_SITE, lambda route: route.fulfill(status=200, body="<title>Neutral</title>")
    )
    page = context.new_page()
    page.goto(server_url + "/cy/")
    page.click("[data-quick-exit]")
    page.wait_for_url(NEUTRAL_SITE)
    context.close()


def test_language_switch_leads_to_the_same_page(server_url, visit):
    tab = visit()
    tab.page.goto(server_url + "/terms-of-reference/")
    tab.page.click(".language-switch a")
    tab.page.wait_for_url(server_url + "/cy/cylch-gorchwyl/")
    assert tab.page.locator("html").get_attribute("lang") == "cy"
    tab.page.click(".language-switch a")
    tab.page.wait_for_url(server_url + "/terms-of-reference/")


def test_contents_links_move_to_their_sections(server_url, visit):
    tab = visit()
    tab.page.goto(server_url + "/cy/cylch-gorchwyl/")
    last = tab.page.locator(".toc a").last
    target = last.get_attribute("href")
    last.click()
    assert tab.page.url.endswith(target)
    assert tab.page.locator(target).is_visible()
