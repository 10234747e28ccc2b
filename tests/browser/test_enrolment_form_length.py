"""The join form is short on a phone: under half its old height, in four sections a person
can see the end of, with the optional questions and "who can join" folded away (in
<details>, so without JavaScript too) until wanted or until they hold an answer or an
error, the warning about crime always in sight, and nothing typed ever lost."""

import pytest

from tests.browser.test_enrolment_form import FORM, MIN_SECONDS, THANK_YOU, assert_accessible
from tests.browser.test_phone_layout import PHONES, phone, scrolls_sideways

pytestmark = pytest.mark.browser

# The page's height at 375 pixels wide before the form was made short.
HEIGHT_BEFORE = {"en": 10956, "cy": 12275}
GROUPS = "details[data-form-group]"
OPTIONAL_GROUPS = 5


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

    assert page.locator(GROUPS).count() == OPTIONAL_GROUPS
    assert open_groups(page) == 0
    assert page.locator(".form-contents li").count() == 4
    assert page.locator(".form-section__step").first.inner_text().endswith("4")
    # Folded or not, the warning about crime is always in sight, with 999 and 101.
    warning = page.locator(".callout--warning")
    assert warning.is_visible()
    assert "999" in warning.inner_text() and "101" in warning.inner_text()
    assert page.locator("details .callout--warning").count() == 0
    height = page_height(page)
    print(f"join form at {size[0]} px, {language}: {height} px")
    # The narrower phone is longer still, but not by much.
    limit = HEIGHT_BEFORE[language] / 2 if size[0] == 375 else HEIGHT_BEFORE[language] * 0.6
    assert height < limit
    assert not scrolls_sideways(page)
    assert_accessible(axe, page)

    # Opened, every optional question and "who can join" still fits the screen.
    page.click(".form-intro > summary")
    assert page.locator(".form-intro__body").is_visible()
    for summary in page.locator(f"{GROUPS} > summary").all():
        summary.click()
    assert open_groups(page) == OPTIONAL_GROUPS
    page.check('input[name="preferred_term"][value="own"]')
    assert page.locator("#id_own_term").is_visible()
    assert not scrolls_sideways(page)
    assert_accessible(axe, page)
    context.close()


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_own_word_box_shows_once_its_answer_is_chosen_and_never_hides_what_is_typed(
    server_url, browser, language
):
    context = phone(browser, (375, 812))
    page = context.new_page()
    page.goto(server_url + FORM[language])
    page.click(f"{GROUPS}:has(#id_own_term) > summary")
    assert not page.locator("#id_own_term").is_visible()

    page.check('input[name="preferred_term"][value="own"]')
    page.fill("#id_own_term", "Goroeswr ŵ")
    # Another word chosen after typing one: the typed word stays in sight, and the server
    # then asks which they mean.
    page.check('input[name="preferred_term"][value="survivor"]')
    assert page.locator("#id_own_term").is_visible()
    page.click("#enrolment-submit")
    page.wait_for_selector("[data-error-summary]")

    assert page.locator("#id_own_term").is_visible()
    assert page.input_value("#id_own_term") == "Goroeswr ŵ"
    page.click('[data-error-summary] a[href="#id_own_term"]')
    assert page.evaluate("document.activeElement.id") == "id_own_term"
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
