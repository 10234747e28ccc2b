"""The demo content command: both languages, the URL contract, and safe to run twice."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page

from pages.models import Navigation, SupportService
from tests.demo_urls import DEMO_PAGES

pytestmark = pytest.mark.django_db


def counts():
    return {
        "pages": Page.objects.count(),
        "services": SupportService.objects.count(),
        "navigation": Navigation.objects.count(),
        "users": get_user_model().objects.count(),
        "revisions": sum(page.revisions.count() for page in Page.objects.all()),
    }


def test_running_twice_creates_nothing_new():
    before = counts()
    call_command("load_demo_content", verbosity=0)
    call_command("load_demo_content", verbosity=0)
    assert counts() == before


def test_every_demo_page_exists_live_in_both_languages(client):
    for english_url, welsh_url in DEMO_PAGES:
        assert client.get(english_url).status_code == 200
        assert client.get(welsh_url).status_code == 200


def test_each_welsh_page_is_a_translation_of_its_english_page(english, welsh):
    english_pages = Page.objects.filter(locale=english, depth__gte=2).live()
    assert english_pages.count() == len(DEMO_PAGES)
    for page in english_pages:
        translation = page.get_translation_or_none(welsh)
        assert translation is not None and translation.live, page.url_path
        assert translation.title != page.title, "the Welsh title is in Welsh"


def test_every_support_service_exists_in_both_languages(english, welsh):
    english_services = SupportService.objects.filter(locale=english)
    assert english_services.count() >= 6
    for service in english_services:
        assert service.get_translation(welsh).name


def test_a_removed_page_is_recreated_and_the_others_are_left_alone(english):
    cookies = Page.objects.get(locale=english, slug="cookies")
    other_ids = set(Page.objects.exclude(pk=cookies.pk).values_list("pk", flat=True))
    cookies.delete()

    call_command("load_demo_content", verbosity=0)

    assert Page.objects.filter(locale=english, slug="cookies").live().count() == 1
    assert other_ids <= set(Page.objects.values_list("pk", flat=True))


def test_no_demo_accounts_outside_development():
    call_command("load_demo_content", verbosity=0)
    assert not get_user_model().objects.exists()


def test_demo_accounts_one_per_role_in_development(settings):
    settings.DEMO_ACCOUNTS_ENABLED = True
    settings.DEMO_ACCOUNT_PASSWORD = "a-throwaway-test-password"
    call_command("load_demo_content", verbosity=0)
    call_command("load_demo_content", verbosity=0)

    users = {user.username: user for user in get_user_model().objects.all()}
    assert set(users) == {"engagement", "communications", "reviewer", "translator", "admin"}
    assert [g.name for g in users["engagement"].groups.all()] == ["Engagement team"]
    assert [g.name for g in users["communications"].groups.all()] == ["Communications team"]
    assert [g.name for g in users["translator"].groups.all()] == ["Translators"]
    assert [g.name for g in users["reviewer"].groups.all()] == ["Reviewers"]
    assert users["admin"].is_superuser
    assert not any(
        users[name].is_superuser
        for name in ("engagement", "communications", "reviewer", "translator")
    )
    assert users["engagement"].check_password("a-throwaway-test-password")
