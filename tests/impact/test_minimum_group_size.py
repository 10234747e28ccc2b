"""The minimum group size (Engagement settings) holds in every report, and moves with the
setting: the representativeness breakdown, the activity page, and what public stories say."""

import pytest
from django.urls import reverse

from enrolment.models import Area
from impact.models import ImpactSettings, Invitation
from impact.reporting import (
    minimum_group_size,
    public_participation,
    representativeness,
    shown_count,
)
from tests.enrolment.staff import make_user, sign_in
from tests.factories import ActivityFactory, InvitationFactory, MemberFactory

pytestmark = pytest.mark.django_db


def set_minimum(size):
    settings = ImpactSettings.load()
    settings.minimum_group_size = size
    settings.save()


def took_part(activity, number, **fields):
    for _ in range(number):
        InvitationFactory(
            activity=activity, member=MemberFactory(**fields), state=Invitation.State.TOOK_PART
        )


@pytest.fixture
def activity():
    """11 took part: 5 in Carmarthenshire, 6 in Ceredigion. Two more were invited only."""
    activity = ActivityFactory()
    took_part(activity, 5, area=Area.objects.canonical().get(name="Carmarthenshire"))
    took_part(activity, 6, area=Area.objects.canonical().get(name="Ceredigion"))
    for state in (Invitation.State.ACCEPTED, Invitation.State.NO_REPLY):
        InvitationFactory(activity=activity, state=state)
    return activity


def area_counts(activity):
    report = representativeness(activity, ("area",))
    if report.too_few:
        return None
    return {row.label: row.took_part.count for row in report.breakdowns[0].rows}


def test_the_default_is_five():
    assert minimum_group_size() == 5
    assert [shown_count(n) for n in (0, 1, 4, 5, 50)] == [0, None, None, 5, 50]


def test_shown_count_follows_the_setting():
    set_minimum(8)
    assert [shown_count(n) for n in (0, 7, 8)] == [0, None, 8]


def test_representativeness_moves_with_the_setting(activity):
    assert area_counts(activity) == {"Carmarthenshire": 5, "Ceredigion": 6}
    set_minimum(6)
    # 5 is now too small; 6 goes too, or 11 - 6 would give the 5 away.
    assert area_counts(activity) == {"Carmarthenshire": None, "Ceredigion": None}
    set_minimum(12)
    assert area_counts(activity) is None  # 11 took part: no breakdown at all
    set_minimum(11)
    assert area_counts(activity) == {"Carmarthenshire": None, "Ceredigion": None}


def test_public_participation_moves_with_the_setting(activity):
    assert public_participation(activity)["count"] == 11
    set_minimum(12)
    shown = public_participation(activity)
    assert shown["count"] is None and shown["minimum"] == 12


def test_public_participation_never_shows_a_small_count_not_even_zero():
    activity = ActivityFactory()
    assert public_participation(activity)["count"] is None
    took_part(activity, 4)
    assert public_participation(activity)["count"] is None
    took_part(activity, 1)
    assert public_participation(activity)["count"] == 5
    assert public_participation(None) is None


def test_the_activity_page_follows_the_setting(client, django_user_model, activity):
    sign_in(client, make_user(django_user_model, "engagement"))
    address = reverse("impact_activities:inspect", args=[activity.pk])
    page = client.get(address).content.decode()
    assert "Counts below 5 are hidden" in page
    assert '<tr data-row="area-' in page
    set_minimum(12)
    page = client.get(address).content.decode()
    assert "Fewer than 12 people took part" in page
    assert '<tr data-row="area-' not in page


@pytest.mark.parametrize(("value", "saved"), [("7", 7), ("1", 5), ("51", 5), ("abc", 5), ("", 5)])
def test_the_team_sets_the_minimum_within_sensible_bounds(
    client, django_user_model, activity, value, saved
):
    sign_in(client, make_user(django_user_model, "engagement"))
    address = reverse(
        "wagtailsettings:edit", args=["impact", "impactsettings", ImpactSettings.load().pk]
    )
    response = client.post(
        address,
        {"minimum_group_size": value, "recent_invitation_days": "90", "reminder_days": "3"},
    )
    assert response.status_code == (302 if saved == 7 else 200)
    assert minimum_group_size() == saved
    if saved == 7:
        assert area_counts(activity) == {"Carmarthenshire": None, "Ceredigion": None}
