"""A form sent without a valid token gets a calm page in the reader's language."""

import pytest
from django.test import Client

from tests.html import parse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "heading", "lang"),
    [
        ("/join/", "Please send the form again", "en"),
        ("/cy/ymuno/", "Anfonwch y ffurflen eto", "cy"),
    ],
)
def test_a_missing_token_gets_the_friendly_page(url, heading, lang):
    client = Client(enforce_csrf_checks=True)
    response = client.post(url, {"name": "Siân"})
    assert response.status_code == 403
    assert "no-store" in response["Cache-Control"]
    soup = parse(response)
    assert soup.html["lang"] == lang
    assert soup.h1.get_text(strip=True) == heading
    assert "CSRF" not in response.content.decode()
    assert soup.select("[data-quick-exit]")
