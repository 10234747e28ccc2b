"""The database down: a clear page in the person's language, and nothing lost.

A real site (gunicorn, test settings) on a throwaway PostgreSQL cluster of its own, which
the tests stop and start again, driven over HTTP as a browser would. One cluster and one
server for the module: migrating and loading the demo content takes most of the time.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
import requests
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import OperationalError
from django.utils import translation
from django.utils.translation import gettext

from pages import outage
from pages.views import server_error

from .services import (
    PostgresCluster,
    assert_answers_kept,
    form_values,
    free_port,
    postgres_available,
)

pytestmark = pytest.mark.fault

ROOT = Path(__file__).resolve().parents[2]
FORM_URLS = {"en": "/join/", "cy": "/cy/ymuno/"}
DATABASE = "site"
# Answers that need no look-up of the demo lists' ids: every field a person types, one
# ticked more than once, and text in both languages.
ANSWERS = {
    "en": {
        "name": "Rhian O'Neill <script>",
        "how_affected": "asb",
        "language": "en",
        "phone": "01267 226440",
        "email": "rhian@example.org",
        "address": 'Flat 2\n"Tŷ Gwyn"\nAberystwyth',
        "preferred_contact": "phone",
        "safe_channels": ["phone", "email"],
        "consent_contact": "on",
        "website": "",
    },
    "cy": {
        "name": "Gwenllïan ap Rhys",
        "how_affected": "victim_survivor",
        "language": "cy",
        "phone": "07912 345678",
        "address": "Bwthyn Bach\nLlanbedr Pont Steffan",
        "preferred_contact": "phone",
        "safe_channels": ["phone", "text"],
        "consent_contact": "on",
        "website": "",
    },
}


def in_language(language, text):
    with translation.override(language):
        return gettext(text)


class Site:
    """The site as a browser sees it, and the database as a test reads it."""

    def __init__(self, cluster, url):
        self.cluster = cluster
        self.url = url

    def members(self):
        with psycopg.connect(self.cluster.url(DATABASE)) as connection:
            return connection.execute("SELECT count(*) FROM enrolment_member").fetchone()[0]

    def open_form(self, browser, language):
        """GET the form, keeping its cookie; the answers with the form's own hidden fields."""
        response = browser.get(self.url + FORM_URLS[language], timeout=30)
        assert response.status_code == 200
        soup = BeautifulSoup(response.text, "html.parser")
        form = soup.select_one("form[method=post i]")
        hidden = {
            field["name"]: field["value"]
            for field in form.select("input[type=hidden][name]")
            if field["name"] != "website"
        }
        area = form.select_one('input[name="area"]')["value"]
        return {**hidden, **ANSWERS[language], "area": area}


def wait_for_server(url, process):
    deadline = time.monotonic() + 60
    while True:
        try:
            if requests.get(url + "/healthz", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.2)


@pytest.fixture(scope="module")
def site():
    if not postgres_available():
        pytest.skip("PostgreSQL's server programs (initdb, pg_ctl) are not installed")
    cluster = PostgresCluster()
    server = None
    try:
        cluster.create()
        cluster.start()
        with psycopg.connect(cluster.url("postgres"), autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {DATABASE}")
        env = {
            **os.environ,
            "DATABASE_URL": cluster.url(DATABASE),
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "PYTHONPATH": str(ROOT / "site"),
            "ENROLMENT_MIN_SECONDS": "0",
            "ENROLMENT_RATE_LIMIT": "100",
        }
        manage = [sys.executable, str(ROOT / "manage.py")]
        for command in (["migrate", "--noinput"], ["load_demo_content"]):
            subprocess.run([*manage, *command, "-v0"], env=env, cwd=ROOT, check=True)  # noqa: S603
        port = free_port()
        server = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--pythonpath",
                "site",
                # One worker: the team's contacts it has read are the ones it can offer.
                "--workers",
                "1",
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
                "config.wsgi",
            ],
            env=env,
            cwd=ROOT,
            stderr=subprocess.DEVNULL,  # the outage's tracebacks, expected
        )
        url = f"http://127.0.0.1:{port}"
        wait_for_server(url, server)
        yield Site(cluster, url)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        cluster.destroy()


def assert_no_technical_detail(response):
    for technical in ("Traceback", "OperationalError", "psycopg", "connection", "5432"):
        assert technical not in response.text


def assert_never_kept(response):
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) > 0
    cache_control = response.headers["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control


def test_a_form_sent_while_the_database_is_down_is_kept_and_can_be_sent_again(site):
    english, welsh = requests.Session(), requests.Session()
    members_at_start = site.members()
    saved_before = site.open_form(english, "en")
    response = english.post(site.url + FORM_URLS["en"], saved_before, allow_redirects=False)
    assert response.status_code == 303
    assert site.members() == members_at_start + 1
    sent = {"en": site.open_form(english, "en"), "cy": site.open_form(welsh, "cy")}
    browsers = {"en": english, "cy": welsh}

    site.cluster.stop()
    send_again = {}
    try:
        for language in ("en", "cy"):
            response = browsers[language].post(
                site.url + FORM_URLS[language], sent[language], allow_redirects=False
            )
            assert_never_kept(response)
            assert_no_technical_detail(response)
            soup = BeautifulSoup(response.text, "html.parser")
            assert soup.html["lang"] == language
            assert soup.h1.get_text(strip=True) == in_language(
                language, "Your form has not been sent yet"
            )
            text = soup.get_text(" ", strip=True)
            assert (
                in_language(
                    language,
                    "Part of our website is not working at the moment, so what you sent has "
                    "NOT been saved.",
                )
                in text
            )
            assert soup.select_one("[data-quick-exit]")
            # The team's phone and email, from the copy kept when the form was shown.
            assert soup.select_one('a[href="tel:+441267226440"]')
            assert soup.select_one('a[href^="mailto:"]')

            form = soup.select_one("form[data-send-again]")
            assert form["action"] == FORM_URLS[language]
            assert form.button.get_text(strip=True) == in_language(language, "Send again")
            kept = form_values(form)
            # Everything sent, every ticked box, and a fresh token in place of the old one.
            expected = {k: v for k, v in sent[language].items() if k != "csrfmiddlewaretoken"}
            assert_answers_kept(form, expected)
            assert set(kept) == {*expected, "csrfmiddlewaretoken"}
            assert kept["csrfmiddlewaretoken"] != [sent[language]["csrfmiddlewaretoken"]]
            send_again[language] = kept

        # Anyone only reading gets the page in their language too.
        for path, language in (("/", "en"), ("/cy/", "cy"), ("/support/", "en")):
            response = requests.get(site.url + path, timeout=30)
            assert_never_kept(response)
            assert_no_technical_detail(response)
            soup = BeautifulSoup(response.text, "html.parser")
            assert soup.html["lang"] == language
            assert soup.h1.get_text(strip=True) == in_language(
                language, "This page is not available just now"
            )
            assert not soup.select("form[data-send-again]")
    finally:
        site.cluster.start()

    # What was saved before is still there, and nothing was half-saved.
    assert site.members() == members_at_start + 1
    for language in ("en", "cy"):
        response = browsers[language].post(
            site.url + FORM_URLS[language], send_again[language], allow_redirects=False
        )
        assert response.status_code == 303, response.text[:500]
    assert site.members() == members_at_start + 3


# --- the page itself, without a server: what it says when it has no copy of the contacts --


@pytest.fixture
def no_contacts_copy(monkeypatch):
    monkeypatch.setitem(outage._this_process, "contacts", None)
    cache.delete(outage.TEAM_CONTACTS_KEY)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_without_a_copy_of_the_contacts_it_says_to_try_again_later(rf, no_contacts_copy, language):
    request = rf.post(
        FORM_URLS[language] + "?step=2",
        {"methods": ["1", "3"], "name": "Ann", "csrfmiddlewaretoken": "old"},
    )
    try:
        raise OperationalError("connection refused")  # as psycopg's error reaches Django
    except OperationalError:
        response = server_error(request)

    assert_never_kept(response)
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert soup.html["lang"] == language
    assert in_language(language, "If it still does not work, try again in a few minutes.") in (
        soup.get_text(" ", strip=True)
    )
    assert not soup.select('a[href^="tel:"]')
    form = soup.select_one("form[data-send-again]")
    assert form["action"] == FORM_URLS[language] + "?step=2"
    values = form_values(form)
    assert values["methods"] == ["1", "3"]
    assert values["csrfmiddlewaretoken"] != ["old"]
    assert response.cookies  # the fresh token's cookie, so "Send again" passes the check


def test_other_errors_still_get_the_500_page(rf):
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(rf.get("/"))

    assert response.status_code == 500


# --- only the public forms' own answers are ever offered back ------------------------------


def page_for(request):
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    return response, BeautifulSoup(response.content.decode(), "html.parser")


@pytest.mark.parametrize(
    "path", ["/admin/login/", "/admin/two-factor/verify/", "/admin/password_reset/"]
)
def test_nothing_sent_to_the_staff_area_is_offered_back(rf, path):
    secret = "correct-horse-battery-staple-2026"
    request = rf.post(
        path,
        {
            "username": "morgan",
            "password": secret,
            "code": "123456",
            "email": "morgan@example.org",
            "name": "Morgan",
            "next": "/admin/",
        },
    )
    response, soup = page_for(request)
    body = response.content.decode()
    assert secret not in body and "123456" not in body and "morgan@example.org" not in body
    assert not soup.select("form[data-send-again]")
    # Still told plainly that nothing was saved.
    assert "has NOT been saved" in soup.get_text(" ", strip=True)


@pytest.mark.parametrize("path", ["/join/", "/cy/dweud-eich-dweud/abc123/", "/anything/"])
def test_only_the_public_forms_own_fields_are_offered_back(rf, path):
    request = rf.post(
        path,
        {
            "name": "Ann",
            "safe_channels": ["phone", "email"],
            "text": "Fy ateb",
            "password": "hunter2-hunter2",
            "token": "a-withdrawal-token",
            "g-recaptcha-response": "a-captcha-answer",
            "csrfmiddlewaretoken": "old",
        },
    )
    response, soup = page_for(request)
    values = form_values(soup.select_one("form[data-send-again]"))
    assert values.pop("csrfmiddlewaretoken") != ["old"]
    assert values == {"name": ["Ann"], "safe_channels": ["phone", "email"], "text": ["Fy ateb"]}
    body = response.content.decode()
    assert "hunter2" not in body and "a-withdrawal-token" not in body
    assert "a-captcha-answer" not in body
