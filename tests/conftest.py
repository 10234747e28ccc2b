"""Shared fixtures. The test database holds the demo content from the start.

The demo content is loaded once per test run, after migrations; every test then
runs in a transaction that is rolled back, so each one starts from the same site.
"""

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Site


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo_content", verbosity=0)


@pytest.fixture
def english(db):
    return Locale.objects.get(language_code="en")


@pytest.fixture
def welsh(db):
    return Locale.objects.get(language_code="cy")


@pytest.fixture
def home(db):
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def welsh_home(home, welsh):
    return home.get_translation(welsh).specific
