"""Printing a page in Chromium: A4 paper, each address written once, the footer whole."""

import re

import pytest

pytestmark = pytest.mark.browser

EMAIL = "opcc.communication@dyfed-powys.police.uk"
# A4 in PostScript points (1/72 inch): 210 x 297 mm.
A4 = (595.28, 841.89)


def media_boxes(pdf):
    """Every page's [x0 y0 x1 y1], read from the PDF's own objects."""
    return [
        [float(number) for number in box.split()]
        for box in re.findall(rb"/MediaBox\s*\[\s*([0-9.\s-]+?)\s*\]", pdf)
    ]


def test_pages_print_on_a4(server_url, visit):
    tab = visit()
    tab.page.goto(server_url + "/cy/amdanom-ni/")
    # prefer_css_page_size: the paper size comes from print.css, as in the print dialog.
    boxes = media_boxes(tab.page.pdf(prefer_css_page_size=True))
    assert boxes
    for x0, y0, x1, y1 in boxes:
        assert abs((x1 - x0) - A4[0]) < 1 and abs((y1 - y0) - A4[1]) < 1, (x1 - x0, y1 - y0)


def after_content(tab, selector):
    return tab.page.eval_on_selector(
        selector, "element => getComputedStyle(element, '::after').content"
    )


@pytest.mark.parametrize("path", ["/about/", "/cy/amdanom-ni/"])
def test_an_email_address_prints_once(server_url, visit, path):
    tab = visit()
    tab.page.goto(server_url + path)
    tab.page.emulate_media(media="print")
    selector = f'.prose a[href="mailto:{EMAIL}"]'
    assert tab.page.locator(selector).count() >= 1
    assert after_content(tab, selector) in ("none", "normal")
    text = tab.page.locator("main").inner_text()
    assert text.count(EMAIL) == tab.page.locator(selector).count()


def test_a_link_whose_text_is_not_its_address_prints_the_address(server_url, visit):
    tab = visit()
    tab.page.goto(server_url + "/cy/amdanom-ni/")
    tab.page.emulate_media(media="print")
    selector = f'.prose a[href="mailto:{EMAIL}"]'
    # Give the link other words: now its address is needed on paper.
    tab.page.eval_on_selector(selector, "link => { link.textContent = 'e-bost'; }")
    tab.page.eval_on_selector(selector, "link => link.removeAttribute('data-address-shown')")
    assert EMAIL in after_content(tab, selector)


@pytest.mark.parametrize("path", ["/", "/cy/"])
def test_the_footer_is_not_split_across_pages(server_url, visit, path):
    tab = visit()
    tab.page.goto(server_url + path)
    tab.page.emulate_media(media="print")
    style = tab.page.eval_on_selector(
        ".site-footer", "footer => getComputedStyle(footer).breakInside"
    )
    assert style == "avoid"
