"""Page weight: every public page's HTML, CSS and JavaScript together weigh at most 40 KB
compressed, and story pictures arrive as modern, responsive renditions.

Run with `pytest -s tests/browser/test_page_weight.py` to see the figures; they are also
written to test-artifacts/page-weight.txt.
"""

import gzip
from pathlib import Path

import pytest

from tests.demo_urls import DEMO_PAGES, SEARCH_PAGES

pytestmark = pytest.mark.browser

BUDGET = 40 * 1024
COUNTED = {"document", "stylesheet", "script"}
REPORT = Path(__file__).resolve().parents[2] / "test-artifacts" / "page-weight.txt"

PAGES = [
    *[path for pair in DEMO_PAGES for path in pair],
    *SEARCH_PAGES,
    "/have-your-say/",
    "/cy/dweud-eich-dweud/",
    "/have-your-say/demo-release/",
    "/cy/dweud-eich-dweud/demo-release/",
    "/have-your-say/thank-you/",
    "/cy/dweud-eich-dweud/diolch/",
    "/join/thank-you/",
    "/cy/ymuno/diolch/",
]


def compressed_size(body):
    # The test server (gunicorn, no nginx) may send files uncompressed, so every body is
    # compressed here, as nginx would (gzip level 6), before it is counted.
    return len(gzip.compress(body, compresslevel=6))


@pytest.fixture(scope="module")
def weights():
    """{path: {url: (kind, bytes, compressed bytes)}}, printed and saved at the end."""
    found = {}
    yield found
    lines = [f"{'page':<62} {'files':>5} {'bytes':>8} {'gzip':>7}"]
    for path, files in found.items():
        raw = sum(size for _kind, size, _packed in files.values())
        packed = sum(packed for _kind, _size, packed in files.values())
        lines.append(f"{path:<62} {len(files):>5} {raw:>8} {packed:>7}")
    if found:
        heaviest = max(
            sum(packed for _kind, _size, packed in files.values()) for files in found.values()
        )
        lines.append(f"heaviest page: {heaviest} bytes compressed of {BUDGET} allowed")
    summary = "\n".join(lines)
    print("\n" + summary)
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(summary + "\n")


@pytest.mark.parametrize("path", PAGES)
def test_html_css_and_javascript_weigh_at_most_40_kb_compressed(server_url, visit, weights, path):
    tab = visit()
    responses = []
    tab.page.on("response", lambda item: responses.append(item))

    response = tab.page.goto(server_url + path, wait_until="networkidle")

    assert response.status == 200
    files = {}
    for item in responses:
        kind = item.request.resource_type
        if kind in COUNTED and item.status == 200:
            body = item.body()
            files[item.url] = (kind, len(body), compressed_size(body))
    weights[path] = files
    kinds = {kind for kind, _size, _packed in files.values()}
    assert {"document", "stylesheet", "script"} <= kinds, "the page, its CSS and its JS counted"
    total = sum(packed for _kind, _size, packed in files.values())
    assert total <= BUDGET, f"{path}: {total} bytes compressed, over {BUDGET}"


STORIES = [
    ("/difference-made/knowing-what-to-expect-at-court/", "en"),
    ("/cy/gwahaniaeth-a-wnaed/gwybod-beth-iw-ddisgwyl-yn-y-llys/", "cy"),
]
MODERN = {"image/avif", "image/webp"}


@pytest.mark.parametrize(("path", "language"), STORIES)
def test_a_story_picture_arrives_as_a_modern_rendition_sized_for_the_screen(
    server_url, visit, path, language
):
    tab = visit(width=400)
    images = []
    tab.page.on(
        "response", lambda item: item.request.resource_type == "image" and images.append(item)
    )

    tab.page.goto(server_url + path, wait_until="networkidle")

    assert tab.page.locator("html").get_attribute("lang") == language
    picture = tab.page.locator("article.story picture")
    loaded = picture.locator("img").evaluate("image => image.currentSrc")
    arrived = {item.url: item.headers["content-type"] for item in images}
    # Chromium reads AVIF, the first source; browsers that cannot fall back to WebP, then JPEG.
    assert arrived[loaded] in MODERN
    # A narrow screen gets a narrow rendition, not the largest.
    assert picture.locator("img").evaluate("image => image.naturalWidth") < 1400

    webp = picture.locator('source[type="image/webp"]').get_attribute("srcset")
    webp_urls = [candidate.split()[0] for candidate in webp.split(", ")]
    assert len(webp_urls) == 4
    answer = tab.page.request.get(server_url + webp_urls[0])
    assert answer.status == 200
    assert answer.headers["content-type"] == "image/webp"
    assert answer.body()[8:12] == b"WEBP"
    assert tab.outside_requests == []
    assert tab.console_errors == []
