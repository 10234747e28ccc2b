"""Sending an activity's invitation through the product: the text in both languages first,
the preview, each channel, nobody twice, nobody without a safe channel contacted."""

import html
import re

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from enrolment.models import Member, MemberLink, MemberMessage
from impact import targeting
from impact.models import Invitation
from tests.enrolment.staff import prefer_welsh
from tests.factories import ActivityFactory, InvitingActivityFactory, MemberFactory
from tests.html import parse
from tests.support.invitations import (
    by_email,
    by_letter,
    by_phone,
    by_text_only,
    send_invitation,
    url,
)

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('invite')</script>"
HOSTILE = f"{SCRIPT} Ŵyn Prŷs â ŷ Ελληνικά 日本語 " + "x" * 1900

SENDING_URL_NAMES = (
    "preview_invitation",
    "send_invitation",
    "sent_invitations",
    "invitation_letters",
    "letters_posted",
    "call_list",
    "record_call",
)


@pytest.fixture
def activity():
    return InvitingActivityFactory(title="Court letters review")


def text(response):
    return html.unescape(response.content.decode())


def invitation_messages():
    return MemberMessage.objects.filter(kind=MemberMessage.Kind.INVITATION)


# --- the text, in both languages ------------------------------------------------------


@pytest.mark.parametrize("blank", ["invitation_purpose_cy", "invitation_support", "closes_on"])
def test_nothing_is_sent_until_both_languages_and_a_closing_date_are_there(
    client, engagement, mailoutbox, django_capture_on_commit_callbacks, blank
):
    activity = InvitingActivityFactory(**{blank: None if blank == "closes_on" else "  "})
    member = by_email()
    page = client.get(url("send_invitation", activity))
    assert "The invitation cannot be sent yet" in text(page)
    assert parse(page).select_one('form button[type="submit"]') is None

    response = send_invitation(client, activity, [member], django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "Nothing was sent" in text(response)
    assert not Invitation.objects.exists()
    assert not invitation_messages().exists()
    assert mailoutbox == []


def test_staff_write_the_invitation_in_both_languages_on_the_activity_form(client, engagement):
    activity = ActivityFactory()
    form = parse(client.get(url("edit", activity)))
    for name in ("invitation_purpose", "invitation_when", "invitation_support"):
        assert form.select_one(f'[name="{name}"]') is not None
        assert form.select_one(f'[name="{name}_cy"]') is not None
    assert form.select_one('[name="send_reminder"]').has_attr("checked")


def test_the_activity_page_says_what_is_missing(client, engagement):
    activity = ActivityFactory()
    page = text(client.get(url("inspect", activity)))
    assert "The invitation cannot be sent yet" in page
    assert "Set a closing date before sending the invitation." in page


# --- the preview ----------------------------------------------------------------------


def test_the_preview_shows_the_email_and_the_page_in_each_language(client, engagement, activity):
    response = client.get(url("preview_invitation", activity))
    assert response.status_code == 200
    page = parse(response)
    english, welsh = page.select("section.invitation-preview")

    assert english.select_one("dd").get_text() == "A message from Community Voices"
    assert "Neges gan Lleisiau Cymunedol" in welsh.select_one("dd").get_text()
    for section in (english, welsh):
        email = section.select_one("pre").get_text()
        # The outside says who it is from and nothing about the activity.
        for secret in ("court", "llys", activity.partner.name, "Court letters"):
            assert secret.lower() not in email.lower()
    english_page = english.select_one(".invitation-details").get_text()
    welsh_page = welsh.select_one(".invitation-details").get_text()
    assert activity.invitation_purpose in english_page
    assert "What taking part involves" in english_page
    assert "30 June 2030" in english_page
    assert "You do not have to take part" in english_page
    assert activity.invitation_purpose_cy in welsh_page
    assert activity.invitation_purpose not in welsh_page
    assert "30 Mehefin 2030" in welsh_page
    assert activity.partner.name in english_page


def test_hostile_text_is_shown_as_text(client, engagement):
    activity = InvitingActivityFactory(invitation_purpose=HOSTILE, invitation_purpose_cy=HOSTILE)
    response = client.get(url("preview_invitation", activity))
    assert response.status_code == 200
    body = response.content.decode()
    assert SCRIPT not in body
    assert "&lt;script&gt;" in body
    assert "Ŵyn Prŷs â ŷ" in body


def test_the_invitation_text_refuses_more_than_it_can_hold(client, engagement, activity):
    from impact.models.activities import INVITATION_TEXT_MAX_LENGTH

    field = activity._meta.get_field("invitation_purpose")
    assert field.formfield().max_length == INVITATION_TEXT_MAX_LENGTH


# --- sending ---------------------------------------------------------------------------


def test_each_member_is_invited_once_by_the_channel_they_marked_safe(
    client, engagement, activity, mailoutbox, django_capture_on_commit_callbacks
):
    email, letter, phone = by_email(), by_letter(language="cy"), by_phone()
    response = send_invitation(
        client, activity, [email, letter, phone], django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    assert response["Location"] == url("sent_invitations", activity)

    invitations = {i.member_id: i for i in Invitation.objects.filter(activity=activity)}
    assert {m: invitations[m.pk].channel for m in (email, letter, phone)} == {
        email: "email",
        letter: "post",
        phone: "phone",
    }
    states = {m.member_id: (m.channel, m.state) for m in invitation_messages()}
    assert states == {
        email.pk: ("email", "sent"),
        letter.pk: ("post", "to_print"),
        phone.pk: ("phone", "to_call"),
    }
    # The email's link is for this member's invitation, and says nothing of the activity.
    (sent,) = mailoutbox
    assert sent.to == [email.email]
    assert sent.subject == "A message from Community Voices"
    assert "Court" not in sent.body and activity.partner.name not in sent.body
    message = invitation_messages().get(member=email)
    assert message.link.purpose == MemberLink.Purpose.INVITATION
    assert message.link.target_id == invitations[email.pk].pk == message.target_id
    # A letter carries a link too; a call does not need one.
    assert invitation_messages().get(member=letter).link.target_id == invitations[letter.pk].pk
    assert invitation_messages().get(member=phone).link is None


def test_sending_twice_sends_nothing_more(
    client, engagement, activity, mailoutbox, django_capture_on_commit_callbacks
):
    members = [by_email(), by_email()]
    send_invitation(client, activity, members, django_capture_on_commit_callbacks)
    again = send_invitation(client, activity, members, django_capture_on_commit_callbacks)
    assert again.status_code in (200, 302)
    assert Invitation.objects.filter(activity=activity).count() == 2
    assert invitation_messages().count() == 2
    assert len(mailoutbox) == 2


def test_the_sending_function_itself_never_invites_twice(activity, engagement):
    from impact.sending import send_invitations

    member = by_email()
    first = send_invitations(activity, [member.pk], engagement)
    second = send_invitations(activity, [member.pk, member.pk], engagement)
    assert first.count == 1 and second.count == 0 and second.left_out == {member.pk}
    assert invitation_messages().count() == 1


def test_a_member_with_no_safe_channel_is_listed_and_never_contacted(
    client, engagement, mailoutbox, django_capture_on_commit_callbacks
):
    activity = InvitingActivityFactory(channels=["email", "text"])
    unreachable = by_text_only()
    page = text(client.get(url("send_invitation", activity)))
    assert "No safe channel: listed, not contacted" in page

    send_invitation(client, activity, [unreachable], django_capture_on_commit_callbacks)
    message = invitation_messages().get(member=unreachable)
    assert (message.channel, message.state, message.link) == ("none", "not_sent", None)
    assert mailoutbox == []
    invitation = Invitation.objects.get(member=unreachable)
    assert invitation.channel == targeting.NOT_CONTACTED

    listing = parse(client.get(url("sent_invitations", activity)))
    section = listing.select_one('section[aria-labelledby="sent-none"]')
    assert [li.get_text() for li in section.select("li")] == [unreachable.reference]
    # Never contacted, so not counted as recently invited to another activity.
    other = InvitingActivityFactory(channels=["email", "text"])
    assert unreachable in [p.member for p in targeting.proposed_members(other)]


def test_members_who_left_are_not_proposed_and_a_forged_tick_sends_nothing(
    client, engagement, activity, mailoutbox, django_capture_on_commit_callbacks
):
    left = by_email(status=Member.Status.WITHDRAWN)
    stays = by_email()
    page = parse(client.get(url("send_invitation", activity)))
    assert page.select_one(f'input[name="member"][value="{left.pk}"]') is None
    send_invitation(client, activity, [left, stays], django_capture_on_commit_callbacks)
    assert list(Invitation.objects.values_list("member_id", flat=True)) == [stays.pk]
    assert [m.to for m in mailoutbox] == [[stays.email]]


def test_sending_is_audited_on_the_activity_and_each_member(client, engagement, activity):
    member = by_letter()
    send_invitation(client, activity, [member])
    on_member = ModelLogEntry.objects.filter(object_id=str(member.pk), action="impact.invite")
    assert on_member.get().data == {"activity": activity.pk, "channel": "post"}
    on_activity = ModelLogEntry.objects.get(
        object_id=str(activity.pk), action="impact.invitations_sent"
    )
    assert on_activity.data == {"count": 1, "by_channel": {"post": 1}}
    assert member.name not in str(on_member.get().data)


def test_the_activity_page_shows_each_channel_and_its_next_step(client, engagement, activity):
    send_invitation(client, activity, [by_email(), by_letter(), by_phone()])
    page = text(client.get(url("inspect", activity)))
    assert "1 waiting, 0 delivered, 0 failed" in page
    assert "1 to print, 0 posted" in page
    assert "1 to call, 0 called" in page
    assert url("invitation_letters", activity) in page
    assert url("call_list", activity) in page


def test_a_closed_activity_sends_nothing(client, engagement, mailoutbox):
    activity = InvitingActivityFactory(status="closed")
    member = by_email()
    response = send_invitation(client, activity, [member])
    assert response.status_code == 302
    assert not Invitation.objects.exists()


def test_the_send_screen_is_in_welsh_for_a_welsh_speaker(client, django_user_model, activity):
    from tests.enrolment.staff import make_user, sign_in

    user = make_user(django_user_model, "engagement")
    prefer_welsh(user)
    sign_in(client, user)
    by_email()
    page = text(client.get(url("send_invitation", activity)))
    assert "Anfon y gwahoddiad" in page
    assert "Drwy e-bost" in page
    preview = text(client.get(url("preview_invitation", activity)))
    assert "Fel aelod sy'n siarad Cymraeg" in preview


def test_targeting_by_sensitive_details_still_needs_the_right(staff_client, activity):
    from enrolment.models import CrimeType

    activity.target_crime_types.set(CrimeType.objects.canonical()[:1])
    member = MemberFactory()
    member.crime_types.set(CrimeType.objects.canonical()[:1])
    without = staff_client("engagement_without_sensitive")
    for name in ("send_invitation", "sent_invitations", "invitation_letters", "call_list"):
        response = without.get(url(name, activity))
        assert response.status_code == 302, name
        assert response["Location"] == url("inspect", activity)
    send_invitation(without, activity, [member])
    assert not Invitation.objects.exists()
    # The role above took the right from the whole team: a superuser still has it.
    with_right = staff_client("superuser")
    response = with_right.get(url("send_invitation", activity))
    assert response.status_code == 200, response.get("Location")


def test_every_new_page_is_in_the_permission_matrix():
    from tests.factories import InvitationFactory
    from tests.impact.test_activity_permissions import all_activity_urls

    activity = InvitingActivityFactory()
    InvitationFactory(activity=activity)
    names = {name for name, _address in all_activity_urls(activity)}
    assert set(SENDING_URL_NAMES) <= names


def test_the_preview_link_opens_nothing(client, engagement, activity):
    page = parse(client.get(url("preview_invitation", activity)))
    link = re.search(r"https?://\S+", page.select_one("pre").get_text()).group(0)
    path = "/" + link.split("/", 3)[3]
    assert client.get(path).status_code in (400, 410)
    assert reverse("enrolment_public:open_link", kwargs={"token": "x"}).split("x")[0] in path
