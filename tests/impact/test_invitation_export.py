"""The invitation list as CSV, for doing the contacting: the one contact detail each channel
needs, nothing for anyone who may no longer be contacted, audited, safe in a spreadsheet."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import ModelLogEntry

from enrolment.models import Member
from tests.enrolment.staff import make_user, permission, prefer_welsh, sign_in
from tests.factories import InvitationFactory, MemberFactory

pytestmark = pytest.mark.django_db

HEADINGS = [
    "Reference",
    "Name to use",
    "Language",
    "Channel",
    "Contact detail",
    "Safe times to contact",
    "Voicemail is safe",
    "May say they are from the Commissioner's office",
    "State",
]


def url(name, activity):
    return reverse(f"impact_activities:{name}", args=[activity.pk])


def export_entries(activity):
    return list(
        ModelLogEntry.objects.filter(
            content_type__model="engagementactivity",
            object_id=str(activity.pk),
            action="impact.export_invitations",
        )
    )


def table(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="invitations-')
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def invited(activity):
    """One member invited by each channel, each with every contact detail on file."""
    details = {
        "phone": "07700 900888",
        "address": "4 Ffordd y Môr, Aberteifi",
        "phone_safe": True,
        "text_safe": True,
        "letter_safe": True,
    }
    by_email = MemberFactory(
        name="Eira Email", preferred_name="Eira", safe_times="After 6pm", **details
    )
    by_phone = MemberFactory(
        name="Pawl Phone",
        voicemail_safe=True,
        may_say_opcc=True,
        language=Member.Language.WELSH,
        **details,
    )
    by_post = MemberFactory(name="Lowri Letter", **details)
    return {
        "email": InvitationFactory(activity=activity, member=by_email, channel="email"),
        "phone": InvitationFactory(
            activity=activity, member=by_phone, channel="phone", state="accepted"
        ),
        "post": InvitationFactory(activity=activity, member=by_post, channel="post"),
    }


def test_each_row_has_only_the_contact_detail_its_channel_needs(client, engagement, invited):
    activity = invited["email"].activity
    rows = table(client.post(url("export_invitations", activity)))
    assert rows[0] == HEADINGS
    by_reference = {row[0]: row for row in rows[1:]}
    email, phone, post = (invited[key].member for key in ("email", "phone", "post"))
    assert by_reference[email.reference] == [
        email.reference,
        "Eira",
        "English",
        "Email",
        email.email,
        "After 6pm",
        "No",
        "No",
        "Invited",
    ]
    assert by_reference[phone.reference] == [
        phone.reference,
        "Pawl Phone",  # no preferred name: the name
        "Welsh",
        "Phone call",
        "07700 900888",
        "",
        "Yes",
        "Yes",
        "Accepted",
    ]
    assert by_reference[post.reference][3:5] == ["Letter", "4 Ffordd y Môr, Aberteifi"]
    text = "\n".join(",".join(row) for row in rows)
    # Nobody's other details travel with them.
    assert text.count("07700 900888") == 1
    assert text.count("Ffordd y Môr") == 1
    assert email.email in text and phone.email not in text and post.email not in text
    assert len(rows) == 4


def test_members_who_may_no_longer_be_contacted_are_left_out(client, engagement, activity):
    kept = InvitationFactory(activity=activity)
    withdrawn = InvitationFactory(activity=activity, member=MemberFactory(name="Gone Away"))
    withdrawn.member.set_status(Member.Status.WITHDRAWN)
    erased = InvitationFactory(activity=activity)
    erased.member.erase()
    lapsed = InvitationFactory(activity=activity, member=MemberFactory(status="lapsed"))
    other_activity = InvitationFactory()
    rows = table(client.post(url("export_invitations", activity)))
    assert [row[0] for row in rows[1:]] == [kept.member.reference]
    text = str(rows)
    for gone in (withdrawn, erased, lapsed, other_activity):
        assert gone.member.reference not in text
    assert "Gone Away" not in text
    assert export_entries(activity)[0].data == {"rows": 1}


def test_a_channel_no_longer_safe_gives_no_contact_detail(client, engagement, activity):
    invitation = InvitationFactory(activity=activity, channel="email")
    member = invitation.member
    member.email_safe = False
    member.save()
    rows = table(client.post(url("export_invitations", activity)))
    assert rows[1][3:5] == ["Email", "No longer safe: check the record before contacting"]
    assert member.email not in str(rows)


def test_every_export_is_audited_on_the_activity_without_personal_data(client, engagement, invited):
    activity = invited["email"].activity
    client.post(url("export_invitations", activity))
    client.post(url("export_invitations", activity))
    entries = export_entries(activity)
    assert len(entries) == 2
    assert all(entry.data == {"rows": 3} for entry in entries)
    assert all(entry.user_id == engagement.pk for entry in entries)
    history = client.get(reverse("impact_activities:history", args=[activity.pk]))
    assert "Exported an invitation list (rows: 3)" in history.content.decode()


def test_there_is_no_export_by_get(client, engagement, invited):
    activity = invited["email"].activity
    response = client.get(url("export_invitations", activity))
    assert response.status_code == 302
    assert not response["Location"].startswith("/admin/login")
    assert invited["email"].member.email not in response.content.decode()
    assert export_entries(activity) == []


def test_the_export_needs_the_member_export_permission(client, django_user_model, invited):
    activity = invited["email"].activity
    Group.objects.get(name="Engagement team").permissions.remove(permission("export_member"))
    sign_in(client, make_user(django_user_model, "engagement"))
    response = client.post(url("export_invitations", activity))
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert export_entries(activity) == []
    page = client.get(url("inspect", activity)).content.decode()
    assert url("export_invitations", activity) not in page


@pytest.mark.parametrize("role", ["communications", "translator", "admin_only", "anonymous"])
def test_nobody_outside_the_team_can_export(client, django_user_model, invited, role):
    activity = invited["email"].activity
    sign_in(client, make_user(django_user_model, role))
    response = client.post(url("export_invitations", activity))
    # Refused: sent to sign in, or to the dashboard (or a bare 403), never a file.
    assert response.status_code in (302, 403)
    assert "text/csv" not in response["Content-Type"]
    assert invited["email"].member.email not in response.content.decode()
    assert export_entries(activity) == []


@pytest.mark.parametrize(
    "hostile",
    ['=HYPERLINK("http://evil.example")', "+SUM(1)", "-2+3", "@cmd", "\tTab", "\rReturn"],
)
def test_cells_that_a_spreadsheet_would_run_are_made_text(client, engagement, activity, hostile):
    member = MemberFactory(preferred_name=hostile, safe_times=hostile, email=f"{hostile}@x.org")
    InvitationFactory(activity=activity, member=member)
    row = table(client.post(url("export_invitations", activity)))[1]
    assert row[1] == "'" + hostile
    assert row[4] == "'" + hostile + "@x.org"
    assert row[5] == "'" + hostile


def test_other_alphabets_survive_the_round_trip(client, engagement, activity):
    name = "Siân Ŵyn Prŷs Ελληνικά 日本語 العربية <script>"
    InvitationFactory(activity=activity, member=MemberFactory(preferred_name=name))
    row = table(client.post(url("export_invitations", activity)))[1]
    assert row[1] == name


def test_the_export_in_welsh(client, engagement, invited):
    prefer_welsh(engagement)
    activity = invited["email"].activity
    rows = table(client.post(url("export_invitations", activity)))
    assert rows[0][:5] == [
        "Cyfeirnod",
        "Yr enw i'w ddefnyddio",
        "Iaith",
        "Sianel",
        "Manylyn cyswllt",
    ]
    assert "Galwad ffôn" in {row[3] for row in rows}
    assert "Wedi derbyn" in {row[8] for row in rows}


def test_the_activity_page_offers_the_export_as_a_post_form(client, engagement, invited):
    activity = invited["email"].activity
    page = client.get(url("inspect", activity)).content.decode()
    assert f'<form method="post" action="{url("export_invitations", activity)}">' in page


def test_an_invitation_export_is_on_each_exported_members_own_history(client, engagement, invited):
    from wagtail.log_actions import registry as log_registry

    activity = invited["email"].activity
    not_exported = InvitationFactory()  # invited to another activity
    client.post(url("export_invitations", activity))
    message = f"Contact details exported to contact them about engagement activity {activity.pk}"
    for invitation in invited.values():
        [entry] = log_registry.get_logs_for_instance(invitation.member).filter(
            action="impact.exported_for_contact"
        )
        assert entry.data == {"activity": activity.pk}
        assert entry.user == engagement
        assert entry.message == message
    assert not log_registry.get_logs_for_instance(not_exported.member).filter(
        action="impact.exported_for_contact"
    )
