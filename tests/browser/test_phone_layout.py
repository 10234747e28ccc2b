"""The first screen on a phone: the heading in view, quick exit at once, the menu and the
help numbers a tap away, with and without JavaScript, in both languages."""

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import LOCAL_HOSTS
from tests.demo_urls import ALL_PAGES

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONES = [(320, 640), (375, 812)]
# Room left under the heading's top for at least its first line and a little more.
MARGIN = 120
KEY_PAGES = ["/", "/cy/", "/join/", "/cy/ymuno/", "/support/", "/cy/cymorth/"]
MENU_LINK = {"en": ("/", "/support/"), "cy": ("/cy/", "/cy/cymorth/")}


@pytest.fixture(scope="module")
def axe():
    return Axe()


def phone(browser, size, javascript=True):
    width, height = size
    context = browser.new_context(
        viewport={"width": width, "height": height},
        java_script_enabled=javascript,
        has_touch=True,
        is_mobile=True,
    )
    # Nothing may leave the machine; the quick exit's neutral site is never followed here.
    context.route("**/*", stay_on_this_machine)
    return context


def stay_on_this_machine(route):
    if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
        route.continue_()
    else:
        route.abort()


def heading_top(page):
    return page.evaluate("document.querySelector('h1').getBoundingClientRect().top")


def scrolls_sideways(page):
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("size", PHONES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("path", ALL_PAGES)
def test_the_heading_starts_on_the_first_screen(server_url, browser, size, path):
    context = phone(browser, size)
    page = context.new_page()
    page.goto(server_url + path)

    assert heading_top(page) < size[1] - MARGIN
    assert not scrolls_sideways(page)
    quick_exit = page.locator("[data-quick-exit]")
    assert quick_exit.is_visible()
    assert quick_exit.bounding_box()["y"] < 100
    context.close()


@pytest.mark.parametrize("path", KEY_PAGES)
def test_key_pages_keep_the_heading_in_the_top_half_of_a_phone(server_url, browser, path):
    context = phone(browser, (375, 812))
    page = context.new_page()
    page.goto(server_url + path)
    assert heading_top(page) < 406
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("size", PHONES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_menu_opens_and_its_links_work(server_url, browser, size, language, javascript):
    home, target = MENU_LINK[language]
    context = phone(browser, size, javascript=javascript)
    page = context.new_page()
    page.goto(server_url + home)
    link = page.locator(f'.site-nav a[href="{target}"]')
    search = page.locator("#site-search")
    toggle = page.locator(".site-menu__toggle")

    assert toggle.is_visible()
    assert not link.is_visible()
    assert not search.is_visible()

    toggle.click()
    assert link.is_visible()
    assert search.is_visible()
    assert heading_top(page) > 0, "the open menu pushes the page down, it does not cover it"

    link.click()
    page.wait_for_url(server_url + target)
    assert page.locator("h1").is_visible()
    context.close()


@pytest.mark.parametrize("language", ["en", "cy"])
def test_search_from_the_phone_menu(server_url, browser, language):
    context = phone(browser, (375, 812), javascript=False)
    page = context.new_page()
    page.goto(server_url + MENU_LINK[language][0])
    page.click(".site-menu__toggle")
    page.fill("#site-search", "support")
    page.press("#site-search", "Enter")
    page.wait_for_load_state()
    assert "q=support" in page.url
    context.close()


def test_escape_closes_the_menu_and_returns_to_its_toggle(server_url, browser):
    context = phone(browser, (375, 812))
    page = context.new_page()
    page.goto(server_url + "/cy/")
    page.click(".site-menu__toggle")
    page.focus(".site-nav a >> nth=0")
    page.keyboard.press("Escape")
    assert not page.locator(".site-nav").is_visible()
    assert page.evaluate("document.activeElement.classList.contains('site-menu__toggle')")
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
@pytest.mark.parametrize("path", ["/", "/cy/"])
@pytest.mark.parametrize("size", PHONES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_999_is_in_view_and_the_other_numbers_a_tap_away(
    server_url, browser, size, path, javascript
):
    context = phone(browser, size, javascript=javascript)
    page = context.new_page()
    page.goto(server_url + path)
    emergency = page.locator('.help-strip a[href="tel:999"]')
    other = page.locator('.help-strip a[href="tel:101"]')

    assert emergency.is_visible()
    box = emergency.bounding_box()
    assert box["y"] + box["height"] < heading_top(page)
    assert box["height"] >= 44
    # The label is folded away on a phone, not from screen readers.
    assert "999" in emergency.inner_text()
    assert (
        emergency.evaluate("link => link.textContent")
        .strip()
        .startswith("Heddlu Dyfed-Powys" if path == "/cy/" else "Dyfed-Powys Police")
    )
    assert not other.is_visible()

    page.click(".help-strip__toggle")
    assert other.is_visible()
    assert page.locator('.help-strip a[href="tel:+448088010800"]').is_visible()
    context.close()


@pytest.mark.parametrize("path", ["/", "/cy/"])
def test_a_wide_screen_shows_everything_without_toggles(server_url, visit, path):
    tab = visit(width=1280)
    tab.page.goto(server_url + path)
    assert not tab.page.locator(".site-menu__toggle").is_visible()
    assert not tab.page.locator(".help-strip__toggle").is_visible()
    assert tab.page.locator("#site-search").is_visible()
    assert tab.page.locator(".site-nav a").first.is_visible()
    for number in ("tel:999", "tel:101", "tel:+448088010800"):
        assert tab.page.locator(f'.help-strip a[href="{number}"]').is_visible()
    assert tab.page.locator(".quick-exit__hint").is_visible()
    assert heading_top(tab.page) < 900


@pytest.mark.parametrize("opened", [False, True], ids=["closed", "open"])
@pytest.mark.parametrize("path", KEY_PAGES)
def test_phone_pages_are_accessible(server_url, browser, axe, path, opened):
    context = phone(browser, (375, 812))
    page = context.new_page()
    page.goto(server_url + path)
    if opened:
        page.click(".site-menu__toggle")
        page.click(".help-strip__toggle")
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    context.close()
