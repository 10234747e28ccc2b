"""The home page invites people in: what they can do now, the latest stories in their
language and what the network has changed, all of it the editors' to change."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from impact.models import StoryIndexPage
from pages.blocks import LinkBlock
from tests.html import parse
from tests.impact.test_stories import make_story

pytestmark = pytest.mark.django_db


def actions(response):
    return {a.get_text(strip=True): a["href"] for a in parse(response).select(".home-actions h3 a")}


def story_titles(response):
    return [a.get_text(strip=True) for a in parse(response).select(".home-story__title a")]


def test_the_english_home_page_invites_people_to_join_have_their_say_and_get_support(client):
    assert actions(client.get("/")) == {
        "Join the network": "/join/",
        "Have your say now": "/have-your-say/",
        "Get support": "/support/",
    }


def test_the_welsh_home_page_invites_people_in_welsh(client):
    assert actions(client.get("/cy/")) == {
        "Ymuno â'r rhwydwaith": "/cy/ymuno/",
        "Dweud eich dweud nawr": "/cy/dweud-eich-dweud/",
        "Cael cymorth": "/cy/cymorth/",
    }


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_home_page_shows_the_newest_stories_in_its_language(client, language):
    index = StoryIndexPage.objects.get(locale__language_code=language)
    newest = list(index.stories()[:3])

    response = client.get("/" if language == "en" else "/cy/")

    assert story_titles(response) == [story.title for story in newest]
    links = [a["href"] for a in parse(response).select(".home-story__title a")]
    assert links == [story.url for story in newest]
    changed = parse(response).select_one(".home-story__changed").get_text(" ", strip=True)
    assert changed.split(" ", 2)[2][:20] in newest[0].what_changed


def test_a_story_just_published_leads_the_home_page(client):
    client.get("/")  # kept in the cache before the story is published
    index = StoryIndexPage.objects.get(locale__language_code="en")
    make_story(index, "Quieter waiting rooms", datetime.date.today() + datetime.timedelta(days=1))

    titles = story_titles(client.get("/"))

    assert titles[0] == "Quieter waiting rooms"
    assert len(titles) == 3
    assert "Quieter waiting rooms" not in story_titles(client.get("/cy/"))


def test_stories_chosen_from_the_english_index_show_in_welsh_on_the_welsh_home(
    client, home, welsh_home
):
    welsh_home.stories_index = StoryIndexPage.objects.get(locale__language_code="en")
    welsh_home.stories_count = 1
    welsh_home.save_revision().publish()
    welsh_index = StoryIndexPage.objects.get(locale__language_code="cy")

    assert story_titles(client.get("/cy/")) == [welsh_index.stories().first().title]


def test_no_stories_section_when_editors_choose_no_index(client, home):
    home.stories_index = None
    home.save_revision().publish()
    soup = parse(client.get("/"))
    assert soup.select(".home-stories") == []
    assert soup.select(".home-actions")  # the rest of the page is still there


@pytest.mark.parametrize(
    ("url", "heading", "change"),
    [
        ("/", "What has changed because of you", "short guide to the court building"),
        ("/cy/", "Beth sydd wedi newid diolch i chi", "canllaw byr i adeilad y llys"),
    ],
)
def test_the_home_page_says_what_the_network_has_changed(client, url, heading, change):
    section = parse(client.get(url)).select_one(".home-changes")
    assert section.h2.get_text(strip=True) == heading
    assert any(change in item.get_text() for item in section.select("li"))


def test_empty_headings_fall_back_to_the_readers_language(client, welsh_home):
    welsh_home.actions_heading = ""
    welsh_home.changes_heading = ""
    welsh_home.save_revision().publish()
    soup = parse(client.get("/cy/"))
    assert soup.select_one("#home-actions-heading").get_text(strip=True) == (
        "Beth allwch chi ei wneud"
    )
    assert soup.select_one("#home-changes-heading").get_text(strip=True) == (
        "Beth mae'r rhwydwaith wedi'i newid"
    )


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("/", ("/have-your-say/", "Have your say")),
        ("/cy/", ("/cy/dweud-eich-dweud/", "Dweud eich dweud")),
    ],
)
def test_have_your_say_is_in_the_menu(client, url, link):
    menu = [
        (a["href"], a.get_text(strip=True)) for a in parse(client.get(url)).select(".site-nav a")
    ]
    assert link in menu


def test_a_link_may_be_an_address_on_this_site():
    block = LinkBlock()
    value = block.clean(block.to_python({"page": None, "url": "/have-your-say/", "title": "Go"}))
    assert value["url"] == "/have-your-say/"


def test_an_address_without_a_slash_is_not_taken_for_one_on_this_site():
    block = LinkBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"page": None, "url": "have-your-say", "title": "Go"}))
