"""What the standards checkers look for on the public pages: headings, head tags."""

import pytest

from tests.demo_urls import ALL_PAGES
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
