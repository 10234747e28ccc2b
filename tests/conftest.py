"""Shared fixtures. The test database holds the demo content from the start.

The demo content is loaded once per test run, after migrations; every test then
runs in a transaction that is rolled back, so each one starts from the same site.
"""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from wagtail.models import Locale, Site

from tests.factories import ActivityFactory
from tests.support.staff import make_user, new_username, sign_in


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo_content", verbosity=0)


@pytest.fixture
def staff_client(db, django_user_model):
    """A factory: ``staff_client("engagement")`` is a new Client signed in (password and
    app code) as a new person in that role (see tests.support.staff.ROLES); the person is
    its ``user``."""

    def signed_in(role):
        client = Client()
        client.user = make_user(django_user_model, role, username=new_username(role))
        return sign_in(client, client.user)

    return signed_in


@pytest.fixture
def engagement(client, django_user_model):
    """A member of the engagement team, signed in on ``client``."""
    user = make_user(django_user_model, "engagement")
    sign_in(client, user)
    return user


@pytest.fixture
def activity(db):
    """An open engagement activity (modules that need a particular one define their own)."""
    return ActivityFactory()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the database is rolled back after a test, and
    pieces of pages kept during it (pages.page_cache) must not outlive it."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def english_unless_a_test_says_otherwise():
    """Start and end every test in English, so a Welsh test cannot leak its language."""
    translation.activate("en")
    yield
    translation.activate("en")


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


def pytest_collection_modifyitems(config, items):
    """Run the browser tests last.

    Playwright's sync API leaves an event loop running in the main thread, and Django
    then refuses database access from it; no database test may come after them.
    """
    items.sort(key=lambda item: "browser" in item.keywords)
