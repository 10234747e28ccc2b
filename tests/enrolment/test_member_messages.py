"""One envelope for every message to a member, and the signed link it carries."""

import re

import pytest
import time_machine
from django.urls import reverse

from enrolment.messaging import KINDS, deliver_message, register_kind, send
from enrolment.models import Member, MemberLink, MemberMessage
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

KIND = MemberMessage.Kind.UPDATE


@pytest.fixture
def update_kind():
    """A kind whose page says something only the link's holder may read."""
    saved = dict(KINDS)

    def page(message):
        return "enrolment/membership/message.html", {"heading": "Behind the link"}

    register_kind(KIND)(page)
    yield
    KINDS.clear()
    KINDS.update(saved)


def link_in(body):
    return re.search(r"https?://\S+", body).group(0)


def path_of(url):
    return "/" + url.split("/", 3)[3]


def test_an_email_says_only_who_it_is_from_and_opens_behind_a_click(
    client, mailoutbox, update_kind, django_capture_on_commit_callbacks
):
    member = MemberFactory(may_say_opcc=False)
    with django_capture_on_commit_callbacks(execute=True):
        message = send(member, KIND)
    message.refresh_from_db()
    assert message.channel == "email" and message.state == "sent"
    (email,) = mailoutbox
    assert email.to == [member.email]
    assert email.subject == "A message from Community Voices"
    assert "Behind the link" not in email.body

    path = path_of(link_in(email.body))
    opened = client.get(path)
    assert opened.status_code == 200
    assert "Behind the link" not in opened.content.decode()
    page = client.post(path, follow=True)
    assert page.status_code == 200
    assert "Behind the link" in page.content.decode()
    assert page.redirect_chain[-1][0] == reverse("enrolment_public:message")


def test_signing_out_ends_the_link(
    client, mailoutbox, update_kind, django_capture_on_commit_callbacks
):
    member = MemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        send(member, KIND)
    path = path_of(link_in(mailoutbox[0].body))
    client.post(path)
    client.post(reverse("enrolment_public:sign_out"))
    assert client.get(reverse("enrolment_public:message")).status_code == 403
    assert client.post(path).status_code == 410


def test_a_staff_status_change_ends_the_link_and_the_session(
    client, mailoutbox, update_kind, django_capture_on_commit_callbacks
):
    member = MemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        send(member, KIND)
    path = path_of(link_in(mailoutbox[0].body))
    client.post(path)
    member.set_status(Member.Status.WITHDRAWN)
    assert client.get(reverse("enrolment_public:message")).status_code == 403
    assert client.post(path).status_code == 410


def test_the_session_closes_after_idle_minutes(
    client, mailoutbox, update_kind, django_capture_on_commit_callbacks
):
    member = MemberFactory()
    with time_machine.travel("2026-12-01 10:00", tick=False) as traveller:
        with django_capture_on_commit_callbacks(execute=True):
            send(member, KIND)
        client.post(path_of(link_in(mailoutbox[0].body)))
        assert client.get(reverse("enrolment_public:message")).status_code == 200
        traveller.shift(11 * 60)
        assert client.get(reverse("enrolment_public:message")).status_code == 403


def test_no_safe_channel_means_listed_and_not_contacted(
    mailoutbox, update_kind, django_capture_on_commit_callbacks
):
    member = MemberFactory(email_safe=False)
    with django_capture_on_commit_callbacks(execute=True):
        message = send(member, KIND)
    assert message.channel == "none" and message.state == "not_sent"
    assert message.link is None
    assert mailoutbox == []


def test_a_newer_link_supersedes_the_older(update_kind):
    member = MemberFactory()
    from enrolment.messaging import issue_link

    first = issue_link(member, MemberLink.Purpose.MANAGE)
    second = issue_link(member, MemberLink.Purpose.MANAGE)
    first.refresh_from_db()
    assert not first.is_live() and first.ending == "superseded"
    assert second.is_live()


def test_an_email_removed_before_its_turn_is_never_sent(mailoutbox, update_kind):
    member = MemberFactory()
    message = send(member, KIND)  # queued; the task has not run
    Member.objects.filter(pk=member.pk).update(email_safe=False)
    deliver_message.call(message.pk)
    message.refresh_from_db()
    assert message.state == "cancelled"
    assert mailoutbox == []
