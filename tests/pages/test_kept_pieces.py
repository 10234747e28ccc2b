"""Parts of pages kept in the shared cache until the content changes (menus, the help strip,
the quick exit, a story's participation, the join form's lists, the story filters): with
the page cache off, an editor's change still shows on the very next request."""

import datetime

import pytest
from django.test import Client

from enrolment.models import Area
from impact.models import ImpactSettings, Invitation, StoryIndexPage
from pages.models import Navigation, SafetySettings
from tests.factories import (
    ActivityFactory,
    InvitationFactory,
    PartnerFactory,
    SupportServiceFactory,
)
from tests.impact.test_stories import make_story

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    settings.PAGE_CACHE_SECONDS = 0


def seen(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("language,url", [("en", "/"), ("cy", "/cy/")])
def test_a_new_menu_item_shows_on_the_next_request(language, url, home):
    client = Client()
    assert "Newly added item" not in seen(client, url)
    navigation = Navigation.objects.get(locale__language_code=language)
    navigation.primary_links = [("link", {"page": home, "url": "", "title": "Newly added item"})]
    navigation.save()
    assert "Newly added item" in seen(client, url)


def test_a_service_added_to_the_help_strip_shows_and_goes_on_the_next_request():
    client = Client()
    assert "Just added helpline" not in seen(client, "/")
    service = SupportServiceFactory(name="Just added helpline", in_help_strip=True)
    assert "Just added helpline" in seen(client, "/")
    service.delete()
    assert "Just added helpline" not in seen(client, "/")


def test_a_new_quick_exit_destination_shows_on_the_next_request(home):
    client = Client()
    seen(client, "/")
    safety = SafetySettings.for_site(home.get_site())
    safety.quick_exit_url = "https://news.example.org/"
    safety.save()
    assert 'href="https://news.example.org/"' in seen(client, "/cy/")
    assert 'href="https://news.example.org/"' in seen(client, "/")


def test_a_renamed_area_shows_on_the_join_form_at_once():
    client = Client()
    assert "Renamed county" not in seen(client, "/join/")
    area = Area.objects.canonical().first()
    area.name = "Renamed county"
    area.save()
    assert "Renamed county" in seen(client, "/join/")


def test_a_story_shows_how_many_took_part_as_soon_as_it_changes():
    settings = ImpactSettings.load()
    settings.minimum_group_size = 1
    settings.save()
    activity = ActivityFactory()
    index = StoryIndexPage.objects.get(locale__language_code="en")
    story = make_story(index, "Counted story", datetime.date(2025, 3, 1), activity=activity)
    client = Client()
    assert "2 people" not in seen(client, story.url)
    for _ in range(2):
        InvitationFactory(activity=activity, state=Invitation.State.TOOK_PART)
    assert "2 people" in seen(client, story.url)


def test_a_new_partner_joins_the_story_filters_at_once():
    index = StoryIndexPage.objects.get(locale__language_code="en")
    client = Client()
    assert "Newest partner" not in seen(client, index.url)
    partner = PartnerFactory(name="Newest partner", slug="newest-partner")
    make_story(index, "Story with a new partner", datetime.date(2025, 5, 1), partner=partner)
    assert "Newest partner" in seen(client, index.url)
