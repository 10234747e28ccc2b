"""One reminder, a few days before an activity closes, to members who have not replied."""

import datetime
import re
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from enrolment.models import Member, MemberMessage, Purpose
from impact.models import ImpactSettings, Invitation
from impact.reminders import send_reminders
from tests.factories import ActivityFactory, InvitationFactory, MemberFactory

pytestmark = pytest.mark.django_db

CLOSES = datetime.date(2027, 3, 31)
THREE_DAYS_BEFORE = "2027-03-28 03:15"


@pytest.fixture
def invitation():
    activity = ActivityFactory(closes_on=CLOSES, public_title="Hearing about a release")
    return InvitationFactory(activity=activity)


def reminders():
    return MemberMessage.objects.filter(kind=MemberMessage.Kind.REMINDER)


def run(moment, **kwargs):
    with time_machine.travel(moment, tick=False):
        return send_reminders(**kwargs)


def test_the_reminder_goes_once_through_the_envelope_and_opens_the_reply_page(
    client, invitation, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert run(THREE_DAYS_BEFORE) == 1
    (message,) = reminders()
    assert message.target_id == invitation.pk
    assert message.link.purpose == "invitation" and message.link.target_id == invitation.pk
    invitation.refresh_from_db()
    assert invitation.reminded_at is not None

    (email,) = mailoutbox
    assert email.to == [invitation.member.email]
    assert "Hearing" not in email.subject + email.body
    assert invitation.activity.title not in email.subject + email.body
    path = "/" + re.search(r"https?://\S+", email.body).group(0).split("/", 3)[3]
    landing = client.post(path)
    assert landing["Location"] == f"/membership/invitation/{invitation.pk}/"
    assert "Hearing about a release" in client.get(landing["Location"]).content.decode()

    # Run again, the same day or the next: nothing more.
    assert run(THREE_DAYS_BEFORE) == 0
    assert run("2027-03-29 03:15") == 0
    assert reminders().count() == 1


def test_the_command_reminds_and_says_how_many(invitation):
    out = StringIO()
    with time_machine.travel(THREE_DAYS_BEFORE, tick=False):
        call_command("send_invitation_reminders", stdout=out)
    assert out.getvalue().strip() == "1 reminder(s) made."
    assert invitation.member.name not in out.getvalue()


def test_not_before_the_days_set_nor_after_the_closing_date(invitation):
    assert run("2027-03-27 03:15") == 0
    assert run("2027-04-01 03:15") == 0
    assert reminders().count() == 0
    settings = ImpactSettings.load()
    settings.reminder_days = 5
    settings.save()
    assert run("2027-03-26 03:15") == 1


@pytest.mark.parametrize(
    "state", [Invitation.State.ACCEPTED, Invitation.State.DECLINED, Invitation.State.TOOK_PART]
)
def test_never_after_a_reply(invitation, state):
    Invitation.objects.filter(pk=invitation.pk).update(state=state)
    assert run(THREE_DAYS_BEFORE) == 0
    assert reminders().count() == 0


def test_never_after_saying_only_that_the_topic_affects_them(invitation):
    Invitation.objects.filter(pk=invitation.pk).update(
        topic_affects_me=True, replied_at=datetime.datetime(2027, 3, 20, tzinfo=datetime.UTC)
    )
    assert run(THREE_DAYS_BEFORE) == 0


def test_never_when_the_activity_turns_reminders_off_or_is_closed(invitation):
    activity = invitation.activity
    activity.send_reminder = False
    activity.save()
    assert run(THREE_DAYS_BEFORE) == 0
    activity.send_reminder = True
    activity.status = "closed"
    activity.save()
    assert run(THREE_DAYS_BEFORE) == 0
    assert reminders().count() == 0


def test_never_to_a_member_who_can_no_longer_be_contacted(invitation):
    member = invitation.member
    member.set_status(Member.Status.WITHDRAWN)
    assert run(THREE_DAYS_BEFORE) == 0
    assert reminders().count() == 0
    invitation.refresh_from_db()
    assert invitation.reminded_at is None


def test_never_to_a_member_who_withdrew_consent_to_contact(invitation):
    from enrolment.models import ConsentRecord, PrivacyNotice

    member = invitation.member
    notice = PrivacyNotice.objects.order_by("-pk").first()
    member.record_consent(
        Purpose.CONTACT, False, notice=notice, channel=ConsentRecord.Channel.WEB_FORM
    )
    assert run(THREE_DAYS_BEFORE) == 0
    assert reminders().count() == 0


def test_a_member_with_no_safe_channel_is_listed_not_contacted(invitation, mailoutbox):
    Member.objects.filter(pk=invitation.member.pk).update(email_safe=False)
    assert run(THREE_DAYS_BEFORE) == 1
    (message,) = reminders()
    assert message.state == MemberMessage.State.NOT_SENT
    assert mailoutbox == []
    # Listed once: not again the next day.
    assert run("2027-03-29 03:15") == 0


def test_the_activitys_channels_limit_the_reminder(invitation):
    member = MemberFactory(letter_safe=True, address="1 Stryd Fawr, Caerfyrddin")
    second = InvitationFactory(activity=invitation.activity, member=member)
    activity = invitation.activity
    activity.channels = ["post"]
    activity.save()
    assert run(THREE_DAYS_BEFORE) == 2
    by_target = {message.target_id: message for message in reminders()}
    assert by_target[second.pk].channel == "post"
    assert by_target[second.pk].state == MemberMessage.State.TO_PRINT
    assert by_target[invitation.pk].channel == "none"
