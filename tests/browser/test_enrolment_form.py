"""The self-referral form in a real browser, in both languages.

The page itself (axe, 320 pixels, quick exit, language switch, no outside requests) is
covered with every demo page in test_public_pages.py; this file covers the form in use.
"""

import pytest

from tests.browser.test_public_pages import AXE_TAGS

pytestmark = pytest.mark.browser

FORM = {"en": "/join/", "cy": "/cy/ymuno/"}
THANK_YOU = {"en": "/join/thank-you/", "cy": "/cy/ymuno/diolch/"}
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


def send_nearly_empty(tab, server_url, language):
    tab.page.goto(server_url + FORM[language])
    tab.page.fill("#id_name", "Siân <b>Ŵyn</b>")
    tab.page.check("#id_consent_crime_types")
    tab.page.click("#enrolment-submit")
    tab.page.wait_for_selector("[data-error-summary]")


@pytest.mark.parametrize("language", ["en", "cy"])
def test_after_a_bad_submission_the_summary_has_focus_and_all_is_accessible(
    server_url, visit, axe, language
):
    tab = visit()
    tab.page.goto(server_url + FORM[language])
    assert_accessible(axe, tab.page)

    send_nearly_empty(tab, server_url, language)

    assert focused(tab.page)["summary"]
    assert tab.page.locator("html").get_attribute("lang") == language
    # What was typed and ticked is still there.
    assert tab.page.input_value("#id_name") == "Siân <b>Ŵyn</b>"
    assert tab.page.is_checked("#id_consent_crime_types")
    assert_accessible(axe, tab.page)
    assert tab.outside_requests == []
    assert tab.console_errors == []


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize(
    "target",
    ["id_how_affected_0", "id_email", "id_safe_channels_0", "id_consent_contact"],
)
def test_each_summary_link_moves_focus_to_its_question(server_url, visit, language, target):
    tab = visit()
    send_nearly_empty(tab, server_url, language)

    tab.page.click(f'[data-error-summary] a[href="#{target}"]')

    assert focused(tab.page)["id"] == target
    assert tab.page.locator(f"#{target}").is_visible()


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_complete_submission_reaches_the_thank_you_page(server_url, visit, language):
    tab = visit()
    tab.page.goto(server_url + FORM[language])
    tab.page.fill("#id_name", "Browser Test Person")
    tab.page.check("#id_how_affected_0")
    tab.page.check("#id_area_0")
    tab.page.check(f'input[name="language"][value="{language}"]')
    tab.page.fill("#id_email", "browser.test@example.org")
    tab.page.check('input[name="preferred_contact"][value="email"]')
    tab.page.check('input[name="safe_channels"][value="email"]')
    tab.page.check("#id_consent_contact")
    # A person takes longer than the robot check's minimum; so must the test.
    tab.page.wait_for_timeout(MIN_SECONDS * 1000 + 300)

    tab.page.click("#enrolment-submit")

    tab.page.wait_for_url(server_url + THANK_YOU[language])
    assert tab.page.locator("h1").is_visible()
    assert "Browser Test Person" not in tab.page.content()
    assert "browser.test@example.org" not in tab.page.content()
    # Reloading the thank-you page does not send the form again.
    response = tab.page.reload()
    assert response.request.method == "GET"
    assert tab.console_errors == []
