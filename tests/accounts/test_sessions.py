"""Staff sessions: in the database, 30 minutes idle, 8 hours at most."""

import time
from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts.sessions import SIGNED_IN_AT
from tests.html import parse

from .conftest import PASSWORD, sign_in

EIGHT_HOURS = 8 * 60 * 60


def stored_session(client):
    return Session.objects.get(session_key=client.session.session_key)


def set_signed_in_at(client, value):
    session = client.session
    if value is None:
        session.pop(SIGNED_IN_AT, None)
    else:
        session[SIGNED_IN_AT] = value
    session.save()


def test_the_session_settings():
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_ABSOLUTE_TIMEOUT_SECONDS == EIGHT_HOURS


def test_each_request_renews_the_idle_limit(client, staff):
    sign_in(client, staff)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() + timedelta(minutes=1)
    )
    assert client.get("/admin/").status_code == 200
    remaining = stored_session(client).expire_date - timezone.now()
    assert timedelta(minutes=29) < remaining <= timedelta(minutes=30)


def test_thirty_idle_minutes_sign_the_person_out(client, staff):
    sign_in(client, staff)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_signing_in_records_the_time(client, staff):
    before = int(time.time())
    client.post(
        "/admin/login/", {"username": "morgan", "password": PASSWORD}, REMOTE_ADDR="192.0.2.5"
    )
    assert before <= client.session[SIGNED_IN_AT] <= int(time.time())


def test_a_session_older_than_eight_hours_ends(client, staff):
    sign_in(client, staff)
    set_signed_in_at(client, int(time.time()) - EIGHT_HOURS - 60)
    session_key = client.session.session_key

    response = client.get("/admin/pages/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/pages/"
    assert not Session.objects.filter(session_key=session_key).exists()
    login_page = client.get(response["Location"])
    assert "your session reached its time limit" in parse(login_page).get_text()
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_the_message_is_in_welsh_for_a_welsh_speaker(client, welsh_staff):
    sign_in(client, welsh_staff)
    set_signed_in_at(client, int(time.time()) - EIGHT_HOURS - 60)
    response = client.get("/admin/", follow=True)
    assert "cyrraedd ei therfyn amser" in parse(response).get_text()


def test_a_session_younger_than_eight_hours_goes_on(client, staff):
    sign_in(client, staff)
    set_signed_in_at(client, int(time.time()) - EIGHT_HOURS + 120)
    assert client.get("/admin/").status_code == 200


def test_a_session_without_a_sign_in_time_ends(client, staff):
    sign_in(client, staff)
    set_signed_in_at(client, None)
    assert client.get("/admin/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_an_old_session_on_a_public_page_is_signed_out_quietly(client, staff):
    sign_in(client, staff)
    set_signed_in_at(client, int(time.time()) - EIGHT_HOURS - 60)
    response = client.get("/")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_public_pages_without_a_session_cookie_stay_cacheable(client, home):
    response = client.get("/")
    assert response.status_code == 200
    assert "Cookie" not in response.get("Vary", "")
    assert settings.SESSION_COOKIE_NAME not in response.cookies
