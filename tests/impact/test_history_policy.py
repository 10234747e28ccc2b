"""Wagtail's own lists of audit entries follow the engagement team's policy: a member or
activity permission given to another group by mistake shows that group none of the entries."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from impact.audit import audit
from tests.enrolment.staff import permission
from tests.factories import ActivityFactory, MemberFactory

pytestmark = pytest.mark.django_db

SITE_HISTORY = "/admin/reports/site-history/"
MISTAKES = [
    ("enrolment", "view_member"),
    ("enrolment", "change_member"),
    ("impact", "view_engagementactivity"),
    ("impact", "view_invitation"),
]


@pytest.fixture
def logged():
    member = MemberFactory()
    activity = ActivityFactory(title="Hearing about a parole board")
    audit(member, "impact.invite", data={"activity": activity.pk, "channel": "email"})
    audit(activity, "impact.invitations_recorded", data={"count": 1})
    return member, activity


@pytest.fixture
def mistaken_client(staff_client):
    communications = Group.objects.get(name="Communications team")
    communications.permissions.add(*(permission(code, app) for app, code in MISTAKES))
    return staff_client("communications")


def export_rows(client):
    response = client.get(SITE_HISTORY, {"export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_a_permission_given_by_mistake_shows_no_entries_in_site_history(mistaken_client, logged):
    member, activity = logged
    response = mistaken_client.get(SITE_HISTORY)
    assert response.status_code == 200
    text = response.content.decode()
    assert member.reference not in text
    assert activity.title not in text
    results = mistaken_client.get(reverse("wagtailadmin_reports:site_history_results"))
    assert member.reference not in results.content.decode()
    assert activity.title not in results.content.decode()
    for row in export_rows(mistaken_client):
        assert member.reference not in row and activity.title not in row


def test_nor_in_the_history_views(mistaken_client, logged):
    member, activity = logged
    for address in (
        reverse("enrolment_members:history", args=[member.pk]),
        reverse("impact_activities:history", args=[activity.pk]),
    ):
        response = mistaken_client.get(address)
        assert response.status_code in (302, 403), address
        assert member.reference not in response.content.decode()


def test_the_engagement_team_still_sees_them(staff_client, logged):
    member, activity = logged
    client = staff_client("engagement")
    text = client.get(SITE_HISTORY).content.decode()
    assert member.reference in text and activity.title in text
    flat = [cell for row in export_rows(client) for cell in row]
    assert member.reference in flat and activity.title in flat
    for address in (
        reverse("enrolment_members:history", args=[member.pk]),
        reverse("impact_activities:history", args=[activity.pk]),
    ):
        assert client.get(address).status_code == 200


def test_the_mistaken_group_keeps_its_own_permissions_elsewhere(mistaken_client):
    # The policy narrows only the engagement team's records, not the group's other rights.
    user = mistaken_client.user
    assert not user.has_perm("enrolment.view_member")
    assert not user.has_perm("impact.view_engagementactivity")
    assert user.has_perm("wagtailadmin.access_admin")
