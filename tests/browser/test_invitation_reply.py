"""The reply to an invitation in a real browser: accessible in both languages, quick exit
works, nothing scrolls sideways on a narrow phone.

The page needs a member, an invitation and a link's session in the database it is rendered
from, and the test server has its own database. So the pages are rendered here by Django's
test client and handed to the browser at the test server's address, where their styles and
scripts load as usual (as the withdrawal pages' browser tests do).
"""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from core.member_links import make_token
from enrolment.messaging import issue_link
from enrolment.models import EngagementMethod, MemberLink
from tests.browser.test_withdrawal import (  # noqa: F401  (fixtures)
    assert_accessible,
    database_beside_browser,
    restore_the_async_guard,
)
from tests.factories import ActivityFactory, InvitationFactory, MemberFactory

pytestmark = pytest.mark.browser

NEUTRAL_SITE = "https://www.bbc.co.uk/weather"


def show(tab, server_url, html):
    address = f"{server_url}/invitation-reply-under-test/"
    tab.page.route(
        address,
        lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html),
    )
    tab.page.goto(address)


def render_steps(client, language):
    """{step: html} of the reply page, in one language: the form, a refusal, the saved
    reply with support shown, and the page once the activity has closed."""
    activity = ActivityFactory(
        public_title="Hearing about a release",
        public_title_cy="Clywed am ryddhau",
        invitation_purpose="We would like to hear from you.",
        invitation_purpose_cy="Hoffem glywed gennych chi.",
        closes_on=datetime.date(2027, 3, 31),
    )
    activity.methods.set(EngagementMethod.objects.filter(code__in=["online_survey", "telephone"]))
    invitation = InvitationFactory(activity=activity, member=MemberFactory(language=language))
    with translation.override(language):
        address = reverse("impact_public:invitation_reply", kwargs={"invitation_id": invitation.pk})

    def open_session():
        link = issue_link(invitation.member, MemberLink.Purpose.INVITATION, invitation.pk)
        with translation.override(language):
            token = make_token(link.key)
            assert (
                client.post(reverse("enrolment_public:open_link", args=[token])).status_code == 303
            )

    steps = {}
    with time_machine.travel("2027-03-10 10:00", tick=False):
        open_session()
        steps["form"] = client.get(address).content.decode()
        assert 'name="answer"' in steps["form"]
        steps["refused"] = client.post(address, {"answer": "yes"}).content.decode()
        assert "error-summary" in steps["refused"]
        client.post(address, {"answer": "no", "topic_affects_me": "on"})
        steps["saved"] = client.get(address).content.decode()
        assert 'id="support-heading"' in steps["saved"]
    with time_machine.travel("2027-04-01 10:00", tick=False):
        open_session()
        steps["closed"] = client.get(address).content.decode()
        assert 'id="closed-heading"' in steps["closed"]
    return steps


@pytest.mark.django_db
@pytest.mark.usefixtures("database_beside_browser")
@pytest.mark.parametrize("language", ["en", "cy"])
def test_each_step_is_accessible(client, server_url, visit, axe, language):
    for name, html in render_steps(client, language).items():
        tab = visit()
        show(tab, server_url, html)
        assert tab.page.locator("html").get_attribute("lang") == language, name
        assert tab.page.locator("[data-quick-exit]").count() >= 1, name
        assert_accessible(tab, axe)


@pytest.mark.django_db
@pytest.mark.usefixtures("database_beside_browser")
@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_reply_reflows_at_320_pixels_and_keeps_quick_exit(client, server_url, visit, language):
    steps = render_steps(client, language)
    for name in ("form", "saved"):
        tab = visit(width=320)
        show(tab, server_url, steps[name])
        overflow = tab.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, name
    tab.page.click("[data-quick-exit]")
    tab.page.wait_for_url(NEUTRAL_SITE)
