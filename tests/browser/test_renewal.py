"""The renewal page in a real browser: accessible in both languages, quick exit at 320 px.

As with the withdrawal pages, the pages need a member in the test database, so Django's
test client renders each step behind a real link and the browser is handed the result at
the test server's address, where its styles and scripts load as usual.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from core.member_links import make_token
from enrolment.messaging import issue_link
from enrolment.models import Member, MemberLink
from tests.browser.test_withdrawal import (  # noqa: F401  (fixtures used by name)
    NEUTRAL_SITE,
    assert_accessible,
    database_beside_browser,
    restore_the_async_guard,
    show,
)
from tests.factories import MemberFactory

pytestmark = pytest.mark.browser


def member_asked(language):
    member = MemberFactory(language=language, phone="07700 900123", phone_safe=True)
    Member.objects.filter(pk=member.pk).update(
        term_ends_on=timezone.localdate() + datetime.timedelta(days=30)
    )
    return Member.objects.get(pk=member.pk)


def open_page(client, member, language):
    link = issue_link(member, MemberLink.Purpose.RENEWAL)
    with translation.override(language):
        client.post(reverse("enrolment_public:open_link", kwargs={"token": make_token(link.key)}))
        return reverse("enrolment_public:renew")


def render_steps(client, language):
    """{step: html} of each step of the renewal page, in one language."""
    steps = {}
    path = open_page(client, member_asked(language), language)
    steps["question"] = client.get(path).content.decode()
    steps["missing answer"] = client.post(path, {}).content.decode()
    steps["call"] = client.post(path, {"answer": "call"}).content.decode()
    steps["no"] = client.post(path, {"answer": "no"}).content.decode()
    steps["confirm"] = client.post(path, {"choice": "stop_contact"}).content.decode()
    steps["yes"] = client.post(path, {"answer": "yes"}).content.decode()
    steps["renewed"] = client.get(path).content.decode()
    return steps


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.usefixtures("database_beside_browser")
def test_each_step_is_accessible(client, server_url, visit, axe, language):
    for name, html in render_steps(client, language).items():
        tab = visit()
        show(tab, server_url, html)
        assert tab.page.locator("html").get_attribute("lang") == language, name
        assert tab.page.locator("[data-quick-exit]").count(), name
        assert_accessible(tab, axe)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.usefixtures("database_beside_browser")
def test_the_question_reflows_and_keeps_quick_exit(client, server_url, visit, language):
    tab = visit(width=320)
    show(tab, server_url, render_steps(client, language)["question"])
    overflow = tab.page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    tab.page.click("[data-quick-exit]")
    tab.page.wait_for_url(NEUTRAL_SITE)
