"""Activities are the engagement team's, like member records: every role against every
activity URL, including any added later (the URLs are read from the resolver)."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse

from impact.models import EngagementActivity
from tests.enrolment.staff import (
    ROLES,
    TEAM_ROLES,
    make_user,
    permission,
    prefer_welsh,
    sign_in,
)
from tests.factories import ActivityFactory, InvitationFactory

pytestmark = pytest.mark.django_db


def all_activity_urls(activity):
    """Every activity URL, with every id filled in by the activity's (or its invitation's)."""
    from impact.admin.viewsets import ActivityViewSet

    invitation = activity.invitations.first()
    urls = []
    for pattern in ActivityViewSet().get_urlpatterns():
        converters = list(pattern.pattern.converters)
        args = ([activity.pk] + [invitation.pk] * (len(converters) - 1))[: len(converters)]
        urls.append((pattern.name, reverse(f"impact_activities:{pattern.name}", args=args)))
    return urls


def refused(response, role):
    if role == "anonymous":
        return response.status_code == 302 and response["Location"].startswith("/admin/login/")
    return response.status_code == 302 and response["Location"] == "/admin/"


@pytest.fixture
def activity():
    activity = ActivityFactory()
    InvitationFactory(activity=activity)
    return activity


@pytest.mark.parametrize("role", ROLES)
def test_every_activity_url_answers_each_role_as_it_should(
    client, django_user_model, role, activity
):
    sign_in(client, make_user(django_user_model, role))
    for name, address in all_activity_urls(activity):
        for method in ("get", "post"):
            response = getattr(client, method)(address)
            if role in TEAM_ROLES:
                assert not refused(response, role), (name, method)
                assert response.status_code < 500, (name, method)
            else:
                assert refused(response, role), (name, method, response.status_code)


def test_the_activity_list_and_page_show_for_the_team(client, django_user_model, activity):
    sign_in(client, make_user(django_user_model, "engagement"))
    listing = client.get(reverse("impact_activities:index"))
    assert activity.title in listing.content.decode()
    page = client.get(reverse("impact_activities:inspect", args=[activity.pk]))
    assert page.status_code == 200
    assert activity.partner.name in page.content.decode()


@pytest.mark.parametrize(("language", "edit"), [("en", "Edit"), ("cy", "Golygu")])
def test_an_activitys_title_opens_its_page_with_edit_one_click_on(
    client, django_user_model, activity, language, edit
):
    user = make_user(django_user_model, "engagement")
    if language == "cy":
        prefer_welsh(user)
    sign_in(client, user)
    listing = BeautifulSoup(client.get(reverse("impact_activities:index")).content, "html.parser")
    title_link = listing.find("a", string=lambda text: text and text.strip() == activity.title)

    page_url = reverse("impact_activities:inspect", args=[activity.pk])
    assert title_link["href"] == page_url
    page = BeautifulSoup(client.get(page_url).content, "html.parser")
    edit_link = page.find("a", string=edit)
    assert edit_link["href"] == reverse("impact_activities:edit", args=[activity.pk])
    assert client.get(edit_link["href"]).status_code == 200


def test_the_menu_shows_activities_only_to_the_team(client, django_user_model):
    for role, shown in (("engagement", True), ("communications", False), ("translator", False)):
        client.logout()
        sign_in(client, make_user(django_user_model, role))
        dashboard = client.get("/admin/").content.decode()
        assert (reverse("impact_activities:index") in dashboard) is shown, role


def test_a_permission_given_to_another_group_by_mistake_opens_nothing(client, django_user_model):
    communications = Group.objects.get(name="Communications team")
    communications.permissions.add(
        permission("view_engagementactivity", "impact"),
        permission("change_engagementactivity", "impact"),
    )
    activity = ActivityFactory()
    sign_in(client, make_user(django_user_model, "communications"))
    response = client.get(reverse("impact_activities:inspect", args=[activity.pk]))
    assert refused(response, "communications")


def test_the_team_can_add_an_activity_with_recommendations(client, django_user_model):
    from tests.factories import PartnerFactory, TopicFactory

    partner, topic = PartnerFactory(), TopicFactory()
    sign_in(client, make_user(django_user_model, "engagement"))
    response = client.post(
        reverse("impact_activities:add"),
        {
            "title": "Court waiting areas",
            "partner": partner.pk,
            "topic": topic.pk,
            "financial_year": 2026,
            "quarter": "q3",
            "status": "planned",
            "channels": ["email", "post"],
            "target_how_affected": ["bereaved"],
            "recommendations-TOTAL_FORMS": 1,
            "recommendations-INITIAL_FORMS": 0,
            "recommendations-MIN_NUM_FORMS": 0,
            "recommendations-MAX_NUM_FORMS": 1000,
            "recommendations-0-text": "Offer a separate waiting room.",
            "recommendations-0-ORDER": 1,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    activity = EngagementActivity.objects.get(title="Court waiting areas")
    assert activity.channels == ["email", "post"]
    assert activity.target_how_affected == ["bereaved"]
    assert [r.text for r in activity.recommendations.all()] == ["Offer a separate waiting room."]
