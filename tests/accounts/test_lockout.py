"""django-axes: five wrong passwords lock one username from one address, nothing more."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.test import RequestFactory

from core.client_address import address_group, client_address
from tests.html import parse

from .conftest import PASSWORD

LOGIN = "/admin/login/"
WRONG = "Wrong-Password-Guess-4471"


def sign_in(client, username, password, address="203.0.113.7", **extra):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **extra
    )


def fail_five_times(client, username, address="203.0.113.7", **extra):
    responses = [sign_in(client, username, WRONG, address, **extra) for _ in range(5)]
    return responses[-1]


def test_the_settings_lock_the_username_and_address_pair():
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 30 * 60
    assert settings.AXES_RESET_ON_SUCCESS is True


def test_four_wrong_passwords_do_not_lock(client, staff):
    for _ in range(4):
        response = sign_in(client, "morgan", WRONG)
        assert response.status_code == 200
    assert sign_in(client, "morgan", PASSWORD).status_code == 302


def test_five_wrong_passwords_lock_the_pair_with_a_friendly_page(client, staff):
    response = fail_five_times(client, "morgan")
    assert response.status_code == 429
    soup = parse(response)
    assert "Signing in is paused" in soup.h1.get_text()
    assert "30 minutes" in soup.get_text()
    assert "Traceback" not in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    # Even the right password is refused while the pair is locked.
    response = sign_in(client, "morgan", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_in_welsh(client, staff):
    response = fail_five_times(client, "morgan", HTTP_ACCEPT_LANGUAGE="cy")
    assert response.status_code == 429
    soup = parse(response)
    assert soup.html["lang"] == "cy"
    assert "Mae mewngofnodi wedi'i oedi" in soup.h1.get_text()
    assert "30 munud" in soup.get_text()


def test_the_lockout_page_does_not_repeat_what_was_typed(client, staff):
    for _ in range(5):
        response = sign_in(client, "<script>alert(1)</script>", "<b>x</b>" * 10)
    assert response.status_code == 429
    assert "<script>alert(1)" not in response.content.decode()
    assert "&lt;script&gt;" not in response.content.decode()


def test_another_address_can_still_sign_in(client, staff):
    fail_five_times(client, "morgan", address="203.0.113.7")
    response = sign_in(client, "morgan", PASSWORD, address="198.51.100.20")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_another_username_from_the_same_address_is_not_locked(client, staff, django_user_model):
    django_user_model.objects.create_user(username="sian", password=PASSWORD)
    fail_five_times(client, "morgan")
    response = sign_in(client, "sian", WRONG)
    assert response.status_code == 200  # the sign-in form again, with its error
    response = sign_in(client, "sian", PASSWORD)
    assert response.status_code == 302


def test_a_successful_sign_in_clears_the_count(client, staff):
    for _ in range(4):
        sign_in(client, "morgan", WRONG)
    assert sign_in(client, "morgan", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert sign_in(client, "morgan", WRONG).status_code == 200
    assert sign_in(client, "morgan", PASSWORD).status_code == 302


def test_the_password_is_never_stored(client, staff):
    fail_five_times(client, "morgan")
    sign_in(client, "morgan", PASSWORD, address="198.51.100.20")
    assert AccessAttempt.objects.exists() and AccessLog.objects.exists()
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        for row in model.objects.values():
            stored = " ".join(str(value) for value in row.values())
            assert WRONG not in stored and PASSWORD not in stored
    attempt = AccessAttempt.objects.get()
    assert "morgan" not in attempt.post_data  # masked there too; the username column holds it


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "192.0.2.1", "10.0.0.1"),  # no proxy: the header is the client's own invention
        (1, "192.0.2.1", "192.0.2.1"),
        (1, "6.6.6.6, 192.0.2.1", "192.0.2.1"),  # the client wrote the left-hand part
        (2, "6.6.6.6, 192.0.2.1, 10.0.0.9", "192.0.2.1"),
        (1, "", "10.0.0.1"),
        (1, "not-an-address", "10.0.0.1"),
    ],
)
def test_the_sign_in_address_behind_proxies(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


@pytest.mark.parametrize(
    ("address", "counted_as"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8:5:7:a1b2:c3d4:e5f6:9", "2001:db8:5:7::"),
        ("2001:DB8:5:7::1", "2001:db8:5:7::"),
        ("::ffff:192.0.2.44", "192.0.2.44"),
        ("::1", "::"),
        ("fe80::1%eth0", "fe80::"),
        ("not-an-address", "not-an-address"),
        ("", ""),
        (None, None),
    ],
)
def test_a_client_is_counted_by_its_ipv4_address_or_its_ipv6_64(address, counted_as):
    assert address_group(address) == counted_as


def test_the_sign_in_lockout_counts_an_ipv6_client_by_its_64(client, staff):
    # One client, a new address from its /64 for each guess.
    for host in range(1, 6):
        sign_in(client, "morgan", WRONG, address=f"2001:db8:5:7::{host:x}")

    response = sign_in(client, "morgan", PASSWORD, address="2001:db8:5:7:ffff::1")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another /64 is another client.
    response = sign_in(client, "morgan", PASSWORD, address="2001:db8:5:8::1")
    assert response.status_code == 302
