"""A member's own page in a real browser: accessible in both languages, quick exit there
and working, and no sideways scroll on a 320 px phone.

The page needs a member and a session in the database it is rendered from, and the test
server has its own database; so Django's test client renders each page here and the
browser is handed it at the test server's address, where styles and scripts load as usual
(as in test_withdrawal.py).
"""

import pytest
from django.urls import reverse
from django.utils import translation

from core.member_links import make_token
from enrolment.messaging import issue_link
from enrolment.models import MemberLink, Purpose
from tests.browser.test_withdrawal import (
    NEUTRAL_SITE,
    assert_accessible,
    database_beside_browser,  # noqa: F401 (fixtures)
    restore_the_async_guard,  # noqa: F401
    show,
)
from tests.factories import MemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PAGES = [
    ("my_page", None),
    ("my_page_email", {"email": "<b>not an address", "email_safe": ""}),
    ("my_page_phone", None),
    ("my_page_address", None),
    ("my_page_safe_contact", {"safe_channels": "text", "preferred_contact": "post"}),
    ("my_page_about_you", None),
    ("my_page_crime_types", None),
    ("my_page_fairness", None),
    ("my_page_leave", None),
]


def render_pages(client, language):
    """{name: html} of every page of the member's own page, some with errors showing."""
    member = MemberFactory(
        language=language,
        phone="07912 111222",
        phone_safe=True,
        consents=[Purpose.CRIME_TYPES, Purpose.DEMOGRAPHICS],
    )
    link = issue_link(member, MemberLink.Purpose.MANAGE)
    with translation.override(language):
        client.post(reverse("enrolment_public:open_link", kwargs={"token": make_token(link.key)}))
        pages = {}
        for name, data in PAGES:
            path = reverse(f"enrolment_public:{name}")
            response = client.post(path, data) if data else client.get(path)
            pages[name] = response.content.decode()
    return pages


@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_page_is_accessible(
    database_beside_browser,  # noqa: F811
    client,
    server_url,
    visit,
    axe,
    language,
):
    for name, html in render_pages(client, language).items():
        tab = visit()
        show(tab, server_url, html)
        assert tab.page.locator("html").get_attribute("lang") == language, name
        assert tab.page.locator("[data-quick-exit]").count() >= 1, name
        assert_accessible(tab, axe)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_pages_fit_a_small_phone_and_quick_exit_works(
    database_beside_browser,  # noqa: F811
    client,
    server_url,
    visit,
    language,
):
    pages = render_pages(client, language)
    for name, html in pages.items():
        tab = visit(width=320)
        show(tab, server_url, html)
        overflow = tab.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, name
    tab = visit(width=320)
    show(tab, server_url, pages["my_page"])
    tab.page.click("[data-quick-exit]")
    tab.page.wait_for_url(NEUTRAL_SITE)
