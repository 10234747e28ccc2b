"""The addresses the story index, the sitemap and the feed give out: filters kept across
languages, the host the reader used, one guid per story and language."""

import re
import uuid

import pytest
from wagtail.models import Page

from impact.models import StoryPage, Topic
from tests.html import alternates, parse, switch_link

pytestmark = pytest.mark.django_db

INDEX = {"en": "/difference-made/", "cy": "/cy/gwahaniaeth-a-wnaed/"}


def topic_with_stories_and_two_slugs():
    """A demo topic with stories in both languages, named by different slugs."""
    stories = StoryPage.objects.live().filter(locale__language_code="en", topic__isnull=False)
    for topic in {story.topic for story in stories}:
        welsh = Topic.objects.get(translation_key=topic.translation_key, locale__language_code="cy")
        if welsh.slug != topic.slug:
            return {"en": topic.slug, "cy": welsh.slug}
    pytest.fail("the demo has a topic whose slugs differ between the languages")


@pytest.mark.parametrize(("language", "other"), [("en", "cy"), ("cy", "en")])
def test_a_filtered_index_keeps_its_filter_in_the_other_language(client, language, other):
    slugs = topic_with_stories_and_two_slugs()
    soup = parse(client.get(f"{INDEX[language]}?topic={slugs[language]}&page=1&utm_source=x"))
    expected = f"{INDEX[other]}?topic={slugs[other]}"
    assert alternates(soup)[other] == f"http://testserver{expected}"
    assert (
        alternates(soup)[language] == f"http://testserver{INDEX[language]}?topic={slugs[language]}"
    )
    assert alternates(soup)["x-default"] == f"http://testserver{INDEX['en']}?topic={slugs['en']}"
    assert switch_link(soup)["href"] == expected


def test_a_filter_that_does_not_exist_is_not_passed_on(client):
    soup = parse(client.get(f"{INDEX['en']}?topic=no-such-topic&year=1066"))
    assert alternates(soup)["cy"] == f"http://testserver{INDEX['cy']}"
    assert switch_link(soup)["href"] == INDEX["cy"]


def test_the_unfiltered_index_links_the_unfiltered_index(client):
    soup = parse(client.get(INDEX["cy"]))
    assert switch_link(soup)["href"] == INDEX["en"]


def sitemap_addresses(response):
    return re.findall(r"<loc>([^<]+)</loc>", response.content.decode())


def test_the_sitemap_uses_the_host_the_request_came_to(client, settings):
    settings.ALLOWED_HOSTS = ["survivors.example.org"]
    response = client.get("/sitemap.xml", HTTP_HOST="survivors.example.org")
    addresses = sitemap_addresses(response)
    assert "http://survivors.example.org/cy/cymorth/" in addresses
    assert "http://survivors.example.org/support/" in addresses
    assert all(a.startswith("http://survivors.example.org/") for a in addresses), addresses


def feed_guids(client, language):
    response = client.get(f"{INDEX[language]}feed/")
    assert response.status_code == 200
    return re.findall(r"<guid[^>]*>([^<]+)</guid>", response.content.decode())


def test_each_language_gives_a_story_its_own_stable_guid(client):
    english, welsh = feed_guids(client, "en"), feed_guids(client, "cy")
    assert english and welsh
    assert not set(english) & set(welsh), "a story's translations share a guid"
    assert feed_guids(client, "en") == english, "the same every time"
    for guid in english + welsh:
        assert uuid.UUID(guid.removeprefix("urn:uuid:"))


def test_a_story_keeps_its_guid_when_its_slug_changes(client):
    before = feed_guids(client, "cy")
    story = StoryPage.objects.live().filter(locale__language_code="cy").first()
    Page.objects.filter(pk=story.pk).update(slug="cyfeiriad-newydd")
    assert sorted(feed_guids(client, "cy")) == sorted(before)
