"""Targeting by crime type or demographic details needs the same right as seeing them on the
member record: without it, nobody can set those criteria, nor see whom they pick out."""

import html

import pytest
from django.urls import reverse
from django.utils import translation

from enrolment.models import CrimeType, DemographicOption
from impact.models import EngagementActivity
from tests.enrolment.staff import prefer_welsh
from tests.factories import ActivityFactory, InvitationFactory, MemberFactory
from tests.html import parse

pytestmark = pytest.mark.django_db

WITHOUT = "engagement_without_sensitive"
SENSITIVE_FIELDS = ("target_crime_types", "target_demographics")
REFUSAL = "Only a colleague who may see members' crime types and demographic details"


def text_of(response):
    """The page's text as a reader sees it (entities decoded)."""
    return html.unescape(response.content.decode())


def url(name, activity):
    return reverse(f"impact_activities:{name}", args=[activity.pk])


def crime_types():
    return list(CrimeType.objects.canonical()[:2])


@pytest.fixture
def member():
    member = MemberFactory()
    member.crime_types.set(crime_types()[:1])
    return member


@pytest.fixture
def sensitive_activity(member):
    activity = ActivityFactory(channels=["email"])
    activity.target_crime_types.set(crime_types()[:1])
    return activity


@pytest.fixture
def plain_activity(member):
    return ActivityFactory(channels=["email"])


def edit_data(activity, **changes):
    data = {
        "title": activity.title,
        "partner": activity.partner_id,
        "topic": activity.topic_id,
        "financial_year": activity.financial_year,
        "quarter": activity.quarter,
        "status": activity.status,
        "channels": ["email"],
        "recommendations-TOTAL_FORMS": 0,
        "recommendations-INITIAL_FORMS": 0,
        "recommendations-MIN_NUM_FORMS": 0,
        "recommendations-MAX_NUM_FORMS": 1000,
    }
    data.update(changes)
    return data


# --- setting the criteria ---------------------------------------------------------------


@pytest.mark.parametrize("role, shown", [("engagement", True), (WITHOUT, False)])
def test_the_sensitive_criteria_are_on_the_form_only_for_those_with_the_right(
    staff_client, plain_activity, role, shown
):
    page = parse(staff_client(role).get(url("edit", plain_activity)))
    for name in SENSITIVE_FIELDS:
        assert bool(page.select(f'input[name="{name}"]')) is shown, name
    assert page.select('input[name="target_how_affected"]')


def test_a_crafted_post_cannot_change_the_sensitive_criteria_and_keeps_them(
    staff_client, sensitive_activity
):
    kept = set(sensitive_activity.target_crime_types.all())
    other = crime_types()[1]
    option = DemographicOption.objects.canonical().first()
    response = staff_client(WITHOUT).post(
        url("edit", sensitive_activity),
        edit_data(
            sensitive_activity,
            title="Renamed",
            target_crime_types=[other.pk],
            target_demographics=[option.pk],
        ),
    )
    assert response.status_code == 302, text_of(response)[:2000]
    sensitive_activity.refresh_from_db()
    assert sensitive_activity.title == "Renamed"
    assert set(sensitive_activity.target_crime_types.all()) == kept
    assert not sensitive_activity.target_demographics.exists()


def test_a_crafted_post_cannot_add_an_activity_with_sensitive_criteria(
    staff_client, plain_activity
):
    data = edit_data(plain_activity, title="Crafted", target_crime_types=[crime_types()[0].pk])
    response = staff_client(WITHOUT).post(reverse("impact_activities:add"), data)
    assert response.status_code == 302, text_of(response)[:2000]
    assert not EngagementActivity.objects.get(title="Crafted").target_crime_types.exists()


def test_the_team_with_the_right_still_sets_them(staff_client, plain_activity):
    chosen = crime_types()[1]
    response = staff_client("engagement").post(
        url("edit", plain_activity), edit_data(plain_activity, target_crime_types=[chosen.pk])
    )
    assert response.status_code == 302
    assert list(plain_activity.target_crime_types.all()) == [chosen]


# --- what the criteria pick out ---------------------------------------------------------


def test_choosing_whom_to_invite_is_refused_with_a_message(
    staff_client, sensitive_activity, member
):
    client = staff_client(WITHOUT)
    for method in ("get", "post"):
        response = getattr(client, method)(url("invite", sensitive_activity), follow=True)
        text = text_of(response)
        assert member.reference not in text
        assert REFUSAL in text, method
        assert "Do not match who to invite" not in text
    assert not sensitive_activity.invitations.exists()


def test_the_invitations_list_and_export_are_refused(staff_client, sensitive_activity, member):
    InvitationFactory(activity=sensitive_activity, member=member)
    client = staff_client(WITHOUT)
    for name in ("invitation_states", "export_invitations"):
        for method in ("get", "post"):
            response = getattr(client, method)(url(name, sensitive_activity), follow=True)
            text = text_of(response)
            assert member.reference not in text, (name, method)
            assert member.email not in text, (name, method)
            assert response["Content-Type"].startswith("text/html"), (name, method)


def test_the_activity_page_hides_whom_the_criteria_picked_out(
    staff_client, sensitive_activity, member
):
    InvitationFactory(activity=sensitive_activity, member=member, state="took_part")
    response = staff_client(WITHOUT).get(url("inspect", sensitive_activity))
    text = text_of(response)
    assert response.status_code == 200
    assert member.reference not in text
    assert REFUSAL in text
    page = parse(response)
    assert not page.select(f'a[href="{url("invite", sensitive_activity)}"]')
    assert not page.select("#representativeness")
    # Which crime type it targets is not named either.
    assert crime_types()[0].name not in text


def test_the_message_is_in_welsh_for_a_welsh_speaker(staff_client, sensitive_activity):
    client = staff_client(WITHOUT)
    prefer_welsh(client.user)
    text = text_of(client.get(url("inspect", sensitive_activity)))
    with translation.override("cy"):
        assert (
            translation.gettext(REFUSAL + " can see whom this activity's criteria pick out.")
            in text
        )
    assert REFUSAL not in text


def test_the_team_with_the_right_sees_everything(staff_client, sensitive_activity, member):
    InvitationFactory(activity=sensitive_activity, member=member)
    client = staff_client("engagement")
    text = text_of(client.get(url("inspect", sensitive_activity)))
    assert member.reference in text and REFUSAL not in text
    assert member.reference in text_of(client.get(url("invitation_states", sensitive_activity)))
    export = client.post(url("export_invitations", sensitive_activity))
    assert member.email in text_of(export)


def test_an_activity_without_sensitive_criteria_stays_open_to_the_whole_team(
    staff_client, plain_activity, member
):
    client = staff_client(WITHOUT)
    text = text_of(client.get(url("invite", plain_activity)))
    assert member.reference in text and REFUSAL not in text


# --- the member record ------------------------------------------------------------------


@pytest.mark.parametrize("role, named", [("engagement", True), (WITHOUT, False)])
def test_the_record_names_an_activity_with_sensitive_criteria_only_to_those_with_the_right(
    staff_client, member, sensitive_activity, plain_activity, role, named
):
    InvitationFactory(member=member, activity=sensitive_activity)
    InvitationFactory(member=member, activity=plain_activity)
    record = reverse("enrolment_members:inspect", args=[member.pk])
    page = text_of(staff_client(role).get(record))
    assert (sensitive_activity.title in page) is named
    assert ("An activity that chooses members by details you may not see" in page) is not named
    assert plain_activity.title in page
