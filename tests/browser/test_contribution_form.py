"""The anonymous contribution form in a real browser, in both languages.

The demo content has one activity taking contributions (public code "demo-release").
"""

import pytest

from tests.browser.test_public_pages import AXE_TAGS

pytestmark = pytest.mark.browser

LIST = {"en": "/have-your-say/", "cy": "/cy/dweud-eich-dweud/"}
FORM = {"en": "/have-your-say/demo-release/", "cy": "/cy/dweud-eich-dweud/demo-release/"}
THANK_YOU = {"en": "/have-your-say/thank-you/", "cy": "/cy/dweud-eich-dweud/diolch/"}
# The server refuses a form sent sooner than this after it was shown (settings).
MIN_SECONDS = 3


def assert_accessible(axe, page):
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.violations_count == 0, results.generate_report()


def focused(page):
    return page.evaluate(
        "() => ({id: document.activeElement.id,"
        " summary: document.activeElement.hasAttribute('data-error-summary')})"
    )


def send_back(tab):
    """Send the form and wait for it to come back with its deferred script run."""
    tab.page.click("#contribution-submit")
    tab.page.wait_for_selector("[data-error-summary]")
    tab.page.wait_for_load_state("load")


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_list_leads_to_the_form_and_both_are_accessible(server_url, visit, axe, language):
    tab = visit()
    tab.page.goto(server_url + LIST[language])
    assert tab.page.locator("html").get_attribute("lang") == language
    assert_accessible(axe, tab.page)

    tab.page.click(f'main a[href="{FORM[language]}"]')

    tab.page.wait_for_url(server_url + FORM[language])
    assert_accessible(axe, tab.page)
    assert tab.outside_requests == []
    assert tab.console_errors == []


@pytest.mark.parametrize("language", ["en", "cy"])
def test_after_an_empty_answer_the_summary_has_focus_and_all_is_accessible(
    server_url, visit, axe, language
):
    tab = visit()
    tab.page.goto(server_url + FORM[language])
    assert_accessible(axe, tab.page)

    tab.page.fill("#id_text", "   ")
    send_back(tab)

    assert focused(tab.page)["summary"]
    assert tab.page.locator("html").get_attribute("lang") == language
    assert tab.page.locator("#id_text").get_attribute("aria-invalid") == "true"
    assert_accessible(axe, tab.page)

    # The summary's link moves focus to the box.
    tab.page.click('[data-error-summary] a[href="#id_text"]')
    assert focused(tab.page)["id"] == "id_text"
    assert tab.outside_requests == []
    assert tab.console_errors == []


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_long_answer_is_kept_when_sent_back(server_url, visit, axe, language):
    tab = visit()
    tab.page.goto(server_url + FORM[language])
    words = "Ŵyn <b>ŷ</b> â. " * 400  # over the limit

    tab.page.fill("#id_text", words)
    send_back(tab)

    assert focused(tab.page)["summary"]
    assert tab.page.input_value("#id_text") == words
    assert_accessible(axe, tab.page)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_contribution_reaches_the_thank_you_page(server_url, visit, axe, language):
    tab = visit()
    tab.page.goto(server_url + FORM[language])
    tab.page.fill("#id_text", "Browser test: a plain letter would have been kinder.")
    # A person takes longer than the robot check's minimum; so must the test.
    tab.page.wait_for_timeout(MIN_SECONDS * 1000 + 300)

    tab.page.click("#contribution-submit")

    tab.page.wait_for_url(server_url + THANK_YOU[language])
    assert tab.page.locator("html").get_attribute("lang") == language
    assert "plain letter" not in tab.page.content()
    assert_accessible(axe, tab.page)
    # Reloading the thank-you page does not send the form again.
    response = tab.page.reload()
    assert response.request.method == "GET"
    assert tab.outside_requests == []
    assert tab.console_errors == []
