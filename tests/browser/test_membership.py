"""The member's pages in a real browser, in both languages: the page asking for a link,
the answer after it, the one-click open page, a message behind a link and the closed
page. Accessible (axe), with the quick exit, and no sideways scroll at 320 pixels.

Pages that need a member are rendered by Django's test client and shown at the test
server's address (see test_withdrawal.py); the others come from the server itself.
"""

import pytest

from enrolment.messaging import Kind, deliver_message, send
from tests.factories import MemberFactory
from tests.support.messages import link_in, path_of

from .test_withdrawal import (  # noqa: F401 (a fixture)
    assert_accessible,
    database_beside_browser,
    show,
)

pytestmark = pytest.mark.browser

SERVED = {
    "en": ["/membership/", "/membership/check-your-messages/", "/membership/signed-out/"],
    "cy": ["/cy/aelodaeth/", "/cy/aelodaeth/gwiriwch-eich-negeseuon/", "/cy/aelodaeth/ar-gau/"],
}


def assert_fits_and_has_quick_exit(tab):
    assert tab.page.locator("[data-quick-exit]").count() >= 1
    overflow = tab.page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_public_membership_pages(server_url, visit, axe, language):
    for path in SERVED[language]:
        for width in (1280, 320):
            tab = visit(width=width)
            response = tab.page.goto(server_url + path)
            assert response.status == 200, path
            assert tab.page.locator("html").get_attribute("lang") == language
            assert_accessible(tab, axe)
            assert_fits_and_has_quick_exit(tab)
            assert tab.console_errors == [], path


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_mistake_on_the_request_page_is_announced_and_accessible(
    server_url, visit, axe, language
):
    tab = visit(width=320)
    tab.page.goto(server_url + SERVED[language][0])
    tab.page.fill("#id_address", "<script>ŵŷâ</script>")
    tab.page.click("#link-request-submit")
    tab.page.wait_for_selector("[data-error-summary]")
    assert tab.page.input_value("#id_address") == "<script>ŵŷâ</script>"
    assert_accessible(tab, axe)
    assert_fits_and_has_quick_exit(tab)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_closed_page(server_url, visit, axe, language):
    tab = visit(width=320)
    path = "/cy/aelodaeth/neges/" if language == "cy" else "/membership/message/"
    response = tab.page.goto(server_url + path)
    assert response.status == 403
    assert_accessible(tab, axe)
    assert_fits_and_has_quick_exit(tab)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_open_page_and_a_message_behind_the_link(
    database_beside_browser,  # noqa: F811
    client,
    mailoutbox,
    server_url,
    visit,
    axe,
    language,
):
    member = MemberFactory(language=language)
    message = send(member, Kind.WITHDRAWAL_LINK)
    deliver_message.call(message.pk)
    path = path_of(link_in(mailoutbox[-1].body))
    pages = {
        "open": client.get(path).content.decode(),
        "message": client.post(path, follow=True).content.decode(),
    }
    for name, html in pages.items():
        for width in (1280, 320):
            tab = visit(width=width)
            show(tab, server_url, html)
            assert tab.page.locator("html").get_attribute("lang") == language, name
            assert_accessible(tab, axe)
            assert_fits_and_has_quick_exit(tab)
