"""Inviting members, recording what came of it, and the member's side: history, record,
subject access file, and erasure."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from enrolment.models import Member
from impact.models import ImpactSettings, Invitation
from tests.db_scan import assert_nowhere_in_database
from tests.enrolment.staff import make_user, permission, prefer_welsh, sign_in
from tests.enrolment.staff import url as member_url
from tests.factories import ActivityFactory, InvitationFactory, MemberFactory
from tests.html import parse

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('invite')</script>"
ALPHABETS = "Ελληνικά 日本語 العربية Siân Ŵyn Prŷs â ŷ"


def url(name, activity):
    return reverse(f"impact_activities:{name}", args=[activity.pk])


def entries(instance, action):
    return list(
        ModelLogEntry.objects.filter(
            content_type__app_label=instance._meta.app_label,
            content_type__model=instance._meta.model_name,
            object_id=str(instance.pk),
            action=action,
        ).order_by("pk")
    )


@pytest.fixture
def activity():
    return ActivityFactory(channels=["email", "phone", "post"])


@pytest.fixture
def members():
    """Three members the activity proposes, and one it must not (withdrawn)."""
    return {
        "email": MemberFactory(),
        "phone": MemberFactory(
            email="",
            phone="07700 900666",
            email_safe=False,
            phone_safe=True,
            preferred_contact="phone",
        ),
        "both": MemberFactory(phone="07700 900777", phone_safe=True, preferred_contact="phone"),
        "withdrawn": MemberFactory(status=Member.Status.WITHDRAWN),
    }


# --- the proposed list ------------------------------------------------------------------


def test_the_invite_page_lists_the_proposed_members_ticked_with_their_channel(
    client, engagement, activity, members
):
    response = client.get(url("invite", activity))
    assert response.status_code == 200
    page = parse(response)
    for key in ("email", "phone", "both"):
        member = members[key]
        box = page.select_one(f'input[name="member"][value="{member.pk}"]')
        assert box is not None and box.has_attr("checked"), key
        assert (
            page.select_one(f'a[href="{member_url("inspect", member)}"]').text == member.reference
        )
        select = page.select_one(f'select[name="channel-{member.pk}"]')
        options = [option["value"] for option in select.select("option")]
        chosen = [option["value"] for option in select.select("option[selected]")]
        expected = {"email": ["email"], "phone": ["phone"], "both": ["email", "phone"]}[key]
        assert options == expected
        assert chosen == [{"email": "email", "phone": "phone", "both": "phone"}[key]]
    assert not page.select_one(f'input[name="member"][value="{members["withdrawn"].pk}"]')
    assert members["withdrawn"].reference not in response.content.decode()
    # Nothing personal on the list: references, area and language only.
    text = response.content.decode()
    assert members["email"].email not in text and members["both"].phone not in text
    assert members["email"].name not in text
    assert "Not active (pending, withdrawn, lapsed or erased): 1" in page.text


def test_recording_invitations_for_the_ticked_members(client, engagement, activity, members):
    email, phone, both = members["email"], members["phone"], members["both"]
    response = client.post(
        url("invite", activity),
        {
            "member": [email.pk, both.pk],
            f"channel-{email.pk}": "email",
            f"channel-{phone.pk}": "phone",
            f"channel-{both.pk}": "email",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == url("inspect", activity)
    invitations = {i.member_id: i for i in Invitation.objects.filter(activity=activity)}
    assert set(invitations) == {email.pk, both.pk}
    assert invitations[both.pk].channel == "email"  # staff chose email over the suggestion
    assert invitations[email.pk].state == Invitation.State.INVITED
    assert invitations[email.pk].invited_by == engagement
    # Each invitation is on the member's history, with nothing personal in it.
    (entry,) = entries(email, "impact.invite")
    assert entry.data == {"activity": activity.pk, "channel": "email"}
    assert entry.user_id == engagement.pk
    assert entries(both, "impact.invite")[0].data == {"activity": activity.pk, "channel": "email"}
    assert entries(phone, "impact.invite") == []
    (summary,) = entries(activity, "impact.invitations_recorded")
    assert summary.data == {"count": 2}
    page = client.get(response["Location"]).content.decode()
    assert "2 invitations recorded." in page


def test_the_suggested_channel_is_used_when_none_is_posted(client, engagement, activity, members):
    both = members["both"]
    client.post(url("invite", activity), {"member": [both.pk]})
    assert Invitation.objects.get(activity=activity, member=both).channel == "phone"


def test_invited_members_are_not_proposed_again_and_a_second_click_records_nothing(
    client, engagement, activity, members
):
    email = members["email"]
    data = {"member": [email.pk], f"channel-{email.pk}": "email"}
    client.post(url("invite", activity), data)
    page = client.get(url("invite", activity)).content.decode()
    assert f'value="{email.pk}"' not in page
    response = client.post(url("invite", activity), data, follow=True)
    assert Invitation.objects.filter(activity=activity, member=email).count() == 1
    assert len(entries(email, "impact.invite")) == 1
    assert "Tick at least one member to invite." in response.content.decode()


def test_a_channel_not_safe_for_the_member_records_nothing_and_keeps_the_ticks(
    client, engagement, activity, members
):
    email, both = members["email"], members["both"]
    for hostile in ("post", "phone", "text", SCRIPT, "", "e" * 10_000):
        response = client.post(
            url("invite", activity),
            {
                "member": [email.pk, both.pk],
                f"channel-{email.pk}": hostile,
                f"channel-{both.pk}": "email",
            },
        )
        assert response.status_code == 200
        text = response.content.decode()
        assert f"Choose a channel that is safe for {email.reference}." in text
        assert SCRIPT not in text
        page = parse(response)
        assert page.select_one(f'input[name="member"][value="{both.pk}"]').has_attr("checked")
        assert not page.select_one(f'input[name="member"][value="{members["phone"].pk}"]').has_attr(
            "checked"
        )
        assert page.select_one(f'select[name="channel-{both.pk}"] option[selected]')["value"] == (
            "email"
        )
    assert not Invitation.objects.filter(activity=activity).exists()
    assert entries(email, "impact.invite") == []


def test_hostile_member_ids_are_ignored(client, engagement, activity, members):
    other_activity = ActivityFactory()
    elsewhere = InvitationFactory(activity=other_activity, invited_at=timezone.now())
    email = members["email"]
    junk = [
        "abc",
        "",
        "1e9",
        "-1",
        "99999999999999999999999",
        SCRIPT,
        ALPHABETS,
        str(members["withdrawn"].pk),
        str(elsewhere.member_id),  # invited elsewhere today: resting
        # An eligible member's id in Arabic-Indic digits, which int() would accept.
        "".join(chr(0x660 + int(digit)) for digit in str(members["both"].pk)),
        f" {members['both'].pk} ",
    ]
    response = client.post(url("invite", activity), {"member": [*junk, email.pk]})
    assert response.status_code == 302
    assert set(Invitation.objects.filter(activity=activity).values_list("member", flat=True)) == {
        email.pk
    }
    page = client.get(response["Location"]).content.decode()
    assert "1 invitation recorded." in page
    assert "members ticked could not be invited" in page


def test_nothing_ticked_is_an_error_and_nothing_is_recorded(client, engagement, activity, members):
    for data in ({}, {"member": ""}, {"member": ["nonsense"]}):
        response = client.post(url("invite", activity), data)
        assert response.status_code == 200
        assert "Tick at least one member to invite." in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_closed_activity_takes_no_invitations(client, engagement, members):
    activity = ActivityFactory(status="closed")
    email = members["email"]
    response = client.post(url("invite", activity), {"member": [email.pk]}, follow=True)
    assert "This activity is closed" in response.content.decode()
    assert not Invitation.objects.exists()
    page = parse(client.get(url("inspect", activity)))
    assert not page.select_one(f'a[href="{url("invite", activity)}"]')


def test_inviting_needs_the_right_to_add_invitations(client, django_user_model, activity, members):
    from django.contrib.auth.models import Group

    Group.objects.get(name="Engagement team").permissions.remove(
        permission("add_invitation", "impact")
    )
    sign_in(client, make_user(django_user_model, "engagement"))
    for method in ("get", "post"):
        response = getattr(client, method)(
            url("invite", activity), {"member": [members["email"].pk]}
        )
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not Invitation.objects.exists()
    assert url("invite", activity) not in client.get(url("inspect", activity)).content.decode()


def test_the_invite_page_in_welsh(client, engagement, activity, members):
    prefer_welsh(engagement)
    response = client.get(url("invite", activity))
    text = response.content.decode()
    assert "Gwahodd aelodau" in text
    assert "Cofnodi&#x27;r gwahoddiadau" in text or "Cofnodi'r gwahoddiadau" in text
    assert "Galwad ffôn" in text
    response = client.post(url("invite", activity), {"member": ["x"]})
    assert "Ticiwch o leiaf un aelod i&#x27;w wahodd." in response.content.decode()
    response = client.post(url("invite", activity), {"member": [members["email"].pk]}, follow=True)
    assert "Cofnodwyd 1 gwahoddiad." in response.content.decode()


def test_recently_invited_count_is_shown_with_the_rest_period(client, engagement, activity):
    settings = ImpactSettings.load()
    settings.recent_invitation_days = 30
    settings.save()
    InvitationFactory(invited_at=timezone.now() - datetime.timedelta(days=3))
    text = parse(client.get(url("invite", activity))).text
    assert "Invited to an activity in the last 30 days: 1" in text


# --- states and what they told us -------------------------------------------------------


@pytest.fixture
def invitations(activity, members):
    return [
        InvitationFactory(activity=activity, member=members["email"]),
        InvitationFactory(activity=activity, member=members["phone"], channel="phone"),
    ]


def test_the_activity_page_shows_the_invitations_and_their_state_counts(
    client, engagement, activity, invitations
):
    first, second = invitations
    first.state = Invitation.State.TOOK_PART
    first.save()
    page = parse(client.get(url("inspect", activity)))
    section = page.select_one("#activity-invitations").parent
    counts = section.select_one("table")
    headings = [th.text.strip() for th in counts.select("th")]
    values = [td.text.strip() for td in counts.select("td")]
    assert dict(zip(headings, values, strict=True)) == {
        "Invited": "1",
        "Accepted": "0",
        "Declined": "0",
        "Took part": "1",
        "No reply": "0",
        "All invitations": "2",
    }
    assert section.select_one(f'select[name="state-{first.pk}"] option[selected]')["value"] == (
        "took_part"
    )
    assert section.select_one(f'form[action="{url("invitation_states", activity)}"]')
    assert first.member.reference in section.text


def test_changing_states_and_feedback_writes_each_change_to_the_member_history(
    client, engagement, activity, invitations
):
    first, second = invitations
    feedback = "Wanted the letters in Welsh — ŵ ŷ â"
    response = client.post(
        url("invitation_states", activity),
        {
            f"state-{first.pk}": "took_part",
            f"feedback-{first.pk}": feedback,
            f"state-{second.pk}": "invited",
            f"feedback-{second.pk}": "",
        },
    )
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == "took_part" and first.feedback == feedback
    assert second.state == "invited" and second.feedback == ""
    (entry,) = entries(first.member, "impact.invitation_state")
    assert entry.data == {"activity": activity.pk, "state": "took_part"}
    (entry,) = entries(first.member, "impact.invitation_feedback")
    assert entry.data == {"activity": activity.pk}
    assert entries(second.member, "impact.invitation_state") == []
    # The feedback is encrypted at rest, and in no audit entry.
    with connection.cursor() as cursor:
        cursor.execute("SELECT feedback FROM impact_invitation WHERE id = %s", [first.pk])
        (raw,) = cursor.fetchone()
    assert "Welsh" not in raw
    assert "Welsh" not in str(list(ModelLogEntry.objects.values_list("data", flat=True)))
    page = client.get(response["Location"]).content.decode()
    assert "1 invitation updated." in page


def test_a_partial_post_changes_only_what_it_names(client, engagement, activity, invitations):
    first, second = invitations
    second.feedback = "Keep this"
    second.state = Invitation.State.ACCEPTED
    second.save()
    client.post(url("invitation_states", activity), {f"state-{first.pk}": "declined"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == "declined"
    assert second.state == "accepted" and second.feedback == "Keep this"


def test_bad_states_and_feedback_save_nothing_and_keep_what_was_typed(
    client, engagement, activity, invitations
):
    first, second = invitations
    typed = f"{SCRIPT} {ALPHABETS}"
    for bad in ({f"state-{first.pk}": "won_a_prize"}, {f"state-{first.pk}": SCRIPT}):
        response = client.post(
            url("invitation_states", activity),
            {**bad, f"feedback-{second.pk}": typed, f"state-{second.pk}": "declined"},
        )
        assert response.status_code == 200
        text = response.content.decode()
        assert "Nothing was saved" in text
        assert SCRIPT not in text
        page = parse(response)
        assert page.select_one(f'textarea[name="feedback-{second.pk}"]').text.strip() == typed
    too_long = "ŵ" * 200_000
    response = client.post(url("invitation_states", activity), {f"feedback-{first.pk}": too_long})
    assert response.status_code == 200
    assert "Nothing was saved" in response.content.decode()
    response = client.post(url("invitation_states", activity), {f"feedback-{first.pk}": "a\x00b"})
    assert response.status_code == 200
    for invitation in invitations:
        invitation.refresh_from_db()
        assert invitation.state == "invited" and invitation.feedback == ""
    assert not ModelLogEntry.objects.filter(action__startswith="impact.invitation").exists()


def test_another_activitys_invitations_cannot_be_changed_from_here(
    client, engagement, activity, invitations
):
    elsewhere = InvitationFactory()
    response = client.post(
        url("invitation_states", activity),
        {f"state-{elsewhere.pk}": "took_part", f"feedback-{elsewhere.pk}": "sneaky"},
    )
    assert response.status_code == 302
    elsewhere.refresh_from_db()
    assert elsewhere.state == "invited" and elsewhere.feedback == ""


def test_feedback_with_markup_is_shown_escaped(client, engagement, activity, invitations):
    first, _ = invitations
    first.feedback = SCRIPT
    first.save()
    text = client.get(url("inspect", activity)).content.decode()
    assert SCRIPT not in text
    assert "&lt;script&gt;" in text


def test_the_states_page_and_form_in_welsh(client, engagement, activity, invitations):
    prefer_welsh(engagement)
    response = client.get(url("invitation_states", activity))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Beth ddywedon nhw wrthym" in text
    assert "Wedi cymryd rhan" in text
    response = client.post(
        url("invitation_states", activity), {f"state-{invitations[0].pk}": "took_part"}, follow=True
    )
    assert "Diweddarwyd 1 gwahoddiad." in response.content.decode()


# --- the member's side ------------------------------------------------------------------


def test_the_member_record_shows_the_activities_invited_to(client, engagement, activity, members):
    member = members["email"]
    InvitationFactory(
        activity=activity, member=member, state="took_part", feedback="Liked the online group"
    )
    record = parse(client.get(member_url("inspect", member))).text
    assert activity.title in record
    assert "State: Took part" in record
    assert "Invited by: Email" in record
    assert "What they told us: Liked the online group" in record
    bare = parse(client.get(member_url("inspect", members["phone"]))).text
    assert "Not invited to any engagement activity." in bare


def test_the_member_record_in_welsh(client, engagement, activity, members):
    member = members["email"]
    InvitationFactory(activity=activity, member=member, state="declined")
    prefer_welsh(engagement)
    record = parse(client.get(member_url("inspect", member))).text
    assert "Gweithgareddau ymgysylltu" in record
    assert "Cyflwr: Wedi gwrthod" in record


def test_the_member_history_names_the_invitation_without_personal_data(
    client, engagement, activity, members
):
    member = members["email"]
    client.post(url("invite", activity), {"member": [member.pk]})
    invitation = Invitation.objects.get(member=member)
    client.post(url("invitation_states", activity), {f"state-{invitation.pk}": "accepted"})
    history = parse(client.get(member_url("history", member))).text
    assert f"Invited to engagement activity {activity.pk} (Email)" in history
    assert f"Engagement activity {activity.pk}: Accepted" in history
    assert member.email not in history


def test_the_subject_access_file_holds_the_invitations_in_the_members_language(
    client, engagement, activity
):
    member = MemberFactory(language=Member.Language.WELSH)
    InvitationFactory(
        activity=activity, member=member, state="took_part", feedback="Roedd y grŵp yn dda"
    )
    response = client.post(member_url("subject_access", member))
    assert response.status_code == 200
    document = parse(response).text
    assert activity.title in document
    assert "Beth ddywedon nhw wrthym: Roedd y grŵp yn dda" in document
    assert "Cyflwr: Wedi cymryd rhan" in document


def test_erasing_a_member_erases_what_they_told_us(client, engagement, activity):
    feedback = "Quillfeather said the waiting room felt unsafe ŵŷâ"
    member = MemberFactory()
    invitation = InvitationFactory(
        activity=activity, member=member, state="took_part", feedback=feedback
    )
    kept = InvitationFactory(member=MemberFactory(), feedback="Another member's words, kept")
    response = client.post(member_url("erase", member), {"channel": "phone", "understood": "on"})
    member.refresh_from_db()
    assert member.status == Member.Status.ERASED, response.content.decode()[:2000]
    invitation.refresh_from_db()
    assert invitation.feedback == ""
    assert invitation.state == "took_part"  # still counted as having taken part
    kept.refresh_from_db()
    assert kept.feedback == "Another member's words, kept"
    assert_nowhere_in_database(feedback, member=member)


def test_the_retention_purge_erases_feedback_too(activity):
    from django.core.management import call_command

    from enrolment.models import MembershipSettings

    feedback = "Purged words from a lapsed member ŷ"
    member = MemberFactory(status=Member.Status.LAPSED)
    InvitationFactory(activity=activity, member=member, feedback=feedback)
    Member.objects.filter(pk=member.pk).update(
        status_changed_at=timezone.now() - datetime.timedelta(days=5000)
    )
    assert MembershipSettings.load().retention_days < 5000
    call_command("purge_expired_members", verbosity=0)
    assert_nowhere_in_database(feedback)
