"""The query budget: every public page takes at most 12 SQL queries once warm (the page
cache off, so these are the pages it does not keep, or keeps no longer), and the count
does not grow with the number of stories, support services or menu items."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from enrolment import withdrawal
from impact.models import StoryIndexPage
from pages.models import Navigation
from tests.factories import ActivityFactory, MemberFactory, PartnerFactory, SupportServiceFactory
from tests.impact.test_stories import make_story

pytestmark = pytest.mark.django_db

BUDGET = 12

PUBLIC_PAGES = [
    "/",
    "/cy/",
    "/terms-of-reference/",
    "/cy/cylch-gorchwyl/",
    "/support/",
    "/cy/cymorth/",
    "/difference-made/",
    "/cy/gwahaniaeth-a-wnaed/",
    "/difference-made/?year=2025",
    "/difference-made/?page=2",
    "/difference-made/feed/",
    "/cy/gwahaniaeth-a-wnaed/feed/",
    "/join/",
    "/cy/ymuno/",
    "/join/thank-you/",
    "/cy/ymuno/diolch/",
    "/search/?q=support",
    "/cy/chwilio/?q=cymorth",
    "/have-your-say/",
    "/cy/dweud-eich-dweud/",
    "/no-such-page/",
    "/cy/dim-tudalen-fel-hon/",
]


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    settings.PAGE_CACHE_SECONDS = 0


def warm(client, url):
    """Two requests warm what is kept: on a fresh test database the first one may also
    create a settings row with its defaults, which counts as a change of content."""
    for _ in range(2):
        response = client.get(url)
    return response


def warm_queries(url, client=None):
    """Queries taken by a request for a page once it is warm."""
    client = client or Client()
    first = warm(client, url)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert second.status_code == first.status_code
    return second, len(queries)


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_every_public_page_keeps_to_the_budget(url, django_assert_max_num_queries):
    client = Client()
    warm(client, url)
    with django_assert_max_num_queries(BUDGET):
        response = client.get(url)
    assert response.status_code in (200, 404), url


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_story_keeps_to_the_budget(language, django_assert_max_num_queries):
    index = StoryIndexPage.objects.get(locale__language_code=language)
    story = index.get_children().live().first()
    client = Client()
    warm(client, story.url)
    with django_assert_max_num_queries(BUDGET):
        assert client.get(story.url).status_code == 200


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_contribution_form_and_withdrawal_page_keep_to_the_budget(
    language, django_assert_max_num_queries
):
    activity = ActivityFactory(allow_anonymous=True, public_title="Waiting at court")
    prefix = "/have-your-say/" if language == "en" else "/cy/dweud-eich-dweud/"
    member = MemberFactory(language=language)
    leave = "/" + withdrawal.withdrawal_url(member).split("://", 1)[1].split("/", 1)[1]
    for url in (f"{prefix}{activity.public_code}/", leave):
        client = Client()
        warm(client, url)
        with django_assert_max_num_queries(BUDGET):
            assert client.get(url).status_code == 200, url


# --- the same count for 10 items as for 200 ------------------------------------------------


def add_stories(count, first=0, language="en"):
    index = StoryIndexPage.objects.get(locale__language_code=language)
    partners = [PartnerFactory() for _ in range(3)]
    start = datetime.date(2024, 1, 1)
    for number in range(first, first + count):
        make_story(
            index,
            f"Story number {number}",
            start + datetime.timedelta(days=number * 3),
            partner=partners[number % 3],
        )


def add_support_services(count, first=0):
    for number in range(first, first + count):
        SupportServiceFactory(name=f"Service {number}", in_help_strip=number % 2 == 0)


def add_menu_items(count, home):
    navigation = Navigation.objects.get(locale=home.locale)
    links = [("link", {"page": home, "url": "", "title": f"Item {n}"}) for n in range(count)]
    navigation.primary_links = links
    navigation.footer_links = links
    navigation.save()


@pytest.mark.parametrize("url", ["/difference-made/", "/difference-made/?page=3", "/"])
def test_story_listings_take_the_same_queries_for_10_and_200_stories(url):
    add_stories(10)
    _response, with_10 = warm_queries(url)
    add_stories(190, first=10)
    response, with_200 = warm_queries(url)
    assert "Story number 199" in response.content.decode() or url != "/difference-made/"
    assert with_200 == with_10 <= BUDGET


def test_the_feed_takes_the_same_queries_for_10_and_200_stories():
    add_stories(10)
    _response, with_10 = warm_queries("/difference-made/feed/")
    add_stories(190, first=10)
    _response, with_200 = warm_queries("/difference-made/feed/")
    assert with_200 == with_10 <= BUDGET


@pytest.mark.parametrize("url", ["/support/", "/", "/join/"])
def test_pages_take_the_same_queries_for_10_and_200_support_services(url):
    add_support_services(10)
    response, with_10 = warm_queries(url)
    add_support_services(190, first=10)
    response, with_200 = warm_queries(url)
    if url == "/support/":
        assert "Service 189" in response.content.decode()
    assert with_200 == with_10 <= BUDGET


@pytest.mark.parametrize("url", ["/", "/support/", "/difference-made/"])
def test_pages_take_the_same_queries_for_10_and_200_menu_items(url, home):
    add_menu_items(10, home)
    _response, with_10 = warm_queries(url)
    add_menu_items(200, home)
    response, with_200 = warm_queries(url)
    assert "Item 199" in response.content.decode()
    assert with_200 == with_10 <= BUDGET


def test_search_takes_the_same_queries_for_10_and_200_matching_pages(home):
    from tests.factories import ContentPageFactory

    for number in range(10):
        ContentPageFactory(parent=home, title=f"Findable page {number}")
    _response, with_10 = warm_queries("/search/?q=findable")
    for number in range(10, 200):
        ContentPageFactory(parent=home, title=f"Findable page {number}")
    _response, with_200 = warm_queries("/search/?q=findable")
    assert with_200 == with_10 <= BUDGET
