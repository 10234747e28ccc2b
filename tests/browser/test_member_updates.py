"""An update's page behind the member's link, in a real browser: accessible in both
languages, quick exit present and working, no sideways scroll at 320 pixels.

The page needs a member and a live link in the database it is rendered from, and the test
server has its own database. So Django's test client opens the link and renders the page,
which is handed to the browser at the test server's address, where its styles and scripts
load as usual (as tests/browser/test_withdrawal.py does).
"""

import pytest
from wagtail.models import Locale

from enrolment.messaging import link_url
from enrolment.models import MemberMessage, PrivacyNotice
from impact.models import MemberUpdate
from impact.updates import send_update
from tests.browser.test_withdrawal import (
    NEUTRAL_SITE,
    assert_accessible,
    database_beside_browser,  # noqa: F401 (a fixture)
    restore_the_async_guard,  # noqa: F401 (a fixture)
)
from tests.factories import MemberFactory

pytestmark = pytest.mark.browser


def show(tab, server_url, html):
    address = f"{server_url}/member-update-under-test/"
    tab.page.route(
        address,
        lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html),
    )
    tab.page.goto(address)


def update_page(client, language):
    """The privacy notice update's page, as the member sees it in their language."""
    member = MemberFactory(language=language)
    english = PrivacyNotice.objects.create(
        locale=Locale.objects.get(language_code="en"),
        version="2099-01",
        summary="<p>What we keep and why.</p>",
        body="<h2>Who we are</h2><p>The full notice.</p>",
    )
    PrivacyNotice.objects.create(
        locale=Locale.objects.get(language_code="cy"),
        translation_key=english.translation_key,
        version="2099-01",
        summary="<p>Beth rydym yn ei gadw a pham.</p>",
        body="<h2>Pwy ydym ni</h2><p>Yr hysbysiad llawn.</p>",
    )
    update = MemberUpdate.objects.create(
        purpose=MemberUpdate.Purpose.PRIVACY_NOTICE,
        title="We have changed our privacy notice",
        title_cy="Rydym wedi newid ein hysbysiad preifatrwydd",
        body="It now says how long we keep replies.\n\nNothing else has changed.",
        body_cy=(
            "Mae nawr yn dweud am ba hyd rydym yn cadw atebion.\n\nDoes dim byd arall wedi newid."
        ),
    )
    send_update(update, by=None)
    message = MemberMessage.objects.get(kind="update", target_id=update.pk, member=member)
    path = "/" + link_url(message.link, language).split("/", 3)[3]
    page = client.post(path, follow=True)
    assert page.status_code == 200
    return page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_update_page_is_accessible_in_each_language(
    database_beside_browser,  # noqa: F811
    client,
    server_url,
    visit,
    axe,
    language,
):
    tab = visit()
    show(tab, server_url, update_page(client, language))
    assert tab.page.locator("html").get_attribute("lang") == language
    assert tab.page.locator("[data-quick-exit]").count() >= 1
    assert_accessible(tab, axe)


@pytest.mark.django_db
def test_the_update_page_reflows_at_320_pixels_and_quick_exit_works(
    database_beside_browser,  # noqa: F811
    client,
    server_url,
    visit,
):
    tab = visit(width=320)
    show(tab, server_url, update_page(client, "cy"))
    overflow = tab.page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    tab.page.click("[data-quick-exit]")
    tab.page.wait_for_url(NEUTRAL_SITE)
