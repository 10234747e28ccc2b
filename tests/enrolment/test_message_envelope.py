"""The envelope of every kind of message to a member: it names the sender and carries a
link, in the member's language, to a safe channel only, and is recorded without content.

Parametrized over every registered kind, so a kind added later is checked too."""

import re
from pathlib import Path

import pytest
import yaml
from django.core import mail
from wagtail.models import ModelLogEntry

from enrolment.messaging import KINDS, Kind, deliver_message, send, send_to_new_email
from enrolment.models import Member
from pages.models import Navigation
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

FORBIDDEN = (
    "victim",
    "survivor",
    "crime",
    "abuse",
    "dioddefwr",
    "goroeswr",
    "trosedd",
    "cam-drin",
)
DEMO = Path(__file__).resolve().parents[2] / "site" / "demo" / "content"


def demo_names():
    """Titles of the demo's activities, and its topics' and partners' names, in both
    languages: what a message must never give away."""
    names = [
        activity["title"] for activity in yaml.safe_load((DEMO / "activities.yaml").read_text())
    ]
    for source in ("topics.yaml", "partners.yaml"):
        for entry in yaml.safe_load((DEMO / source).read_text()).values():
            names += [entry[code]["name"] for code in ("en", "cy") if code in entry]
    return names


DEMO_NAMES = demo_names()


def member_for(kind, language, may_say_opcc):
    status = KINDS[kind].statuses[0]
    member = MemberFactory(language=language or "en", may_say_opcc=may_say_opcc, status=status)
    if kind == Kind.CONFIRM_CONTACT:
        member.pending_email = "new.address@example.org"
        member.save()
    return member


def address_for(member, kind):
    """Where the message goes: a new address is confirmed by a message to it alone."""
    return member.pending_email if kind == Kind.CONFIRM_CONTACT else member.email


def sent_email(member, kind):
    message = send_to_new_email(member) if kind == Kind.CONFIRM_CONTACT else send(member, kind)
    assert message is not None and message.channel == "email"
    assert deliver_message.call(message.pk) == "sent"
    (email,) = mail.outbox
    return message, email


def office_names():
    return [Navigation.organisation_name_in(code) for code in ("en", "cy")]


@pytest.mark.parametrize("may_say_opcc", [False, True])
@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_envelope_gives_nothing_away(kind, language, may_say_opcc):
    member = member_for(kind, language, may_say_opcc)
    _message, email = sent_email(member, kind)
    assert email.to == [address_for(member, kind)]
    text = f"{email.subject}\n{email.body}"
    offices = [name for name in office_names() if name]
    if may_say_opcc:
        assert any(name in text for name in offices), "the office is the sender"
        for name in offices:
            text = text.replace(name, "")
    else:
        for name in offices:
            assert name not in text
        assert "police" not in text.lower() and "heddlu" not in text.lower()
    lowered = text.lower()
    for word in FORBIDDEN:
        assert word not in lowered, word
    for name in DEMO_NAMES:
        assert name.lower() not in lowered, name
    assert member.name not in text and member.reference not in text
    assert len(re.findall(r"https?://", email.body)) == 1


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_member_whose_language_is_not_known_gets_both_welsh_first(kind):
    member = member_for(kind, "en", False)
    Member.objects.filter(pk=member.pk).update(language="")
    member.refresh_from_db()
    _message, email = sent_email(member, kind)
    assert email.subject == "Neges gan Lleisiau Cymunedol / A message from Community Voices"
    welsh, english = email.body.index("/cy/aelodaeth/agor/"), email.body.index("/membership/open/")
    assert welsh < english
    assert email.body.index("Helo") < email.body.index("Hello")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_it_goes_only_through_a_safe_channel(kind):
    status = KINDS[kind].statuses[0]
    unsafe = MemberFactory(email_safe=False, status=status, phone="07912 345678")
    message = send(unsafe, kind)
    assert (message.channel, message.state) == ("none", "not_sent")
    assert message.link is None
    by_letter = MemberFactory(
        email_safe=False, letter_safe=True, address="1 Heol Fawr, Llŷn", status=status
    )
    letter = send(by_letter, kind)
    assert (letter.channel, letter.state) == ("post", "to_print")
    assert letter.link is not None
    assert mail.outbox == []


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_it_is_recorded_on_the_members_history_without_content(kind):
    member = member_for(kind, "cy", True)
    message, _email = sent_email(member, kind)
    entries = ModelLogEntry.objects.filter(
        object_id=str(member.pk), action__in=["enrolment.message", "enrolment.message_outcome"]
    ).order_by("pk")
    assert [entry.action for entry in entries] == [
        "enrolment.message",
        "enrolment.message_outcome",
    ]
    assert entries[0].data == {"kind": kind, "channel": "email", "state": "queued"}
    assert entries[1].data == {"kind": kind, "channel": "email", "state": "sent"}
    assert entries[0].label == member.reference
    assert str(message) == f"{message.get_kind_display()} ({member.reference})"


def test_every_kind_that_links_to_a_message_has_a_page():
    from enrolment.messaging import LinkPurpose

    for kind, spec in KINDS.items():
        if spec.link_purpose == LinkPurpose.MESSAGE:
            assert spec.page is not None, kind
