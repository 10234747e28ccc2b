"""The call list: for each member reached by phone, the safe-contact plan and "is now a safe
time to talk?" first, then what to say in their language; the call and answer recorded."""

import html

import pytest
from wagtail.models import ModelLogEntry

from enrolment.models import Member, MemberMessage
from impact.models import Invitation
from tests.factories import InvitingActivityFactory
from tests.html import parse
from tests.support.invitations import by_email, by_phone, send_invitation, url

pytestmark = pytest.mark.django_db

PROMPT = "Ask: is now a safe time to talk?"


@pytest.fixture
def activity():
    return InvitingActivityFactory()


def call_list(client, activity):
    response = client.get(url("call_list", activity))
    assert response.status_code == 200
    return response


def test_the_safety_plan_and_prompt_come_before_what_to_say(client, engagement, activity):
    member = by_phone(
        name="Siân Prŷs",
        safe_times="Weekdays after 6pm",
        voicemail_safe=False,
        may_say_opcc=False,
        safe_contact_notes="Her brother answers sometimes: ask for Siân.",
    )
    by_email()
    send_invitation(client, activity, [member])
    body = html.unescape(call_list(client, activity).content.decode())

    plan = body.index("Before you call: their safe-contact plan")
    times = body.index("Weekdays after 6pm")
    voicemail = body.index("Not safe: leave no message")
    who = body.index("Do not say where you are from")
    prompt = body.index(PROMPT)
    number = body.index("07700 900123")
    what_to_say = body.index(activity.invitation_purpose)
    assert plan < times < voicemail < who < prompt < number < what_to_say
    # The notes stay on the record, which the list points to.
    assert "Her brother answers" not in body
    assert "Read them on their record before calling" in body


def test_what_to_say_is_in_the_members_language(client, engagement, activity):
    member = by_phone(language="cy", voicemail_safe=True, may_say_opcc=True)
    send_invitation(client, activity, [member])
    page = parse(call_list(client, activity))
    said = page.select_one("[data-what-to-say]").get_text(" ")
    assert activity.invitation_purpose_cy in said
    assert activity.invitation_purpose not in said
    assert page.select_one("[data-what-to-say] .invitation-details")["lang"] == "cy"
    plan = page.select_one("[data-safety-plan]").get_text(" ")
    assert "You may say you are from the Commissioner's office" in plan
    assert "Safe: you may leave a message" in plan


def test_only_members_reached_by_phone_are_listed(client, engagement, activity):
    phoned, emailed = by_phone(), by_email()
    send_invitation(client, activity, [phoned, emailed])
    page = parse(call_list(client, activity))
    headings = [h.get_text() for h in page.select("section.call h2.w-h2")]
    assert len(headings) == 1 and headings[0].startswith(phoned.reference)
    assert emailed.reference not in page.get_text()


def test_recording_the_answer_sets_the_invitation(client, engagement, activity):
    accepts, declines, undecided = by_phone(), by_phone(), by_phone()
    send_invitation(client, activity, [accepts, declines, undecided])
    for member, answer in ((accepts, "accepted"), (declines, "declined"), (undecided, "undecided")):
        message = MemberMessage.objects.get(member=member)
        response = client.post(
            url("record_call", activity, message.pk), {f"call-{message.pk}-answer": answer}
        )
        assert response.status_code == 302
        message.refresh_from_db()
        assert message.state == "called" and message.completed_at is not None
    states = dict(Invitation.objects.values_list("member_id", "state"))
    assert states == {accepts.pk: "accepted", declines.pk: "declined", undecided.pk: "invited"}
    entry = ModelLogEntry.objects.get(object_id=str(accepts.pk), action="impact.called")
    assert entry.data == {"activity": activity.pk, "answer": "accepted"}
    # Called members leave the list.
    assert "Nobody is waiting for a call" in call_list(client, activity).content.decode()


@pytest.mark.parametrize("answer", ["", "took_part", "<script>", "ŵ" * 5000])
def test_a_bad_answer_records_nothing(client, engagement, activity, answer):
    member = by_phone()
    send_invitation(client, activity, [member])
    message = MemberMessage.objects.get(member=member)
    response = client.post(
        url("record_call", activity, message.pk), {f"call-{message.pk}-answer": answer}
    )
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.state == "to_call"
    assert Invitation.objects.get(member=member).state == "invited"


def test_a_second_click_records_the_call_once(client, engagement, activity):
    member = by_phone()
    send_invitation(client, activity, [member])
    message = MemberMessage.objects.get(member=member)
    data = {f"call-{message.pk}-answer": "declined"}
    client.post(url("record_call", activity, message.pk), data)
    client.post(url("record_call", activity, message.pk), {f"call-{message.pk}-answer": "accepted"})
    assert Invitation.objects.get(member=member).state == "declined"
    assert (
        ModelLogEntry.objects.filter(object_id=str(member.pk), action="impact.called").count() == 1
    )


def test_a_message_of_another_activity_is_not_found(client, engagement, activity):
    other = InvitingActivityFactory()
    member = by_phone()
    send_invitation(client, other, [member])
    message = MemberMessage.objects.get(member=member)
    response = client.post(
        url("record_call", activity, message.pk), {f"call-{message.pk}-answer": "accepted"}
    )
    assert response.status_code == 404


def test_a_member_no_longer_safe_to_call_is_held_back(client, engagement, activity):
    member = by_phone()
    send_invitation(client, activity, [member])
    Member.objects.filter(pk=member.pk).update(phone_safe=False)
    page = call_list(client, activity).content.decode()
    assert "07700 900123" not in page
    assert "Do not call them" in page and member.reference in page


def test_showing_the_list_is_audited_on_each_member(client, engagement, activity):
    member = by_phone()
    send_invitation(client, activity, [member])
    call_list(client, activity)
    entry = ModelLogEntry.objects.get(object_id=str(member.pk), action="impact.on_call_list")
    assert entry.data == {"activity": activity.pk} and entry.user_id == engagement.pk


def test_the_call_list_is_in_welsh_for_a_welsh_speaker(client, django_user_model, activity):
    from tests.enrolment.staff import make_user, prefer_welsh, sign_in

    user = make_user(django_user_model, "engagement")
    prefer_welsh(user)
    sign_in(client, user)
    send_invitation(client, activity, [by_phone(language="en")])
    page = html.unescape(client.get(url("call_list", activity)).content.decode())
    assert "Gofynnwch: ydy hi'n amser diogel i siarad nawr?" in page
    assert activity.invitation_purpose in page


def test_the_call_list_is_refused_outside_the_team(staff_client, activity):
    for role in ("communications", "translator"):
        response = staff_client(role).get(url("call_list", activity))
        assert response.status_code == 302 and response["Location"] == "/admin/"
