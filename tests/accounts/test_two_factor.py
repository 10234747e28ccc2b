"""Two-factor authentication: a password alone opens nothing in the admin."""

from base64 import b32decode

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from tests.html import parse

from .conftest import app_code, give_two_factor, sign_in, sign_in_with_password

SET_UP = "/admin/two-factor/set-up/"
VERIFY = "/admin/two-factor/verify/"
MANAGE = "/admin/two-factor/"

# Reachable before the second factor, and nothing else under /admin/.
OPEN_BEFORE_SECOND_FACTOR = {
    "admin/login/",
    "admin/logout/",
    "admin/two-factor/set-up/",
    "admin/two-factor/verify/",
    "admin/password_reset/",
    "admin/password_reset/done/",
    "admin/password_reset/complete/",
    "admin/jsi18n/",
    "admin/sprite/",
}


def admin_paths():
    """Every admin address without parameters: Wagtail's, ours and the other apps'."""

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif route.startswith("admin/") and not any(c in route for c in "<(^$"):
                yield route

    return sorted(set(walk(get_resolver().url_patterns, "")))


def errors(response):
    return " ".join(e.get_text(" ", strip=True) for e in parse(response).select(".error-message"))


def test_every_admin_path_is_covered():
    paths = admin_paths()
    assert "admin/" in paths and "admin/account/" in paths and "admin/two-factor/" in paths
    assert set(paths) | {"admin/login/", "admin/sprite/"} >= OPEN_BEFORE_SECOND_FACTOR


def test_a_password_alone_leads_from_every_admin_page_to_set_up(password_only, administrator):
    sign_in_with_password(password_only, administrator)
    for path in admin_paths():
        if path in OPEN_BEFORE_SECOND_FACTOR:
            continue
        response = password_only.get("/" + path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(SET_UP + "?next="), path


def test_with_an_authenticator_every_admin_page_asks_for_the_code(password_only, administrator):
    give_two_factor(administrator)
    sign_in_with_password(password_only, administrator)
    for path in admin_paths():
        if path in OPEN_BEFORE_SECOND_FACTOR:
            continue
        response = password_only.get("/" + path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(VERIFY + "?next="), path


def test_a_post_is_refused_before_the_second_factor(password_only, administrator):
    sign_in_with_password(password_only, administrator)
    response = password_only.post("/admin/account/", {"name_email-first_name": "Changed"})
    assert response.status_code == 302
    assert response["Location"].startswith(SET_UP)
    administrator.refresh_from_db()
    assert administrator.first_name != "Changed"


def test_the_redirect_remembers_where_the_person_was_going(password_only, staff):
    give_two_factor(staff)
    sign_in_with_password(password_only, staff)
    response = password_only.get("/admin/pages/?q=x")
    assert response["Location"] == VERIFY + "?next=%2Fadmin%2Fpages%2F%3Fq%3Dx"


def test_the_open_pages_stay_open(password_only, staff):
    sign_in_with_password(password_only, staff)
    assert password_only.get(SET_UP).status_code == 200
    assert password_only.get("/admin/jsi18n/").status_code == 200
    response = password_only.post("/admin/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in password_only.session


def test_set_up_shows_an_inline_qr_code_and_the_key(password_only, staff):
    sign_in_with_password(password_only, staff)
    response = password_only.get(SET_UP)
    device = TOTPDevice.objects.get(user=staff)
    assert not device.confirmed
    soup = parse(response)
    svg = soup.select_one(".accounts-qr-code svg")
    assert svg is not None and svg.find("path") is not None
    # No image service ever sees the secret: no <img>, no external address, no inline script.
    assert soup.select("main img") == []
    assert "http" not in str(svg)
    assert all(script.get("src") for script in soup.select("script:not([type])"))
    secret = soup.select_one(".accounts-secret").get_text().replace(" ", "")
    assert len(secret) == 32
    assert "Set up two-factor authentication" in soup.h1.get_text()
    assert "no-store" in response["Cache-Control"]


def test_set_up_is_in_the_persons_admin_language(password_only, welsh_staff):
    sign_in_with_password(password_only, welsh_staff)
    soup = parse(password_only.get(SET_UP))
    assert soup.html["lang"] == "cy"
    assert "Sefydlu dilysu dau ffactor" in soup.h1.get_text()


def test_set_up_with_the_right_code_shows_recovery_codes_once(password_only, staff):
    sign_in_with_password(password_only, staff)
    password_only.get(SET_UP)
    device = TOTPDevice.objects.get(user=staff)

    response = password_only.post(SET_UP, {"code": app_code(device), "next": "/admin/pages/"})

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    device.refresh_from_db()
    assert device.confirmed
    shown = [code.get_text() for code in parse(response).select(".accounts-recovery-codes code")]
    stored = sorted(StaticToken.objects.filter(device__user=staff).values_list("token", flat=True))
    assert len(shown) == 10 and sorted(shown) == stored
    assert parse(response).select_one("main a.button")["href"] == "/admin/pages/"
    # The session has passed the second factor: the admin opens.
    assert password_only.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert password_only.get("/admin/").status_code == 200
    # The codes are never shown again: set-up now leads to the management page.
    again = password_only.get(SET_UP)
    assert again.status_code == 302 and again["Location"] == MANAGE
    assert not any(code in password_only.get(MANAGE).content.decode() for code in shown)
    assert ModelLogEntry.objects.filter(
        action="accounts.set_up_two_factor", object_id=str(staff.pk)
    ).exists()


@pytest.mark.parametrize(
    "code",
    [
        "000000",
        "12345",
        "<script>alert(1)</script>",
        "x" * 200_000,
        "12\x003456",
        "Ελληνικά",
        "日本語",
        "ŵŷâ",
        "",
    ],
)
def test_set_up_with_a_wrong_code_shows_an_error(password_only, staff, code):
    sign_in_with_password(password_only, staff)
    password_only.get(SET_UP)
    response = password_only.post(SET_UP, {"code": code})
    assert response.status_code == 200
    message = errors(response)
    assert "That code is not right" in message or "Enter a code" in message
    assert "<script>alert" not in response.content.decode()
    assert not TOTPDevice.objects.get(user=staff).confirmed
    assert not StaticToken.objects.filter(device__user=staff).exists()
    assert password_only.get("/admin/").status_code == 302


def test_set_up_errors_are_in_welsh_for_a_welsh_speaker(password_only, welsh_staff):
    sign_in_with_password(password_only, welsh_staff)
    password_only.get(SET_UP)
    response = password_only.post(SET_UP, {"code": "000000"})
    assert "Nid yw'r cod hwnnw'n gywir" in errors(response)


def test_set_up_never_adds_a_second_authenticator(password_only, staff):
    give_two_factor(staff)
    sign_in_with_password(password_only, staff)
    response = password_only.post(SET_UP, {"code": "123456"})
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=staff).count() == 1


def test_verify_with_the_app_code(password_only, staff):
    device = give_two_factor(staff)
    sign_in_with_password(password_only, staff)
    response = password_only.post(VERIFY, {"code": app_code(device), "next": "/admin/pages/"})
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert password_only.get("/admin/").status_code == 200
    # The same code cannot be used twice.
    password_only.post("/admin/logout/")
    sign_in_with_password(password_only, staff)
    response = password_only.post(VERIFY, {"code": app_code(device)})
    assert "That code is not right" in errors(response)


def test_verify_accepts_a_code_typed_with_spaces(password_only, staff):
    device = give_two_factor(staff)
    sign_in_with_password(password_only, staff)
    code = app_code(device)
    response = password_only.post(VERIFY, {"code": f" {code[:3]} {code[3:]} "})
    assert response.status_code == 302


def test_verify_never_sends_the_person_to_another_site(password_only, staff):
    device = give_two_factor(staff)
    sign_in_with_password(password_only, staff)
    response = password_only.post(
        VERIFY, {"code": app_code(device), "next": "https://evil.example/admin/"}
    )
    assert response["Location"] == "/admin/"


def test_verify_with_a_recovery_code_uses_it_up(password_only, staff):
    give_two_factor(staff, recovery_codes=["abcdefgh", "ijklmnop"])
    sign_in_with_password(password_only, staff)
    response = password_only.post(VERIFY, {"code": "ABCD-EFGH"}, follow=True)
    assert response.status_code == 200
    assert "Recovery codes left: 1." in response.content.decode()
    assert list(StaticToken.objects.values_list("token", flat=True)) == ["ijklmnop"]
    assert ModelLogEntry.objects.filter(
        action="accounts.recovery_code_used", object_id=str(staff.pk)
    ).exists()

    password_only.post("/admin/logout/")
    sign_in_with_password(password_only, staff)
    response = password_only.post(VERIFY, {"code": "abcdefgh"})
    assert response.status_code == 200
    assert "That code is not right" in errors(response)
    assert password_only.get("/admin/").status_code == 302


@pytest.mark.parametrize(
    "code", ["999999", "zzzzzzzz", "<script>alert(1)</script>", "x" * 200_000, "\x00", "ŵŷâ"]
)
def test_verify_with_a_wrong_code_shows_an_error(password_only, staff, code):
    give_two_factor(staff)
    sign_in_with_password(password_only, staff)
    response = password_only.post(VERIFY, {"code": code})
    assert response.status_code == 200
    assert "That code is not right" in errors(response)
    assert "<script>alert" not in response.content.decode()
    assert password_only.get("/admin/").status_code == 302


def test_verify_errors_are_in_welsh_for_a_welsh_speaker(password_only, welsh_staff):
    give_two_factor(welsh_staff)
    sign_in_with_password(password_only, welsh_staff)
    response = password_only.post(VERIFY, {"code": "999999"})
    assert parse(response).html["lang"] == "cy"
    assert "Nid yw'r cod hwnnw'n gywir" in errors(response)


def test_after_many_wrong_codes_even_the_right_one_waits(password_only, staff):
    device = give_two_factor(staff)
    # django-otp's throttle: each failure doubles the wait (here 2**9 seconds).
    device.throttling_failure_count = 10
    device.throttling_failure_timestamp = timezone.now()
    device.save()
    sign_in_with_password(password_only, staff)
    response = password_only.post(VERIFY, {"code": app_code(device)})
    assert "Too many wrong codes" in errors(response)
    assert password_only.get("/admin/").status_code == 302


def test_a_wrong_code_counts_towards_the_throttle(password_only, staff):
    device = give_two_factor(staff)
    sign_in_with_password(password_only, staff)
    password_only.post(VERIFY, {"code": "000000" if app_code(device) != "000000" else "111111"})
    device.refresh_from_db()
    assert device.throttling_failure_count == 1


def test_the_account_page_links_to_two_factor(staff_client):
    soup = parse(staff_client("superuser").get("/admin/account/"))
    link = soup.select_one(f'a[href="{MANAGE}"]')
    assert link is not None and "Two-factor authentication" in link.get_text()


def test_the_management_page_shows_the_status(client, staff):
    give_two_factor(staff)
    sign_in(client, staff)
    response = client.get(MANAGE)
    assert response.status_code == 200
    text = parse(response).get_text(" ", strip=True)
    assert "Two-factor authentication is on" in text
    assert "Recovery codes left: 2." in text


def test_the_management_page_in_welsh(client, welsh_staff):
    give_two_factor(welsh_staff)
    sign_in(client, welsh_staff)
    text = parse(client.get(MANAGE)).get_text(" ", strip=True)
    assert "Mae dilysu dau ffactor ymlaen" in text


def test_new_recovery_codes_need_a_current_code(client, staff):
    device = give_two_factor(staff)
    sign_in(client, staff)
    response = client.post(reverse("accounts_two_factor_recovery_codes"), {"codes-code": "000001"})
    assert response.status_code == 200
    assert "That code is not right" in errors(response)
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == ["abcdefgh", "ijklmnop"]

    device.refresh_from_db()
    device.throttle_reset()  # the wrong code made it wait a second, as it should
    response = client.post(
        reverse("accounts_two_factor_recovery_codes"), {"codes-code": app_code(device, 1)}
    )
    shown = [code.get_text() for code in parse(response).select(".accounts-recovery-codes code")]
    assert len(shown) == 10
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == sorted(shown)
    assert "abcdefgh" not in shown
    assert ModelLogEntry.objects.filter(action="accounts.new_recovery_codes").exists()


def test_resetting_your_own_app_needs_a_current_code(client, staff):
    device = give_two_factor(staff)
    sign_in(client, staff)
    reset = reverse("accounts_two_factor_reset")
    response = client.post(reset, {"reset-code": "<script>"})
    assert "That code is not right" in errors(response)
    assert TOTPDevice.objects.filter(user=staff).exists()

    response = client.post(reset, {"reset-code": app_code(device, 1)})
    assert response.status_code == 302 and response["Location"] == SET_UP
    assert not TOTPDevice.objects.filter(user=staff, confirmed=True).exists()
    assert not StaticDevice.objects.filter(user=staff).exists()
    entry = ModelLogEntry.objects.get(action="accounts.reset_two_factor")
    assert entry.user_id == staff.pk and entry.data["by_self"] is True
    # Straight back to set-up: nothing else opens until the new app is confirmed.
    assert client.get("/admin/")["Location"].startswith(SET_UP)
    assert client.get(SET_UP).status_code == 200


def test_the_management_actions_are_post_only(client, staff):
    give_two_factor(staff)
    sign_in(client, staff)
    assert client.get(reverse("accounts_two_factor_reset")).status_code == 405
    assert client.get(reverse("accounts_two_factor_recovery_codes")).status_code == 405
    assert TOTPDevice.objects.filter(user=staff).exists()


def test_without_the_requirement_a_password_is_enough(password_only, staff, settings):
    settings.STAFF_REQUIRE_2FA = False
    sign_in_with_password(password_only, staff)
    assert password_only.get("/admin/").status_code == 200
    # The pages still work for anyone who chooses to set it up.
    assert password_only.get(SET_UP).status_code == 200


def test_outside_the_admin_a_password_alone_counts_as_signed_out(client, staff, home):
    from wagtail.models import PageViewRestriction

    page = home.get_children().live().first()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    sign_in_with_password(client, staff)
    assert client.get(page.url).status_code == 302

    give_two_factor(staff)
    device = TOTPDevice.objects.get(user=staff)
    client.post(VERIFY, {"code": app_code(device)})
    assert client.get(page.url).status_code == 200


def test_the_deploy_check_refuses_a_site_without_two_factor(settings):
    from accounts.checks import two_factor_required_in_production

    assert two_factor_required_in_production(None) == []
    settings.STAFF_REQUIRE_2FA = False
    assert [error.id for error in two_factor_required_in_production(None)] == ["accounts.E001"]


def secret_shown(response):
    return parse(response).select_one(".accounts-secret").get_text().replace(" ", "")


def code_key(secret):
    return b32decode(secret + "=" * (-len(secret) % 8)).hex()


def code_for(secret):
    return app_code(TOTPDevice(key=code_key(secret)))


def test_each_session_is_shown_its_own_secret(password_only, staff):
    sign_in_with_password(password_only, staff)
    other = Client()
    sign_in_with_password(other, staff)
    assert secret_shown(password_only.get(SET_UP)) != secret_shown(other.get(SET_UP))


def test_a_secret_seen_in_another_session_cannot_be_confirmed_here(password_only, staff):
    sign_in_with_password(password_only, staff)
    someone_else = Client()
    sign_in_with_password(someone_else, staff)
    captured = secret_shown(someone_else.get(SET_UP))
    password_only.get(SET_UP)

    response = password_only.post(SET_UP, {"code": code_for(captured)})

    assert "That code is not right" in errors(response)
    assert not TOTPDevice.objects.filter(user=staff, confirmed=True).exists()


def test_each_new_attempt_replaces_the_secret(password_only, staff):
    sign_in_with_password(password_only, staff)
    first = secret_shown(password_only.get(SET_UP))
    second = secret_shown(password_only.get(SET_UP))
    assert first != second

    response = password_only.post(SET_UP, {"code": code_for(first)})

    assert "That code is not right" in errors(response)
    # A wrong code keeps the attempt: the secret the person has scanned stays on the page.
    assert secret_shown(response) == second
    assert password_only.post(SET_UP, {"code": code_for(second)}).status_code == 200
    assert TOTPDevice.objects.get(user=staff).bin_key.hex() == code_key(second)


def test_confirming_ends_every_other_session(password_only, staff):
    sign_in_with_password(password_only, staff)
    someone_else = Client()
    sign_in_with_password(someone_else, staff)
    someone_else.get(SET_UP)
    secret = secret_shown(password_only.get(SET_UP))

    response = password_only.post(SET_UP, {"code": code_for(secret)})

    assert response.status_code == 200
    assert TOTPDevice.objects.filter(user=staff).count() == 1
    assert "_auth_user_id" not in someone_else.session
    assert someone_else.get("/admin/").status_code == 302
    assert someone_else.get(SET_UP)["Location"].startswith("/admin/login/")
    # This session stays signed in, past the second factor.
    assert password_only.get("/admin/").status_code == 200
    entry = ModelLogEntry.objects.get(action="accounts.set_up_two_factor")
    assert entry.data == {"sessions_ended": 1}


def test_a_code_without_a_set_up_under_way_starts_one(password_only, staff):
    sign_in_with_password(password_only, staff)
    response = password_only.post(SET_UP, {"code": "123456"})
    assert response.status_code == 200
    assert "scan the new QR code" in errors(response)
    assert secret_shown(response)
    assert not TOTPDevice.objects.filter(user=staff, confirmed=True).exists()
