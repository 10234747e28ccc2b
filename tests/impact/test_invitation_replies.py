"""A member replies to an invitation through their link, and the team is told."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from django.urls import reverse
from django.utils import translation
from wagtail import hooks
from wagtail.models import ModelLogEntry

from core.member_links import make_token
from enrolment.messaging import issue_link
from enrolment.models import EngagementMethod, Member, MemberLink, MembershipSettings
from impact.models import Invitation
from impact.replies import member_page_section
from tests.factories import ActivityFactory, InvitationFactory, MemberFactory

pytestmark = pytest.mark.django_db

Purpose = MemberLink.Purpose
TODAY = "2027-03-10 10:00"


@pytest.fixture(autouse=True)
def a_march_day():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def staff_address():
    membership = MembershipSettings.load()
    membership.notify_email = "team-inbox@example.org"
    membership.save()
    return membership.notify_email


def methods(*codes):
    return list(EngagementMethod.objects.filter(code__in=codes))


@pytest.fixture
def invitation():
    activity = ActivityFactory(
        public_title="Hearing about a release",
        public_title_cy="Clywed am ryddhau",
        invitation_purpose="We would like to hear from you about letters.",
        invitation_purpose_cy="Hoffem glywed gennych am lythyrau.",
        closes_on=datetime.date(2027, 3, 31),
    )
    activity.methods.set(methods("online_survey", "telephone"))
    return InvitationFactory(activity=activity)


def reply_url(invitation, language="en"):
    with translation.override(language):
        return reverse("impact_public:invitation_reply", kwargs={"invitation_id": invitation.pk})


def open_session(client, member, purpose=Purpose.INVITATION, target=None, language="en"):
    """Open a link's session as the member would, by clicking "Open my page"."""
    link = issue_link(member, purpose, target)
    with translation.override(language):
        path = reverse("enrolment_public:open_link", kwargs={"token": make_token(link.key)})
    response = client.post(path)
    assert response.status_code == 303
    return link, response["Location"]


def page_text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


@pytest.mark.parametrize(
    ("language", "title", "text", "address"),
    [
        ("en", "Hearing about a release", "hear from you about letters", "/membership/invitation/"),
        ("cy", "Clywed am ryddhau", "glywed gennych am lythyrau", "/cy/aelodaeth/gwahoddiad/"),
    ],
)
def test_the_link_opens_the_reply_page_in_the_members_language(
    client, invitation, language, title, text, address
):
    member = invitation.member
    _link, location = open_session(client, member, target=invitation.pk, language=language)
    assert location == f"{address}{invitation.pk}/"
    response = client.get(location)
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert title in body and text in body
    assert "data-quick-exit" in body
    soup = BeautifulSoup(body, "html.parser")
    assert soup.html["lang"] == language
    assert soup.find("textarea", attrs={"name": "access_needs"}) is not None
    other = "cy" if language == "en" else "en"
    switch = soup.select_one(f".language-switch a[hreflang={other}]")
    assert switch["href"] == reply_url(invitation, other)


def test_accepting_records_the_state_method_and_notifies_the_team_with_nothing_personal(
    client, invitation, staff_address, mailoutbox, django_capture_on_commit_callbacks
):
    open_session(client, invitation.member, target=invitation.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reply_url(invitation),
            {"answer": "yes", "method": "telephone", "access_needs": "A quiet room, please"},
        )
    assert response.status_code == 303
    assert response["Location"] == reply_url(invitation)
    invitation.refresh_from_db()
    assert invitation.state == Invitation.State.ACCEPTED
    assert invitation.method.code == "telephone"
    assert invitation.access_needs == "A quiet room, please"
    assert invitation.replied_at is not None
    # Encrypted at rest.
    with connection.cursor() as cursor:
        cursor.execute("SELECT access_needs FROM impact_invitation WHERE id = %s", [invitation.pk])
        assert "quiet" not in cursor.fetchone()[0]

    (note,) = mailoutbox
    assert note.to == [staff_address]
    assert note.subject == ("Atebodd aelod wahoddiad / A member replied to an invitation")
    assert reverse("impact_activities:inspect", args=[invitation.activity.pk]) in note.body
    member = invitation.member
    for personal in (member.name, member.email, member.reference, "quiet", "Hearing"):
        assert personal not in note.subject + note.body

    entry = ModelLogEntry.objects.filter(action="impact.reply").get()
    assert entry.object_id == str(member.pk)
    assert entry.data == {
        "activity": invitation.activity.pk,
        "state": "accepted",
        "method": "telephone",
        "access_needs": True,
        "topic_affects_me": False,
    }

    page = client.get(reply_url(invitation))
    assert "Your reply is saved" in page.content.decode()
    assert "You said yes" in page.content.decode()
    # Said once only.
    assert "Your reply is saved" not in client.get(reply_url(invitation)).content.decode()


def test_the_reply_can_be_changed_to_a_decline_until_the_closing_date(
    client, invitation, mailoutbox, staff_address, django_capture_on_commit_callbacks
):
    open_session(client, invitation.member, target=invitation.pk)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reply_url(invitation), {"answer": "yes", "method": "online_survey"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reply_url(invitation), {"answer": "no", "method": "online_survey"})
    invitation.refresh_from_db()
    assert invitation.state == Invitation.State.DECLINED
    assert invitation.method is None
    assert len(mailoutbox) == 2
    # Sending the same again changes nothing, and tells nobody.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reply_url(invitation), {"answer": "no"})
    assert len(mailoutbox) == 2
    assert ModelLogEntry.objects.filter(action="impact.reply").count() == 2


def test_after_the_closing_date_the_page_says_so_and_keeps_what_was_typed(client, invitation):
    with time_machine.travel("2027-04-01 09:00", tick=False):
        open_session(client, invitation.member, target=invitation.pk)
        page = client.get(reply_url(invitation))
        assert page.status_code == 200
        assert "Replies to this invitation have closed" in page.content.decode()
        assert b'name="answer"' not in page.content
        late = client.post(
            reply_url(invitation), {"answer": "yes", "access_needs": "Wheelchair space ŵ"}
        )
    assert late.status_code == 200
    assert "Wheelchair space ŵ" in late.content.decode()
    invitation.refresh_from_db()
    assert invitation.state == Invitation.State.INVITED and invitation.access_needs == ""


def test_a_closed_activity_takes_no_reply(client, invitation):
    invitation.activity.status = "closed"
    invitation.activity.save()
    open_session(client, invitation.member, target=invitation.pk)
    client.post(reply_url(invitation), {"answer": "yes", "method": "telephone"})
    invitation.refresh_from_db()
    assert invitation.state == Invitation.State.INVITED


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_topic_affects_me_shows_support_in_the_page_language_and_flags_it(
    client, invitation, language
):
    open_session(client, invitation.member, target=invitation.pk, language=language)
    client.post(reply_url(invitation, language), {"topic_affects_me": "on"})
    invitation.refresh_from_db()
    assert invitation.topic_affects_me
    assert invitation.state == Invitation.State.INVITED  # no answer given, none recorded
    page = client.get(reply_url(invitation, language))
    soup = BeautifulSoup(page.content, "html.parser")
    support = soup.find(id="support-heading")
    assert support is not None
    names = [h.get_text(strip=True) for h in soup.select(".service__name")]
    from pages.models import SupportService

    expected = SupportService.objects.filter(locale__language_code=language)
    assert names and set(names) <= set(expected.values_list("name", flat=True))


def test_saying_the_topic_affects_them_later_keeps_the_yes_and_the_way_chosen(client, invitation):
    open_session(client, invitation.member, target=invitation.pk)
    client.post(reply_url(invitation), {"answer": "yes", "method": "telephone"})
    client.post(reply_url(invitation), {"topic_affects_me": "on"})
    invitation.refresh_from_db()
    assert invitation.state == Invitation.State.ACCEPTED
    assert invitation.method.code == "telephone"
    assert invitation.topic_affects_me


def test_the_one_way_offered_is_chosen_already(client, invitation):
    invitation.activity.methods.set(methods("postal_survey"))
    open_session(client, invitation.member, target=invitation.pk)
    soup = BeautifulSoup(client.get(reply_url(invitation)).content, "html.parser")
    (only,) = soup.find_all("input", attrs={"name": "method"})
    assert only["value"] == "postal_survey" and only.has_attr("checked")


def test_the_ways_offered_are_those_that_suit_the_member(client, invitation):
    invitation.member.methods.set(methods("telephone", "social_media"))
    open_session(client, invitation.member, target=invitation.pk)
    soup = BeautifulSoup(client.get(reply_url(invitation)).content, "html.parser")
    offered = [tag["value"] for tag in soup.find_all("input", attrs={"name": "method"})]
    assert offered == ["telephone"]


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Say whether you would like to take part."),
        ("cy", "Dywedwch a hoffech gymryd rhan."),
    ],
)
def test_an_empty_reply_is_refused_in_the_page_language(client, invitation, language, message):
    open_session(client, invitation.member, target=invitation.pk, language=language)
    response = client.post(reply_url(invitation, language), {"access_needs": "Large print"})
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert "Large print" in body  # nothing typed is lost
    invitation.refresh_from_db()
    assert invitation.replied_at is None


def test_yes_needs_a_way_of_taking_part(client, invitation):
    open_session(client, invitation.member, target=invitation.pk)
    response = client.post(reply_url(invitation), {"answer": "yes"})
    assert "Choose how you would like to take part." in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.state == Invitation.State.INVITED


@pytest.mark.parametrize(
    "posted",
    [
        {"answer": "maybe"},
        {"answer": "yes", "method": "social_media"},  # not one this activity offers
        {"answer": "yes", "method": "telephone", "access_needs": "x" * 2001},
        {"answer": "yes", "method": "telephone", "access_needs": "bad\x07bell"},
        {"answer": ["yes", "no"], "method": "<script>alert(1)</script>"},
    ],
)
def test_hostile_input_is_refused_with_a_message_and_kept(client, invitation, posted):
    open_session(client, invitation.member, target=invitation.pk)
    response = client.post(reply_url(invitation), posted)
    assert response.status_code == 200
    assert b"error-summary" in response.content
    assert b"<script>alert(1)</script>" not in response.content
    invitation.refresh_from_db()
    assert invitation.replied_at is None


def test_other_alphabets_and_welsh_letters_are_kept_exactly(client, invitation):
    text = "Ŵyr ŷd âl — Ελληνικά, русский, 中文, عربي\nA second line"
    open_session(client, invitation.member, target=invitation.pk)
    client.post(reply_url(invitation), {"answer": "no", "access_needs": text + "\x00"})
    invitation.refresh_from_db()
    assert invitation.access_needs == text


@pytest.fixture
def manage_links_open_a_page():
    """The member's own page, which MANAGE links open, is not this module's."""
    from enrolment.membership import DESTINATIONS

    saved = dict(DESTINATIONS)
    DESTINATIONS.setdefault(Purpose.MANAGE, lambda link: "/")
    yield
    DESTINATIONS.clear()
    DESTINATIONS.update(saved)


def test_another_members_invitation_is_refused(client, invitation, manage_links_open_a_page):
    other = InvitationFactory(activity=invitation.activity)
    # Through a MANAGE link, which may open any of the member's own invitations.
    open_session(client, invitation.member, purpose=Purpose.MANAGE)
    assert client.get(reply_url(invitation)).status_code == 200
    refused = client.post(reply_url(other), {"answer": "no"})
    assert refused.status_code == 404
    other.refresh_from_db()
    assert other.state == Invitation.State.INVITED and other.replied_at is None


def test_an_invitation_link_opens_only_its_own_invitation(client, invitation):
    second = InvitationFactory(member=invitation.member)
    open_session(client, invitation.member, target=invitation.pk)
    assert client.get(reply_url(second)).status_code == 404
    assert client.get("/membership/invitation/99999999999999999999999/").status_code == 404


def test_a_link_for_another_purpose_is_refused(client, invitation):
    open_session(client, invitation.member, purpose=Purpose.MESSAGE, target=1)
    assert client.get(reply_url(invitation)).status_code == 403


def test_without_a_session_the_page_is_closed(client, invitation):
    response = client.get(reply_url(invitation))
    assert response.status_code == 403
    assert "This page has closed" in response.content.decode()


def test_an_ended_link_is_refused(client, invitation):
    link, _location = open_session(client, invitation.member, target=invitation.pk)
    link.end(MemberLink.Ending.SIGNED_OUT)
    assert client.get(reply_url(invitation)).status_code == 403


def test_an_expired_link_opens_nothing(client, invitation):
    link = issue_link(invitation.member, Purpose.INVITATION, invitation.pk)
    path = reverse("enrolment_public:open_link", kwargs={"token": make_token(link.key)})
    with time_machine.travel(link.expires_at + datetime.timedelta(minutes=1), tick=False):
        assert client.post(path).status_code == 410
        assert client.get(reply_url(invitation)).status_code == 403


def test_a_member_withdrawn_by_staff_can_no_longer_reply(client, invitation):
    open_session(client, invitation.member, target=invitation.pk)
    invitation.member.set_status(Member.Status.WITHDRAWN)
    assert client.post(reply_url(invitation), {"answer": "yes"}).status_code == 403


# --- the member's own page --------------------------------------------------------------


def test_the_hook_is_registered():
    assert member_page_section in hooks.get_hooks("member_page_sections")


@pytest.mark.parametrize(
    ("language", "title", "heading"),
    [
        ("en", "Hearing about a release", "Your invitations"),
        ("cy", "Clywed am ryddhau", "Eich gwahoddiadau"),
    ],
)
def test_the_member_page_lists_open_invitations_in_the_page_language(
    rf, invitation, language, title, heading
):
    member = invitation.member
    closed = InvitationFactory(
        member=member, activity=ActivityFactory(status="closed", public_title="Old one")
    )
    past = InvitationFactory(
        member=member,
        activity=ActivityFactory(public_title="Past one", closes_on=datetime.date(2027, 3, 1)),
    )
    InvitationFactory(activity=ActivityFactory(public_title="Someone else's"))
    request = rf.get("/")
    request.member = member
    with translation.override(language):
        html = member_page_section(request)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("h2").get_text(strip=True) == heading
    links = {a.get_text(strip=True): a["href"] for a in soup.find_all("a")}
    assert links == {title: reply_url(invitation, language)}
    assert closed and past


def test_the_member_page_section_is_empty_without_open_invitations(rf):
    request = rf.get("/")
    request.member = MemberFactory()
    assert member_page_section(request) == ""


def test_erasing_a_member_clears_what_they_said_in_replies(invitation):
    Invitation.objects.filter(pk=invitation.pk).update(
        access_needs="A hearing loop", topic_affects_me=True
    )
    invitation.member.erase()
    invitation.refresh_from_db()
    assert invitation.access_needs == "" and not invitation.topic_affects_me


# --- what staff see ---------------------------------------------------------------------


@pytest.fixture
def replied(invitation):
    """Three invitations to one activity: accepted with needs, declined and flagged, silent."""
    activity = invitation.activity
    telephone = EngagementMethod.objects.get(code="telephone")
    Invitation.objects.filter(pk=invitation.pk).update(
        state="accepted",
        method=telephone,
        access_needs="Needs a hearing loop",
        replied_at=datetime.datetime(2027, 3, 9, 12, tzinfo=datetime.UTC),
    )
    declined = InvitationFactory(activity=activity)
    Invitation.objects.filter(pk=declined.pk).update(
        state="declined",
        topic_affects_me=True,
        replied_at=datetime.datetime(2027, 3, 9, 13, tzinfo=datetime.UTC),
    )
    silent = InvitationFactory(activity=activity)
    return activity, invitation.member, declined.member, silent.member


def test_the_activity_page_shows_counts_methods_and_flags_but_not_what_was_written(
    staff_client, replied
):
    activity, accepted, flagged, silent = replied
    client = staff_client("engagement")
    page = client.get(reverse("impact_activities:inspect", args=[activity.pk]))
    soup = BeautifulSoup(page.content, "html.parser")
    section = soup.find(id="activity-replies").parent
    text = section.get_text(" ", strip=True)
    assert "2 members have replied through their link." in text
    assert "Telephone discussion 1" in text
    flagged_refs = [a.get_text(strip=True) for a in section.select("ul a")]
    assert flagged_refs == [flagged.reference]
    assert "hearing loop" not in page.content.decode()
    assert not ModelLogEntry.objects.filter(action="impact.read_replies").exists()


def test_reading_the_replies_shows_access_needs_and_is_audited(staff_client, replied):
    activity, accepted, flagged, silent = replied
    client = staff_client("engagement")
    page = client.get(reverse("impact_activities:replies", args=[activity.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Needs a hearing loop" in body
    assert accepted.reference in body and flagged.reference in body
    assert silent.reference not in body
    on_activity = ModelLogEntry.objects.get(action="impact.read_replies")
    assert on_activity.object_id == str(activity.pk)
    assert on_activity.data == {"shown": 2, "access_needs": 1}
    (on_member,) = ModelLogEntry.objects.filter(action="impact.replies_read")
    assert on_member.object_id == str(accepted.pk)
    assert "hearing" not in str(on_member.data)


def test_reading_the_replies_is_the_engagement_teams_only(staff_client, replied):
    activity = replied[0]
    client = staff_client("communications")
    response = client.get(reverse("impact_activities:replies", args=[activity.pk]))
    assert response.status_code == 302
    assert not ModelLogEntry.objects.filter(action="impact.read_replies").exists()


def test_the_member_record_shows_the_reply(staff_client, replied):
    from impact.members import record_sections

    _activity, accepted, flagged, _silent = replied
    (section,) = record_sections(accepted)
    lines = section["rows"][0][1]
    assert "Way of taking part chosen: Telephone discussion" in lines
    assert "What would help them take part: Needs a hearing loop" in lines
    (section,) = record_sections(flagged)
    assert "Said the topic affects them" in section["rows"][0][1]
