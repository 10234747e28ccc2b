"""The frame around every page: quick exit, terms of reference, navigation, health, errors."""

import pytest
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Page, Site

from pages.models import Navigation, SafetySettings
from pages.views import server_error
from tests.factories import ContentPageFactory
from tests.html import parse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/cy/", "/support/", "/cy/cylch-gorchwyl/", "/search/"])
def test_quick_exit_is_on_every_public_page(client, url):
    soup = parse(client.get(url))
    exits = soup.select("[data-quick-exit]")
    assert len(exits) == 1
    assert exits[0]["href"] == "https://www.bbc.co.uk/weather"
    assert "noreferrer" in exits[0]["rel"]


def test_quick_exit_destination_is_set_in_the_admin(client):
    safety = SafetySettings.for_site(Site.objects.get(is_default_site=True))
    safety.quick_exit_url = "https://www.example.com/forecast"
    safety.save()
    assert parse(client.get("/cy/")).select_one("[data-quick-exit]")["href"] == (
        "https://www.example.com/forecast"
    )


def test_terms_of_reference_has_a_contents_list_matching_its_sections(client):
    soup = parse(client.get("/terms-of-reference/"))
    toc_targets = [a["href"].lstrip("#") for a in soup.select(".toc a")]
    section_ids = [h2["id"] for h2 in soup.select(".document__section > h2")]
    assert len(section_ids) >= 6
    assert toc_targets == section_ids
    assert len(set(section_ids)) == len(section_ids)
    assert soup.select_one('link[rel="stylesheet"][media="print"]')


def test_welsh_section_anchors_are_plain_ascii(client):
    soup = parse(client.get("/cy/cylch-gorchwyl/"))
    ids = [h2["id"] for h2 in soup.select(".document__section > h2")]
    assert ids and all(anchor.isascii() for anchor in ids)


def test_section_anchor_clashes_get_numbers():
    from pages.blocks import section_anchors

    assert section_anchors(["Aims", "Aims", "Ŵyn", ""]) == ["aims", "aims-2", "wyn", "section"]


def test_navigation_is_edited_per_language(client, welsh):
    navigation = Navigation.objects.get(locale=welsh)
    navigation.network_name = "Enw newydd y rhwydwaith"
    navigation.save()

    assert "Enw newydd y rhwydwaith" in parse(client.get("/cy/")).select_one(".site-header").text
    assert "Enw newydd y rhwydwaith" not in parse(client.get("/")).select_one(".site-header").text


def test_main_menu_links_lead_to_pages_in_the_reader_language(client):
    english_links = [a["href"] for a in parse(client.get("/")).select(".site-nav a")]
    welsh_links = [a["href"] for a in parse(client.get("/cy/")).select(".site-nav a")]
    assert "/terms-of-reference/" in english_links
    assert "/cy/cylch-gorchwyl/" in welsh_links
    assert all(link.startswith("/cy/") for link in welsh_links)


def test_every_page_has_one_h1_a_skip_link_and_a_main_landmark(client):
    for url in ("/", "/cy/", "/support/", "/cy/cylch-gorchwyl/", "/search/?q=x"):
        soup = parse(client.get(url))
        assert len(soup.find_all("h1")) == 1, url
        assert soup.select_one("a.skip-link")["href"] == "#main"
        assert soup.select_one("main#main")


def test_healthz_answers_when_the_database_does(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "Sorry, something went wrong"), ("cy", "Mae'n ddrwg gennym")]
)
def test_server_error_page_in_the_reader_language(language, heading):
    request = RequestFactory().get("/")
    with translation.override(language):
        response = server_error(request)
    assert response.status_code == 500
    soup = parse(response)
    assert soup.html["lang"] == language
    assert soup.h1.get_text(strip=True).startswith(heading)
    assert soup.select_one("[data-quick-exit]")
    assert "Traceback" not in response.content.decode()


def test_an_exception_in_a_view_shows_the_friendly_page(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("pages.models.pages.SupportService.by_category", broken)
    client.raise_request_exception = False
    response = client.get("/cy/cymorth/")
    assert response.status_code == 500
    assert "boom" not in response.content.decode()
    assert parse(response).html["lang"] == "cy"


def test_sitemap_lists_pages_in_both_languages(client):
    body = client.get("/sitemap.xml").content.decode()
    assert "/terms-of-reference/</loc>" in body
    assert "/cy/cylch-gorchwyl/</loc>" in body
    assert "/cy/cymorth/</loc>" in body


@pytest.mark.parametrize(
    "path",
    [
        "/%00/",
        "/cy/%00",
        "/about/%00/",
        "/" + "a" * 5000 + "/",
        "/cy/ŵŷâ/",
        "/<script>alert(1)</script>/",
        "/%E2%80%AE/",
        "/search/%00/",
    ],
)
def test_hostile_paths_are_not_found_never_an_error(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "<script>alert" not in response.content.decode()


def test_menu_link_to_an_english_page_shows_its_welsh_version_to_welsh_readers(
    client, english, welsh
):
    support = Page.objects.get(locale=english, slug="support")
    navigation = Navigation.objects.get(locale=welsh)
    navigation.primary_links = [
        {"type": "link", "value": {"page": support.id, "url": "", "title": ""}}
    ]
    navigation.save()

    links = parse(client.get("/cy/")).select(".site-nav a")

    assert [(a["href"], a.get_text(strip=True)) for a in links] == [
        ("/cy/cymorth/", support.get_translation(welsh).title)
    ]


def test_menu_link_to_a_page_with_no_welsh_version_keeps_the_english_page(client, home, welsh):
    english_only = ContentPageFactory(parent=home, title="Only in English", slug="only-english")
    navigation = Navigation.objects.get(locale=welsh)
    navigation.primary_links = [
        {"type": "link", "value": {"page": english_only.id, "url": "", "title": ""}}
    ]
    navigation.save()

    links = parse(client.get("/cy/")).select(".site-nav a")

    assert [a["href"] for a in links] == ["/only-english/"]
