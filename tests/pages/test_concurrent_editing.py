"""The page editor on the SQLite demo: two writes at once wait their turn, and the same
"add page" form sent twice makes one page."""

import threading

import pytest
from django.conf import settings
from django.db import connections, transaction
from django.urls import reverse
from wagtail.models import Page

from tests.enrolment.staff import make_user, sign_in
from tests.pages.test_workflow import create_url, page_form

ALIAS = "concurrent_sqlite"


@pytest.fixture
def file_database(tmp_path, django_db_blocker):
    """A file SQLite database opened as the site opens SQLite, one connection per thread
    (outside the test database, which runs each test in a transaction of its own)."""
    django_db_blocker.unblock()
    connections.settings[ALIAS] = {
        **connections.settings["default"],
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(tmp_path / "concurrent.sqlite3"),
        "OPTIONS": dict(settings.SQLITE_OPTIONS),
        "TEST": {},
    }
    setup = connections[ALIAS]
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE revision (id INTEGER PRIMARY KEY, made_by TEXT)")
    setup.close()
    yield
    connections[ALIAS].close()
    del connections.settings[ALIAS]
    django_db_blocker.restore()


def test_sqlite_is_opened_for_concurrent_use():
    options = settings.SQLITE_OPTIONS
    assert "journal_mode=WAL" in options["init_command"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5


def test_two_writers_at_once_both_succeed(file_database):
    """The autosave reads then writes while the button's request writes: with a deferred
    transaction the first cannot upgrade its read lock and fails ("database is locked");
    opened for concurrent use, the second waits for the first and both are saved."""
    autosave_has_read = threading.Event()
    button_is_writing = threading.Event()
    errors = []

    def autosave():
        try:
            with transaction.atomic(using=ALIAS), connections[ALIAS].cursor() as cursor:
                cursor.execute("SELECT count(*) FROM revision")
                autosave_has_read.set()
                button_is_writing.wait(10)
                cursor.execute("INSERT INTO revision (made_by) VALUES ('autosave')")
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            autosave_has_read.set()
            connections[ALIAS].close()

    def button():
        try:
            autosave_has_read.wait(10)
            button_is_writing.set()
            with transaction.atomic(using=ALIAS), connections[ALIAS].cursor() as cursor:
                cursor.execute("INSERT INTO revision (made_by) VALUES ('button')")
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            button_is_writing.set()
            connections[ALIAS].close()

    threads = [threading.Thread(target=autosave), threading.Thread(target=button)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert errors == []
    with connections[ALIAS].cursor() as cursor:
        cursor.execute("SELECT made_by FROM revision ORDER BY made_by")
        assert [row[0] for row in cursor.fetchall()] == ["autosave", "button"]


@pytest.mark.django_db
def test_the_same_create_form_sent_twice_makes_one_page(client, home, django_user_model):
    sign_in(client, make_user(django_user_model, "communications"))
    form = page_form("Sent twice", "sent-twice", intro="Only once, please.")

    first = client.post(create_url(home), form)
    assert first.status_code == 302
    page = Page.objects.get(slug="sent-twice")
    second = client.post(create_url(home), form)

    assert second.status_code == 302
    assert second["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert Page.objects.filter(slug__startswith="sent-twice").count() == 1
    assert home.get_children().filter(title="Sent twice").count() == 1
    followed = client.get(second["Location"])
    assert "was already created" in followed.content.decode()


@pytest.mark.django_db
def test_a_different_page_with_another_address_is_still_created(client, home, django_user_model):
    sign_in(client, make_user(django_user_model, "communications"))
    client.post(create_url(home), page_form("First", "first-of-two"))
    response = client.post(create_url(home), page_form("Second", "second-of-two"))
    assert response.status_code == 302
    assert Page.objects.filter(slug__in=["first-of-two", "second-of-two"]).count() == 2
