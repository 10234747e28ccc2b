"""The activity page's "Telling participants" part: who was emailed, who staff must tell
(marking them told, audited), who has no safe channel; in English and Welsh."""

from html import unescape

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from enrolment.models import Member
from impact.models import Invitation, ParticipantNotice
from tests.enrolment.staff import make_user, prefer_welsh, sign_in
from tests.factories import ActivityFactory, InvitationFactory, MemberFactory

from .test_telling_participants import draft_story, story_index, welsh_version

pytestmark = pytest.mark.django_db

Outcome = ParticipantNotice.Outcome


def activity_page(activity):
    return reverse("impact_activities:inspect", args=[activity.pk])


def told_url(activity, notice):
    return reverse("impact_activities:mark_notice_told", args=[activity.pk, notice.pk])


def notice_for(activity, outcome, channel="", story_key=None, **member_fields):
    member = MemberFactory(**member_fields)
    invitation = InvitationFactory(
        activity=activity, member=member, state=Invitation.State.TOOK_PART
    )
    return ParticipantNotice.objects.create(
        invitation=invitation,
        story_key=story_key,
        outcome=outcome,
        channel=channel,
    )


@pytest.fixture
def story(home, welsh_home, activity):
    indexes = story_index(home, welsh_home)
    story = draft_story(indexes["en"], activity, title="Quieter waiting rooms <i>ŵŷâ</i>")
    story.save_revision().publish()
    welsh_version(story, indexes["cy"], title="Ystafelloedd aros tawelach ŵŷâ")
    return story


@pytest.fixture
def notices(activity, story):
    key = story.translation_key
    ParticipantNotice.objects.all().delete()  # the publish above told nobody; start clean
    return {
        "sent": notice_for(activity, Outcome.SENT, "email", key),
        "failed": notice_for(activity, Outcome.FAILED, "email", key),
        "phone": notice_for(
            activity,
            Outcome.STAFF_TO_TELL,
            "phone",
            key,
            email="",
            email_safe=False,
            phone="01267 226440",
            phone_safe=True,
        ),
        "none": notice_for(activity, Outcome.NO_SAFE_CHANNEL, "", key, email_safe=False),
    }


def test_the_team_sees_who_was_told_and_how(client, engagement, activity, story, notices):
    other = notice_for(ActivityFactory(), Outcome.STAFF_TO_TELL, "phone", story.translation_key)
    sign_in(client, engagement)
    html = client.get(activity_page(activity)).content.decode()
    assert "Telling participants" in html
    assert "Quieter waiting rooms &lt;i&gt;ŵŷâ&lt;/i&gt;" in html  # escaped, English version
    assert "<i>ŵŷâ</i>" not in html
    assert "First published on" in html
    for name, notice in notices.items():
        member = notice.invitation.member
        record = reverse("enrolment_members:inspect", args=[member.pk])
        assert f'<a href="{record}">{member.reference}</a>' in html, name
        assert not member.email or member.email not in html
    assert "Emailed" in html and "Email failed" in html
    assert "Phone call" in html
    assert "No safe way to tell them" in html
    assert told_url(activity, notices["phone"]) in html
    assert told_url(activity, notices["failed"]) in html
    assert told_url(activity, notices["sent"]) not in html
    assert told_url(activity, notices["none"]) not in html
    assert other.invitation.member.reference not in html


def test_an_unpublished_story_says_members_will_be_told(
    client, engagement, home, welsh_home, activity
):
    draft_story(story_index(home, welsh_home)["en"], activity, slug="not-yet")
    sign_in(client, engagement)
    html = client.get(activity_page(activity)).content.decode()
    assert "Participants will be told when it is first published." in html


def test_an_activity_without_stories_says_so(client, engagement, activity):
    sign_in(client, engagement)
    html = client.get(activity_page(activity)).content.decode()
    assert "No story is linked to this activity yet." in html


def test_staff_mark_a_member_as_told(client, engagement, activity, notices):
    notice = notices["phone"]
    member = notice.invitation.member
    sign_in(client, engagement)
    response = client.post(told_url(activity, notice), follow=True)
    assert response.redirect_chain[-1][0].startswith(activity_page(activity))
    notice.refresh_from_db()
    assert notice.outcome == Outcome.TOLD_BY_STAFF
    assert notice.completed_at is not None
    assert notice.channel == "phone"
    html = response.content.decode()
    assert f"{member.reference} is recorded as told about the story." in html
    assert "Told by staff" in html
    [entry] = ModelLogEntry.objects.filter(action="impact.told_of_story", object_id=str(member.pk))
    assert entry.user == engagement
    assert entry.label == member.reference
    assert entry.data == {"activity": activity.pk, "channel": "phone", "by_staff": True}


def test_a_failed_email_can_be_marked_told(client, engagement, activity, notices):
    sign_in(client, engagement)
    client.post(told_url(activity, notices["failed"]))
    notices["failed"].refresh_from_db()
    assert notices["failed"].outcome == Outcome.TOLD_BY_STAFF


def test_a_notice_of_another_activity_is_refused(client, engagement, activity, notices):
    other_activity = ActivityFactory()
    sign_in(client, engagement)
    response = client.post(told_url(other_activity, notices["phone"]))
    assert response.status_code == 404
    notices["phone"].refresh_from_db()
    assert notices["phone"].outcome == Outcome.STAFF_TO_TELL
    assert not ModelLogEntry.objects.filter(action="impact.told_of_story").exists()


@pytest.mark.parametrize("which", ["sent", "none"])
def test_only_notices_waiting_for_staff_can_be_marked(client, engagement, activity, notices, which):
    notice = notices[which]
    before = notice.outcome
    sign_in(client, engagement)
    response = client.post(told_url(activity, notice), follow=True)
    assert response.status_code == 200
    assert "is not waiting to be told." in response.content.decode()
    notice.refresh_from_db()
    assert notice.outcome == before
    assert not ModelLogEntry.objects.filter(action="impact.told_of_story").exists()


def test_a_member_who_withdrew_is_not_to_be_contacted(client, engagement, activity, notices):
    notice = notices["phone"]
    notice.invitation.member.set_status(Member.Status.WITHDRAWN)
    sign_in(client, engagement)
    html = client.get(activity_page(activity)).content.decode()
    assert "Do not contact: they may no longer be contacted." in html
    assert told_url(activity, notice) not in html
    response = client.post(told_url(activity, notice), follow=True)
    assert "may no longer be contacted, so cannot be told." in response.content.decode()
    notice.refresh_from_db()
    assert notice.outcome == Outcome.STAFF_TO_TELL


@pytest.mark.parametrize(
    "address",
    [
        "/admin/activities/{a}/notices/999999999999999999999999/told/",
        "/admin/activities/999999999999999999999/notices/{n}/told/",
        "/admin/activities/{a}/notices/0/told/",
        "/admin/activities/{a}/notices/%3Cscript%3E/told/",
        "/admin/activities/{a}/notices/ŵ/told/",
    ],
)
def test_bad_addresses_never_fail(client, engagement, activity, notices, address):
    sign_in(client, engagement)
    url = address.format(a=activity.pk, n=notices["phone"].pk)
    assert client.post(url).status_code == 404
    notices["phone"].refresh_from_db()
    assert notices["phone"].outcome == Outcome.STAFF_TO_TELL


def test_marking_told_takes_a_post_only(client, engagement, activity, notices):
    sign_in(client, engagement)
    assert client.get(told_url(activity, notices["phone"])).status_code == 405
    notices["phone"].refresh_from_db()
    assert notices["phone"].outcome == Outcome.STAFF_TO_TELL


@pytest.mark.parametrize("role", ["communications", "translator", "admin_only"])
def test_other_roles_cannot_mark_anyone_told(client, django_user_model, activity, notices, role):
    # The admin menu, drawn here, reads the viewset's URLs again: the answer must not change.
    sign_in(client, make_user(django_user_model, "engagement"))
    assert client.get(activity_page(activity)).status_code == 200
    client.logout()
    sign_in(client, make_user(django_user_model, role))
    response = client.post(told_url(activity, notices["phone"]))
    assert response.status_code == 302 and response["Location"] == "/admin/"
    notices["phone"].refresh_from_db()
    assert notices["phone"].outcome == Outcome.STAFF_TO_TELL


def test_the_part_reads_in_welsh(client, engagement, activity, story, notices):
    prefer_welsh(engagement)
    sign_in(client, engagement)
    html = client.get(activity_page(activity)).content.decode()
    assert "Rhoi gwybod i gyfranogwyr" in html
    assert "Telling participants" not in html
    assert "Ystafelloedd aros tawelach ŵŷâ" in html  # the story's Welsh title
    assert "Nodi eu bod wedi cael gwybod" in html
    assert "I staff ddweud wrthynt" in html
    assert "Mark as told" not in html
    response = client.post(told_url(activity, notices["phone"]), follow=True)
    reference = notices["phone"].invitation.member.reference
    assert f"Mae wedi'i gofnodi bod {reference} wedi cael gwybod am y stori." in unescape(
        response.content.decode()
    )
