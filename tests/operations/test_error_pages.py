"""Error pages in the reader's language, with the right status, the quick exit and the
emergency numbers, and never a stack trace or anything the person sent."""

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from tests.html import parse

pytestmark = pytest.mark.django_db

EMAIL = "wyn.prys.teifi@example.org"


def in_language(language, text):
    with translation.override(language):
        return gettext(text)


def assert_calm_page(response, language, status):
    soup = parse(response)
    assert response.status_code == status
    assert soup.html["lang"] == language
    assert (
        soup.select_one("[data-quick-exit]")
        .get_text(" ", strip=True)
        .startswith(in_language(language, "Quick exit"))
    )
    body = response.content.decode()
    for technical in ("Traceback", "Exception", "SavingFailed", "could not save", EMAIL):
        assert technical not in body
    return soup


@pytest.mark.parametrize(
    ("address", "language"),
    [("/no-such-page-here/", "en"), ("/cy/dim-tudalen-fel-hyn/", "cy")],
)
def test_page_not_found_speaks_the_readers_language(client, address, language):
    response = client.get(address)

    soup = assert_calm_page(response, language, 404)
    heading = in_language(language, "Page not found")
    assert soup.h1.get_text(strip=True) == heading
    assert soup.title.get_text(strip=True).startswith(heading)
    assert (
        soup.select_one(".help-strip")
        .get_text(" ", strip=True)
        .startswith(in_language(language, "Need help now?"))
    )
    home = soup.select_one("main a[href]")["href"]
    assert home == ("/" if language == "en" else "/cy/")


def test_the_welsh_pages_are_really_welsh():
    for text in (
        "Page not found",
        "Sorry, something went wrong",
        "Sorry, we could not understand that request",
        "Sorry, you cannot see this page",
        "Quick exit",
        "Need help now?",
    ):
        assert in_language("cy", text) != text


@pytest.mark.urls("tests.operations.failing_urls")
@pytest.mark.parametrize(("prefix", "language"), [("", "en"), ("/cy", "cy")])
def test_a_crash_shows_a_calm_page_in_the_readers_language(prefix, language):
    client = Client(raise_request_exception=False)
    response = client.post(f"{prefix}/fail/some-token/", {"email": EMAIL, "phone": "07984 615273"})

    soup = assert_calm_page(response, language, 500)
    assert soup.h1.get_text(strip=True) == in_language(language, "Sorry, something went wrong")
    text = soup.get_text(" ", strip=True)
    assert (
        in_language(language, "This is a problem on our side. Please try again in a few minutes.")
        in text
    )
    assert "999" in text and "101" in text
    assert "07984" not in response.content.decode()
    # An error page is nobody's to keep.
    assert "public" not in response.get("Cache-Control", "")


@pytest.mark.parametrize(("prefix", "language"), [("/", "en"), ("/cy/", "cy")])
def test_a_request_for_an_unknown_host_gets_a_calm_400_page(client, prefix, language):
    response = client.get(prefix, HTTP_HOST="not-this-site.example")

    soup = assert_calm_page(response, language, 400)
    heading = in_language(language, "Sorry, we could not understand that request")
    assert soup.h1.get_text(strip=True) == heading
    assert "no-store" in response["Cache-Control"]


@pytest.mark.urls("tests.operations.failing_urls")
@pytest.mark.parametrize(("prefix", "language"), [("/", "en"), ("/cy/", "cy")])
def test_a_refusal_gets_a_calm_403_page(client, prefix, language):
    response = client.get(f"{prefix}forbidden/")

    soup = assert_calm_page(response, language, 403)
    heading = in_language(language, "Sorry, you cannot see this page")
    assert soup.h1.get_text(strip=True) == heading
    assert (
        in_language(language, "Sorry, you cannot see this page")
        != "Sorry, you cannot see this page"
        or language == "en"
    )
