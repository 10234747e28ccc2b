"""Every page type in both languages: lang, hreflang alternates and the language switch."""

import pytest
from wagtail.models import Page

from tests.demo_urls import DEMO_PAGES
from tests.factories import ContentPageFactory
from tests.html import alternates, parse, switch_link

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


@pytest.mark.parametrize(("english_url", "welsh_url"), DEMO_PAGES)
def test_english_page_points_to_its_welsh_version(client, english_url, welsh_url):
    response = client.get(english_url)
    assert response.status_code == 200
    soup = parse(response)
    assert soup.html["lang"] == "en"
    assert alternates(soup) == {
        "en": BASE + english_url,
        "cy": BASE + welsh_url,
        "x-default": BASE + english_url,
    }
    link = switch_link(soup)
    assert link["href"] == welsh_url
    assert link["lang"] == "cy"
    assert link.get_text(strip=True) == "Cymraeg"


@pytest.mark.parametrize(("english_url", "welsh_url"), DEMO_PAGES)
def test_welsh_page_points_to_its_english_version(client, english_url, welsh_url):
    response = client.get(welsh_url)
    assert response.status_code == 200
    soup = parse(response)
    assert soup.html["lang"] == "cy"
    assert alternates(soup)["en"] == BASE + english_url
    assert alternates(soup)["x-default"] == BASE + english_url
    link = switch_link(soup)
    assert link["href"] == english_url
    assert link["lang"] == "en"
    assert link.get_text(strip=True) == "English"


@pytest.mark.parametrize(("english_url", "welsh_url"), DEMO_PAGES)
def test_interface_text_follows_the_page_language(client, english_url, welsh_url):
    english = parse(client.get(english_url))
    welsh = parse(client.get(welsh_url))
    assert english.select_one(".skip-link").get_text(strip=True) == "Skip to main content"
    assert welsh.select_one(".skip-link").get_text(strip=True) == "Neidio i'r prif gynnwys"
    assert english.select_one("[data-quick-exit]").contents[0].strip() == "Quick exit"
    assert welsh.select_one("[data-quick-exit]").contents[0].strip() == "Gadael yn gyflym"


def test_page_without_welsh_version_says_so_and_goes_to_welsh_home(client, home):
    page = ContentPageFactory(parent=home, title="English only", slug="english-only")

    soup = parse(client.get(page.url))

    link = switch_link(soup)
    assert link["href"] == "/cy/"
    assert "Nid yw'r dudalen hon ar gael yn Gymraeg eto" in link.get_text()
    assert set(alternates(soup)) == set(), "no alternates for a page in one language"


def test_draft_welsh_version_counts_as_missing(client, home, welsh):
    page = ContentPageFactory(parent=home, title="Draft in Welsh", slug="draft-in-welsh")
    draft = page.copy_for_translation(welsh)
    assert not draft.live

    link = switch_link(parse(client.get(page.url)))

    assert link["href"] == "/cy/"
    assert "Nid yw'r dudalen hon ar gael yn Gymraeg eto" in link.get_text()


def test_welsh_page_without_english_version_says_so_in_english(client, welsh_home):
    page = ContentPageFactory(parent=welsh_home, title="Cymraeg yn unig", slug="cymraeg-yn-unig")
    assert page.locale.language_code == "cy"

    response = client.get("/cy/cymraeg-yn-unig/")

    assert response.status_code == 200
    soup = parse(response)
    assert soup.html["lang"] == "cy"
    link = switch_link(soup)
    assert link["href"] == "/"
    assert "This page is not in English yet" in link.get_text()


def test_unpublished_welsh_site_sends_the_switch_to_the_welsh_prefix(client, welsh_home):
    for welsh_page in welsh_home.get_descendants(inclusive=True).live().specific():
        welsh_page.unpublish()
    page = Page.objects.get(url_path="/home/about/").specific

    link = switch_link(parse(client.get(page.url)))

    assert link["href"] == "/cy/"


@pytest.mark.parametrize(
    ("url", "lang", "heading"),
    [
        ("/no-such-page/", "en", "Page not found"),
        ("/cy/dim-tudalen/", "cy", "Heb ddod o hyd i'r dudalen"),
    ],
)
def test_not_found_page_speaks_the_language_of_its_address(client, url, lang, heading):
    response = client.get(url)
    assert response.status_code == 404
    soup = parse(response)
    assert soup.html["lang"] == lang
    assert soup.h1.get_text(strip=True) == heading
    assert soup.select("[data-quick-exit]")
