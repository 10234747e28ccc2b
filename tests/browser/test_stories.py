"""The "difference made" stories in a real browser: the index with a filter, and a story."""

import pytest

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

FILTERED = [
    ("/difference-made/?topic=going-to-court", "en"),
    ("/cy/gwahaniaeth-a-wnaed/?topic=mynd-ir-llys", "cy"),
    ("/difference-made/?partner=crown-prosecution-service&topic=domestic-abuse", "en"),
    ("/cy/gwahaniaeth-a-wnaed/?partner=gwasanaeth-erlyn-y-goron&page=abc", "cy"),
]
STORIES = [
    ("/difference-made/knowing-what-to-expect-at-court/", "en"),
    ("/cy/gwahaniaeth-a-wnaed/gwybod-beth-iw-ddisgwyl-yn-y-llys/", "cy"),
]


def assert_accessible_and_clean(tab, axe):
    results = axe.run(tab.page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    assert tab.outside_requests == []
    # The strict policy reports any inline script or style as a console error.
    assert tab.console_errors == []


@pytest.mark.parametrize(("path", "language"), FILTERED)
def test_filtered_index_is_accessible(server_url, visit, axe, path, language):
    tab = visit()
    response = tab.page.goto(server_url + path)

    assert response.status == 200
    assert tab.page.locator("html").get_attribute("lang") == language
    assert tab.page.locator(".story-card").count() == 1
    assert_accessible_and_clean(tab, axe)


@pytest.mark.parametrize(("path", "language"), STORIES)
def test_story_page_is_accessible(server_url, visit, axe, path, language):
    tab = visit()
    response = tab.page.goto(server_url + path)

    assert response.status == 200
    assert tab.page.locator("html").get_attribute("lang") == language
    assert tab.page.locator(".story-facts").is_visible()
    assert tab.page.locator("#story-told-us").is_visible()
    assert_accessible_and_clean(tab, axe)


@pytest.mark.parametrize(
    ("path", "label", "partner", "button"),
    [
        ("/difference-made/", "Organisation", "Crown Prosecution Service", "Show stories"),
        ("/cy/gwahaniaeth-a-wnaed/", "Sefydliad", "Gwasanaeth Erlyn y Goron", "Dangos straeon"),
    ],
)
def test_choosing_a_partner_filters_and_keeps_the_choice(
    server_url, visit, axe, path, label, partner, button
):
    tab = visit()
    tab.page.goto(server_url + path)
    everything = tab.page.locator(".story-card").count()

    tab.page.get_by_label(label, exact=True).select_option(label=partner)
    tab.page.get_by_role("button", name=button).click()
    tab.page.wait_for_url("**partner=**")

    assert tab.page.locator(".story-card").count() == 1 < everything
    assert tab.page.locator("#story-filter-partner option:checked").inner_text() == partner
    assert_accessible_and_clean(tab, axe)


@pytest.mark.parametrize("path", [FILTERED[0][0], FILTERED[1][0], STORIES[1][0]])
def test_stories_reflow_at_320_pixels(server_url, visit, path):
    tab = visit(width=320)
    tab.page.goto(server_url + path)
    overflow = tab.page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    assert tab.page.locator("[data-quick-exit]").is_visible()
