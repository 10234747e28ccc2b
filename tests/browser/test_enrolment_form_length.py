"""The join form feels short on a phone: sections a person can see the end of, optional
questions folded away (in <details>, so without JavaScript too) until wanted or until they
hold an answer or an error, and nothing typed ever lost."""

import pytest

from tests.browser.test_enrolment_form import FORM, MIN_SECONDS, THANK_YOU, assert_accessible
from tests.browser.test_phone_layout import PHONES, phone, scrolls_sideways

pytestmark = pytest.mark.browser

# The page's height at 375 pixels wide before the optional questions were folded away.
HEIGHT_BEFORE = {"en": 10956, "cy": 12275}
GROUPS = "details[data-form-group]"


def page_height(page):
    return page.evaluate("document.documentElement.scrollHeight")


def open_groups(page):
    return page.evaluate(
        "[...document.querySelectorAll('details[data-form-group]')].filter(d => d.open).length"
    )


def group_of(page, selector):
    return page.locator(f"{GROUPS}:has({selector})")


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("size", PHONES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_on_a_phone_the_form_is_under_half_its_old_height_and_fits(
    server_url, browser, axe, size, language
):
    context = phone(browser, size)
    page = context.new_page()
    page.goto(server_url + FORM[language])

    assert page.locator(GROUPS).count() == 4
    assert open_groups(page) == 0
    assert page.locator(".form-contents li").count() == 6
    assert page.locator(".form-section__step").first.inner_text().endswith("6")
    height = page_height(page)
    print(f"join form at {size[0]} px, {language}: {height} px")
    assert height < HEIGHT_BEFORE[language]
    assert not scrolls_sideways(page)
    assert_accessible(axe, page)

    # Opened, every optional question still fits the screen.
    for summary in page.locator(f"{GROUPS} > summary").all():
        summary.click()
    assert open_groups(page) == 4
    assert not scrolls_sideways(page)
    assert_accessible(axe, page)
    context.close()


def answer_optional_questions(page):
    page.click(f"{GROUPS}:has(#id_age_band) > summary")
    page.select_option("#id_age_band", index=1)
    page.click(f"{GROUPS}:has(#id_methods_0) > summary")
    page.check("#id_methods_0")
    page.click(f"{GROUPS}:has(#id_safe_times) > summary")
    page.fill("#id_safe_times", "Weekday mornings")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
@pytest.mark.parametrize("language", ["en", "cy"])
def test_answers_in_folded_groups_survive_an_error_and_their_groups_come_back_open(
    server_url, browser, language, javascript
):
    context = phone(browser, (375, 812), javascript=javascript)
    page = context.new_page()
    page.goto(server_url + FORM[language])
    page.fill("#id_name", "Siân Ŵyn")
    answer_optional_questions(page)
    # Folded away again: folded answers are still sent with the form.
    page.click(f"{GROUPS}:has(#id_age_band) > summary")
    page.click(f"{GROUPS}:has(#id_safe_times) > summary")
    assert open_groups(page) == 1

    page.click("#enrolment-submit")
    page.wait_for_selector("[data-error-summary]")

    assert page.input_value("#id_name") == "Siân Ŵyn"
    assert page.input_value("#id_age_band") != ""
    assert page.is_checked("#id_methods_0")
    assert page.input_value("#id_safe_times") == "Weekday mornings"
    # Groups holding an answer are shown open; the one left empty stays folded.
    for field in ("#id_age_band", "#id_methods_0", "#id_safe_times"):
        assert group_of(page, field).get_attribute("open") is not None
        assert page.locator(field).is_visible()
    assert group_of(page, "#id_crime_types_0").get_attribute("open") is None
    context.close()


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("size", PHONES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_a_summary_link_opens_the_folded_group_and_focuses_its_field(
    server_url, browser, axe, size, language
):
    context = phone(browser, size)
    page = context.new_page()
    page.goto(server_url + FORM[language])
    page.click(f"{GROUPS}:has(#id_safe_times) > summary")
    page.fill("#id_safe_times", "x" * 201)  # too long: an error inside the group
    page.click(f"{GROUPS}:has(#id_safe_times) > summary")
    page.click("#enrolment-submit")
    page.wait_for_selector("[data-error-summary]")

    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    group = group_of(page, "#id_safe_times")
    # Shown open by the server, since it holds an error.
    assert group.get_attribute("open") is not None
    assert_accessible(axe, page)
    # Folded again by the person: the summary's link still reaches the field.
    group.locator("> summary").click()
    assert not page.locator("#id_safe_times").is_visible()

    page.click('[data-error-summary] a[href="#id_safe_times"]')

    assert group.get_attribute("open") is not None
    assert page.evaluate("document.activeElement.id") == "id_safe_times"
    assert page.locator("#id_safe_times").is_visible()
    assert page.input_value("#id_safe_times") == "x" * 201
    assert not scrolls_sideways(page)
    context.close()


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_form_can_be_sent_without_javascript(server_url, browser, language):
    context = phone(browser, (375, 812), javascript=False)
    page = context.new_page()
    page.goto(server_url + FORM[language])
    page.fill("#id_name", "No Script Person")
    page.check("#id_how_affected_0")
    page.check("#id_area_0")
    page.check(f'input[name="language"][value="{language}"]')
    page.fill("#id_email", "no.script@example.org")
    page.check('input[name="preferred_contact"][value="email"]')
    page.check('input[name="safe_channels"][value="email"]')
    page.click(f"{GROUPS}:has(#id_voicemail_safe) > summary")
    page.check("#id_voicemail_safe")
    page.check("#id_consent_contact")
    page.wait_for_timeout(MIN_SECONDS * 1000 + 300)

    page.click("#enrolment-submit")

    page.wait_for_url(server_url + THANK_YOU[language])
    context.close()
