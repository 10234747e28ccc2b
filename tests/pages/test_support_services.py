"""Support services: phone validation, tel: links, the support page and the help strip."""

import pytest
from django.core.exceptions import ValidationError

from pages.models import SupportService
from pages.phone import tel_href, validate_phone_number
from tests.factories import SupportServiceFactory
from tests.html import parse


@pytest.mark.parametrize(
    "number", ["01267 221194", "01685 379310", "0808 80 10 800", "+44 1267 226440", "999", "101"]
)
def test_real_uk_numbers_and_short_codes_are_accepted(number):
    validate_phone_number(number)


@pytest.mark.parametrize(
    "number",
    [
        "0300 123299",  # the number printed in the terms of reference, one digit short
        "01267 22119",
        "12345",
        "phone me",
        "",
        "<script>alert(1)</script>",
        "0\x001267 221194",
        "9" * 300,
    ],
)
def test_invalid_numbers_are_rejected_with_a_clear_message(number):
    with pytest.raises(ValidationError) as error:
        validate_phone_number(number)
    assert "valid UK phone number" in str(error.value)


def test_model_validation_rejects_a_number_with_a_digit_missing(english):
    service = SupportServiceFactory.build(phone="0300 123299", locale=english)
    with pytest.raises(ValidationError) as error:
        service.full_clean()
    assert "phone" in error.value.message_dict


@pytest.mark.parametrize(
    ("number", "href"),
    [
        ("01267 221194", "tel:+441267221194"),
        ("0808 80 10 800", "tel:+448088010800"),
        ("999", "tel:999"),
        ("101", "tel:101"),
        ("0300 123299", ""),
    ],
)
def test_tel_links(number, href):
    assert tel_href(number) == href


@pytest.mark.django_db
def test_demo_victim_support_entry_has_no_number_and_is_flagged(english, welsh):
    for locale in (english, welsh):
        service = SupportService.objects.get(
            locale=locale, category=SupportService.Category.VICTIM_SUPPORT
        )
        assert service.phone == ""
        assert service.other_phone == ""
        assert service.needs_checking
        assert service.phone_numbers == []


@pytest.mark.django_db
def test_support_page_lists_services_by_category_crisis_first(client):
    soup = parse(client.get("/support/"))
    headings = [h.get_text(strip=True) for h in soup.select(".service-group > h2")]
    assert headings[0] == "Crisis and emergency"
    assert headings == [
        label
        for value, label in SupportService.Category.choices
        if SupportService.objects.filter(locale__language_code="en", category=value).exists()
    ]
    links = {a["href"] for a in soup.select(".service a[href^='tel:']")}
    assert {"tel:+448088010800", "tel:+441267221194", "tel:+441685379310", "tel:999"} <= links
    assert "0300 123299" not in soup.get_text()
    assert "123299" not in soup.get_text()


@pytest.mark.django_db
def test_welsh_support_page_shows_welsh_categories_and_names(client):
    soup = parse(client.get("/cy/cymorth/"))
    headings = [h.get_text(strip=True) for h in soup.select(".service-group > h2")]
    assert "Heddlu" in " ".join(headings)
    names = [h.get_text(strip=True) for h in soup.select(".service__name")]
    assert "Heddlu Dyfed-Powys" in names


@pytest.mark.django_db
def test_unconfirmed_details_are_withheld_from_readers(client, english):
    SupportServiceFactory(
        name="Unconfirmed line",
        phone="01267 226440",
        website="https://example.org",
        needs_checking=True,
        locale=english,
    )
    soup = parse(client.get("/support/"))
    entry = next(li for li in soup.select(".service") if "Unconfirmed line" in li.get_text())
    assert not entry.select("a[href^='tel:']")
    assert "example.org" not in entry.get_text()
    assert entry.select_one(".service__checking")


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/cy/", "/about/", "/cy/cymorth/", "/search/"])
def test_help_strip_on_every_page_has_999_101_and_the_24_hour_helpline(client, url):
    soup = parse(client.get(url))
    strip = soup.select_one(".help-strip")
    hrefs = [a["href"] for a in strip.select("a")]
    assert "tel:999" in hrefs
    assert "tel:101" in hrefs
    assert "tel:+448088010800" in hrefs


@pytest.mark.django_db
def test_help_strip_keeps_999_and_101_when_no_service_is_chosen(client):
    SupportService.objects.update(in_help_strip=False)
    strip = parse(client.get("/")).select_one(".help-strip")
    assert [a["href"] for a in strip.select("a")] == ["tel:999", "tel:101"]
