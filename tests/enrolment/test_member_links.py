"""A member's signed link: what opens it, what ends it, and the short session it opens."""

import datetime
from urllib.parse import quote

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from core.member_links import make_token
from enrolment.messaging import Kind, LinkPurpose, deliver_message, issue_link, send
from enrolment.models import Member, MemberLink
from tests.factories import MemberFactory
from tests.support.messages import link_in, path_of

pytestmark = pytest.mark.django_db

MESSAGE_URL = {"en": "/membership/message/", "cy": "/cy/aelodaeth/neges/"}
# The page behind a withdrawal_link message says this (in English).
BEHIND = "See the choices"


def emailed_link(member, mailoutbox):
    message = send(member, Kind.WITHDRAWAL_LINK)
    deliver_message.call(message.pk)
    return message, path_of(link_in(mailoutbox[-1].body))


def assert_private(response):
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


@pytest.mark.parametrize("language", ["en", "cy"])
def test_get_never_opens_only_the_button_does(client, mailoutbox, language):
    member = MemberFactory(language=language)
    _message, path = emailed_link(member, mailoutbox)
    assert path.startswith("/cy/aelodaeth/agor/" if language == "cy" else "/membership/open/")
    shown = client.get(path)
    assert shown.status_code == 200
    assert_private(shown)
    assert '<meta name="robots" content="noindex, nofollow">' in shown.content.decode()
    assert client.head(path).status_code == 200
    # A mail scanner's GET and HEAD open nothing.
    assert client.get(MESSAGE_URL[language]).status_code == 403
    opened = client.post(path)
    assert opened.status_code == 303
    assert opened["Location"] == MESSAGE_URL[language]
    page = client.get(MESSAGE_URL[language])
    assert page.status_code == 200
    assert_private(page)
    assert "data-quick-exit" in page.content.decode()
    with translation.override(language):
        assert translation.gettext(BEHIND) in page.content.decode()


def test_a_tampered_token_is_refused(client, mailoutbox):
    _message, path = emailed_link(MemberFactory(), mailoutbox)
    token = path.rstrip("/").rsplit("/", 1)[1]
    changed = token[:-1] + ("A" if token[-1] != "A" else "B")
    for bad in (changed, "nonsense", "x" * 5000, "<script>alert(1)<script>", "ŵŷâ"):
        response = client.post(f"/membership/open/{quote(bad)}/")
        assert response.status_code == 400, bad
        assert_private(response)
        assert "<script>alert" not in response.content.decode()


def test_a_link_expires_after_the_days_set(client, mailoutbox):
    with time_machine.travel("2026-12-01 10:00", tick=False) as traveller:
        _message, path = emailed_link(MemberFactory(), mailoutbox)
        traveller.shift(datetime.timedelta(days=13, hours=23))
        assert client.get(path).status_code == 200
        traveller.shift(datetime.timedelta(hours=2))
        assert client.get(path).status_code == 410
        assert client.post(path).status_code == 410


def test_a_session_of_one_member_cannot_read_anothers_message(client, mailoutbox):
    theirs, _path = emailed_link(MemberFactory(), mailoutbox)
    intruder = MemberFactory()
    # A link for the intruder that points at the other member's message.
    link = issue_link(intruder, LinkPurpose.MESSAGE, target_id=theirs.pk)
    path = reverse("enrolment_public:open_link", kwargs={"token": make_token(link.key)})
    client.post(path)
    response = client.get(MESSAGE_URL["en"])
    assert response.status_code == 404
    assert BEHIND not in response.content.decode()


def test_a_link_of_another_purpose_does_not_open_a_message(client):
    member = MemberFactory()
    link = issue_link(member, LinkPurpose.MESSAGE, target_id=None)
    MemberLink.objects.filter(pk=link.pk).update(purpose=LinkPurpose.RENEWAL)
    path = reverse("enrolment_public:open_link", kwargs={"token": make_token(link.key)})
    client.post(path)
    assert client.get(MESSAGE_URL["en"]).status_code in (403, 410)


def test_a_newer_link_supersedes_the_older(client, mailoutbox):
    member = MemberFactory()
    link = issue_link(member, LinkPurpose.MANAGE)
    older = reverse("enrolment_public:open_link", kwargs={"token": make_token(link.key)})
    issue_link(member, LinkPurpose.MANAGE)
    assert client.post(older).status_code == 410
    link.refresh_from_db()
    assert link.ending == MemberLink.Ending.SUPERSEDED


def test_a_status_change_made_elsewhere_ends_the_link_and_its_session(client, mailoutbox):
    member = MemberFactory()
    _message, path = emailed_link(member, mailoutbox)
    client.post(path)
    assert client.get(MESSAGE_URL["en"]).status_code == 200
    member.set_status(Member.Status.LAPSED)
    assert client.get(MESSAGE_URL["en"]).status_code == 403
    assert client.post(path).status_code == 410


def test_signing_out_ends_the_link_for_good(client, mailoutbox):
    _message, path = emailed_link(MemberFactory(), mailoutbox)
    client.post(path)
    closed = client.post(reverse("enrolment_public:sign_out"), follow=True)
    assert closed.status_code == 200
    assert closed.redirect_chain[-1][0] == "/membership/signed-out/"
    assert_private(closed)
    assert client.get(MESSAGE_URL["en"]).status_code == 403
    # The same address, in this browser or another, does not open it again.
    assert client.post(path).status_code == 410
    assert client.__class__().post(path).status_code == 410


def test_the_session_closes_after_the_idle_minutes(client, mailoutbox):
    with time_machine.travel("2026-12-01 10:00", tick=False) as traveller:
        _message, path = emailed_link(MemberFactory(), mailoutbox)
        client.post(path)
        traveller.shift(9 * 60)
        assert client.get(MESSAGE_URL["en"]).status_code == 200  # use keeps it open
        traveller.shift(9 * 60)
        assert client.get(MESSAGE_URL["en"]).status_code == 200
        traveller.shift(11 * 60)
        ended = client.get(MESSAGE_URL["en"])
        assert ended.status_code == 403
        assert_private(ended)


def test_pages_that_say_a_link_has_ended_offer_the_request_page(client):
    response = client.get(MESSAGE_URL["cy"])
    assert response.status_code == 403
    assert 'href="/cy/aelodaeth/"' in response.content.decode()
    response = client.get("/membership/signed-out/")
    assert 'href="/membership/"' in response.content.decode()
