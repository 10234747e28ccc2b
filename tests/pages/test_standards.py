"""What the standards checkers look for on the public pages: headings, head tags."""

import pytest

from tests.demo_urls import ALL_PAGES, DEMO_PAGES
from tests.html import parse

pytestmark = pytest.mark.django_db

HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]


def heading_levels(soup):
    return [int(tag.name[1]) for tag in soup.find_all(HEADINGS)]


@pytest.mark.parametrize("url", ALL_PAGES)
def test_headings_never_skip_a_level(client, url):
    response = client.get(url)
    assert response.status_code == 200
    soup = parse(response)
    levels = heading_levels(soup)
    assert levels and levels[0] == 1, f"{url}: the first heading is the h1: {levels}"
    skips = [
        (before, after)
        for before, after in zip(levels, levels[1:], strict=False)
        if after > before + 1
    ]
    headings = [(tag.name, tag.get_text(" ", strip=True)) for tag in soup.find_all(HEADINGS)]
    assert not skips, f"{url}: headings skip a level: {headings}"


HAVE_YOUR_SAY_PAGES = [
    "/have-your-say/",
    "/cy/dweud-eich-dweud/",
    "/have-your-say/thank-you/",
    "/cy/dweud-eich-dweud/diolch/",
]


def open_form_urls():
    from impact.models import EngagementActivity

    code = EngagementActivity.objects.taking_contributions().first().public_code
    return [f"/have-your-say/{code}/", f"/cy/dweud-eich-dweud/{code}/"]


def description(soup):
    tag = soup.select_one('meta[name="description"]')
    return tag["content"].strip() if tag else ""


@pytest.mark.parametrize("url", [*ALL_PAGES, *HAVE_YOUR_SAY_PAGES, "/search/", "/cy/chwilio/"])
def test_every_public_page_has_a_description(client, url):
    soup = parse(client.get(url))
    assert len(description(soup)) > 20, f"{url} has no meaningful meta description"


def test_the_open_forms_have_a_description_in_their_language(client):
    english, welsh = (description(parse(client.get(url))) for url in open_form_urls())
    assert len(english) > 20 and len(welsh) > 20
    assert english != welsh, "the Welsh form is described in Welsh"


@pytest.mark.parametrize(
    ("url", "site_name"),
    [
        ("/", "Dyfed-Powys Victim-Survivor Engagement Network"),
        ("/cy/", "Rhwydwaith Ymgysylltu Dioddefwyr-Goroeswyr Dyfed-Powys"),
    ],
)
def test_the_home_page_title_names_the_network_once(client, url, site_name):
    title = parse(client.get(url)).title.get_text()
    assert title.count(site_name) == 1, title


@pytest.mark.parametrize(
    ("url", "site_name"),
    [
        ("/about/", "Dyfed-Powys Victim-Survivor Engagement Network"),
        ("/cy/amdanom-ni/", "Rhwydwaith Ymgysylltu Dioddefwyr-Goroeswyr Dyfed-Powys"),
        ("/cy/chwilio/", "Rhwydwaith Ymgysylltu Dioddefwyr-Goroeswyr Dyfed-Powys"),
    ],
)
def test_other_titles_still_end_with_the_network_name(client, url, site_name):
    title = parse(client.get(url)).title.get_text()
    assert title.endswith(f" – {site_name}"), title


def canonical(soup):
    links = soup.select('link[rel="canonical"]')
    assert len(links) == 1, "exactly one canonical link"
    return links[0]["href"]


@pytest.mark.parametrize("url", [url for pair in DEMO_PAGES for url in pair] + HAVE_YOUR_SAY_PAGES)
def test_every_public_page_names_itself_as_canonical(client, url):
    response = client.get(url + "?utm_source=newsletter&page=1")
    assert canonical(parse(response)) == f"http://testserver{url}"


def test_the_canonical_address_uses_the_host_asked_for(client, settings):
    settings.ALLOWED_HOSTS = ["survivors.example.org"]
    response = client.get("/cy/cymorth/", HTTP_HOST="survivors.example.org")
    assert canonical(parse(response)) == "http://survivors.example.org/cy/cymorth/"


def test_search_is_canonical_with_its_query_only(client):
    response = client.get("/cy/chwilio/?q=rhwydwaith&utm_source=x")
    assert canonical(parse(response)) == "http://testserver/cy/chwilio/?q=rhwydwaith"


def test_a_filtered_story_index_is_canonical_with_its_filters(client):
    from impact.models import StoryPage

    story = StoryPage.objects.live().filter(locale__language_code="en", topic__isnull=False)
    topic = story.first().topic
    url = f"/difference-made/?topic={topic.slug}&utm_source=x&partner=not-a-partner"
    href = canonical(parse(client.get(url)))
    assert href == f"http://testserver/difference-made/?topic={topic.slug}"


def test_the_favicon_is_linked_and_served_from_static(client):
    from django.contrib.staticfiles import finders

    soup = parse(client.get("/cy/"))
    icons = [link["href"] for link in soup.select('link[rel~="icon"]')]
    assert icons, "a favicon is linked"
    for href in icons:
        assert href.startswith("/static/")
        assert finders.find(href.removeprefix("/static/")), href


def test_favicon_ico_answers_without_the_database(client, django_assert_num_queries):
    from django.contrib.staticfiles import finders

    with django_assert_num_queries(0):
        response = client.get("/favicon.ico")
    assert response.status_code in (301, 302)
    assert response["Location"].startswith("/static/")
    path = finders.find(response["Location"].removeprefix("/static/"))
    with open(path, "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00", "a real .ico file"
