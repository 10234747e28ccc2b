"""The RSS feed of stories: one per language, linked from the index and the stories."""

import datetime
import uuid
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest

from tests.factories import PartnerFactory, TopicFactory
from tests.html import parse
from tests.impact.test_stories import make_index, make_story, welsh_version

pytestmark = pytest.mark.django_db

D = datetime.date
BASE = "http://testserver"


@pytest.fixture
def index(home):
    return make_index(home, "feed-stories", title="Feed stories")


@pytest.fixture
def welsh_index(welsh_home, index):
    return make_index(welsh_home, "straeon-ffrwd", title="Straeon ffrwd", translation_of=index)


@pytest.fixture
def stories(index, welsh_index, welsh):
    partner = PartnerFactory(name="Feed Police", slug="feed-police")
    topic = TopicFactory(name="Feed topic", slug="feed-topic")
    heddlu = welsh_version(partner, PartnerFactory, welsh, name="Heddlu Ffrwd", slug="heddlu-ffrwd")
    older = make_story(index, "Older story", D(2025, 6, 1), partner=partner, topic=topic)
    newer = make_story(index, "Newer story", D(2026, 2, 3), intro="What changed in February.")
    make_story(index, "Draft story", D(2026, 3, 1), live=False)
    welsh_story = make_story(
        welsh_index,
        "Stori hŷn",
        D(2025, 6, 1),
        slug="stori-hyn",
        translation_of=older,
        partner=heddlu,
        topic=topic,
    )
    return {"older": older, "newer": newer, "welsh": welsh_story}


def feed_url(index):
    return index.url + "feed/"


def read_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.find("channel")


def items(channel):
    return [
        {
            "title": item.findtext("title"),
            "description": item.findtext("description"),
            "link": item.findtext("link"),
            "pubDate": item.findtext("pubDate"),
            "guid": item.findtext("guid"),
            "categories": [category.text for category in item.findall("category")],
        }
        for item in channel.findall("item")
    ]


def test_english_feed(client, index, stories):
    channel = read_feed(client, feed_url(index))

    assert channel.findtext("language") == "en"
    assert channel.findtext("title").startswith("Feed stories – ")
    assert channel.findtext("link") == BASE + index.url
    assert channel.findtext("description") == "Feed stories: what changed."
    found = items(channel)
    assert [item["title"] for item in found] == ["Newer story", "Older story"]
    newer, older = found
    assert newer["description"] == "What changed in February."
    assert newer["link"] == BASE + stories["newer"].url
    assert parsedate_to_datetime(newer["pubDate"]).date() == D(2026, 2, 3)
    assert newer["guid"] == f"urn:uuid:{uuid.uuid5(stories['newer'].translation_key, 'en')}"
    assert older["categories"] == ["Feed Police", "Feed topic"]


def test_welsh_feed(client, index, welsh_index, stories):
    channel = read_feed(client, feed_url(welsh_index))

    assert channel.findtext("language") == "cy"
    assert channel.findtext("link") == BASE + welsh_index.url
    found = items(channel)
    assert [item["title"] for item in found] == ["Stori hŷn"]
    assert found[0]["link"] == BASE + stories["welsh"].url
    # The partner in Welsh; the topic was never translated, so it is left out rather than
    # given in English.
    assert found[0]["categories"] == ["Heddlu Ffrwd"]
    # Each language's version of a story is an item of its own: a reader following both
    # feeds is shown both.
    english_guids = [item["guid"] for item in items(read_feed(client, feed_url(index)))]
    assert found[0]["guid"] not in english_guids
    assert found[0]["guid"] == f"urn:uuid:{uuid.uuid5(stories['welsh'].translation_key, 'cy')}"


def test_feed_never_has_drafts_or_unpublished_stories(client, index, stories):
    stories["newer"].unpublish()

    found = items(read_feed(client, feed_url(index)))

    assert [item["title"] for item in found] == ["Older story"]


def test_an_empty_feed_is_still_valid(client, home):
    empty = make_index(home, "empty-feed", title="Empty feed")

    channel = read_feed(client, feed_url(empty))

    assert items(channel) == []
    assert channel.findtext("language") == "en"


def test_hostile_text_stays_text_in_the_feed(client, index):
    make_story(
        index,
        "<script>alert(1)</script> & ŵŷâ",
        D(2026, 1, 1),
        slug="hostile-feed",
        intro="</description><item>injected</item> Ελληνικά",
    )

    found = items(read_feed(client, feed_url(index)))

    assert found[0]["title"] == "<script>alert(1)</script> & ŵŷâ"
    assert found[0]["description"] == "</description><item>injected</item> Ελληνικά"
    assert len(found) == 1


@pytest.mark.parametrize("which", ["index", "story"])
def test_pages_link_their_languages_feed_in_the_head(client, index, welsh_index, stories, which):
    pages = {
        "index": (index, welsh_index),
        "story": (stories["older"], stories["welsh"]),
    }[which]
    for page, feed_index in zip(pages, (index, welsh_index), strict=True):
        soup = parse(client.get(page.url))
        links = soup.head.select('link[rel="alternate"][type="application/rss+xml"]')

        assert len(links) == 1
        assert links[0]["href"] == feed_url(feed_index)
        assert links[0]["title"].startswith(feed_index.title)
        assert client.get(links[0]["href"]).status_code == 200


def test_feed_link_titles_are_in_the_page_language(client, index, welsh_index, stories):
    english = parse(client.get(index.url)).head.select_one('link[type="application/rss+xml"]')
    welsh = parse(client.get(welsh_index.url)).head.select_one('link[type="application/rss+xml"]')

    assert english["title"] == "Feed stories: RSS feed"
    assert welsh["title"] == "Straeon ffrwd: ffrwd RSS"


def test_the_index_offers_the_feed_to_readers_too(client, index, welsh_index, stories):
    english = parse(client.get(index.url)).select_one(".feed-link a")
    welsh = parse(client.get(welsh_index.url)).select_one(".feed-link a")

    assert english["href"] == feed_url(index)
    assert english.get_text(strip=True) == "Follow new stories with RSS"
    assert welsh["href"] == feed_url(welsh_index)
    assert welsh.get_text(strip=True) == "Dilyn straeon newydd drwy RSS"


@pytest.mark.parametrize(
    ("url", "language"),
    [("/difference-made/feed/", "en"), ("/cy/gwahaniaeth-a-wnaed/feed/", "cy")],
)
def test_the_demo_feeds(client, url, language):
    channel = read_feed(client, url)

    assert channel.findtext("language") == language
    assert len(items(channel)) >= 3


def test_unknown_routes_under_the_index_are_not_found(client, index):
    assert client.get(index.url + "feed/extra/").status_code == 404
    assert client.get(index.url + "no-such-story/").status_code == 404
