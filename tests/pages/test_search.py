"""Search within the reader's language, and hostile queries."""

import pytest

from pages.models import SupportService
from tests.factories import ContentPageFactory
from tests.html import parse

pytestmark = pytest.mark.django_db


def result_titles(response):
    return [a.get_text(strip=True) for a in parse(response).select(".results h3 a")]


def test_english_search_finds_english_pages_only(client, home, welsh_home):
    ContentPageFactory(parent=home, title="Zebracrossing guidance", slug="zebra-en")
    ContentPageFactory(parent=welsh_home, title="Zebracrossing canllaw", slug="zebra-cy")

    response = client.get("/search/", {"q": "Zebracrossing"})

    assert response.status_code == 200
    assert result_titles(response) == ["Zebracrossing guidance"]


def test_welsh_search_finds_welsh_pages_only(client, home, welsh_home):
    ContentPageFactory(parent=home, title="Zebracrossing guidance", slug="zebra-en")
    ContentPageFactory(parent=welsh_home, title="Zebracrossing canllaw", slug="zebra-cy")

    response = client.get("/cy/chwilio/", {"q": "Zebracrossing"})

    assert response.status_code == 200
    assert parse(response).html["lang"] == "cy"
    assert result_titles(response) == ["Zebracrossing canllaw"]


def test_search_pages_switch_language_keeping_the_query(client):
    soup = parse(client.get("/search/", {"q": "support"}))
    assert soup.select_one(".language-switch a")["href"] == "/cy/chwilio/?q=support"


def test_demo_content_is_searchable_in_both_languages(client):
    assert "Terms of reference" in result_titles(client.get("/search/", {"q": "reference"}))
    assert "Cylch gorchwyl" in result_titles(client.get("/cy/chwilio/", {"q": "gorchwyl"}))


def test_unpublished_pages_are_not_found(client, home):
    page = ContentPageFactory(parent=home, title="Quixotic draft", slug="quixotic")
    page.unpublish()
    assert result_titles(client.get("/search/", {"q": "Quixotic"})) == []


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "<script>alert('x')</script>",
        "a" * 200_000,
        "nul\x00byte",
        "ŵyr ŷd âr",
        "Привет мир",
        "بحث",
        "' OR 1=1 --",
        "%00%ff",
        "((((((",
    ],
)
def test_hostile_queries_get_a_page_never_an_error(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert" not in body
    assert "\x00" not in body


@pytest.mark.parametrize("page_number", ["0", "-1", "abc", "99999", "1e9"])
def test_bad_page_numbers_show_the_first_page(client, page_number):
    response = client.get("/search/", {"q": "network", "page": page_number})
    assert response.status_code == 200


def test_search_only_answers_get(client):
    assert client.post("/search/", {"q": "x"}).status_code == 405


@pytest.mark.parametrize(
    "query",
    [
        '"',
        'support "',
        '"terms of reference"',
        "net*",
        "*",
        "(support",
        "support)",
        "support AND",
        "OR",
        "NOT support",
        "support NEAR network",
        "title:support",
        "^support",
        "+support -network",
        "a:b:c",
        "{support}",
    ],
)
def test_search_syntax_characters_are_words_not_commands(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200


def test_words_in_quotes_are_still_found(client):
    assert "Terms of reference" in result_titles(client.get("/search/", {"q": '"reference'}))


# --- support services ----------------------------------------------------------------------


def found_services(response):
    return {
        a.get_text(strip=True): a["href"] for a in parse(response).select(".results--services h3 a")
    }


@pytest.mark.parametrize("query", ["Paladin", "stalking"])
def test_english_search_finds_the_support_service_on_the_support_page(client, query):
    paladin = SupportService.objects.get(locale__language_code="en", name="Paladin")

    found = found_services(client.get("/search/", {"q": query}))

    assert found["Paladin"] == f"/support/#{paladin.anchor}"
    support = parse(client.get("/support/"))
    assert support.select_one(f"#{paladin.anchor} .service__name").get_text() == "Paladin"


@pytest.mark.parametrize("query", ["Paladin", "stelcian", "Stelcian"])
def test_welsh_search_finds_the_welsh_support_service(client, query):
    paladin = SupportService.objects.get(locale__language_code="cy", name="Paladin")

    response = client.get("/cy/chwilio/", {"q": query})

    assert found_services(response) == {"Paladin": f"/cy/cymorth/#{paladin.anchor}"}
    assert "eiriolaeth" in response.content.decode()


def test_welsh_search_never_shows_a_services_english_text(client):
    response = client.get("/cy/chwilio/", {"q": "Paladin"})
    assert "stalking advocacy" not in response.content.decode()
    # English words find nothing in the Welsh services.
    assert found_services(client.get("/cy/chwilio/", {"q": "stalking advocacy"})) == {}


def test_a_search_finding_only_a_service_counts_it_and_does_not_say_try_again(client):
    soup = parse(client.get("/search/", {"q": "Paladin"}))
    assert "1 result" in soup.select_one(".results-count").get_text()
    assert "Try other words" not in soup.get_text()
