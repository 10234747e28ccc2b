"""Error reports reach ADMINS by email, and say which code failed without anything the
person sent: no form values, cookies, query string, address token or local variables."""

import sys

import pytest
from django.core import mail
from django.test import Client, RequestFactory

from config.errors import HIDDEN, ScrubbedExceptionReporter, ScrubbingExceptionReporterFilter

NAME = "Ŵyn Prŷs-Llâw Teifi"
EMAIL = "wyn.prys.teifi@example.org"
PHONE = "07984 615273"
TOKEN = "WyI0MiIsImZpbmdlcnByaW50Il0:1tXyZ:secret-signature"
QUERY_SECRET = "query-value-4471"
COOKIE_SECRET = "cookie-value-9182"

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.operations.failing_urls")]


@pytest.fixture
def admins(settings):
    settings.ADMINS = [("Operations", "ops@example.org")]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()


def crash(prefix=""):
    client = Client(raise_request_exception=False, HTTP_USER_AGENT=f"Browser {EMAIL}")
    client.cookies["sessionid"] = COOKIE_SECRET
    client.cookies["messages"] = f"{COOKIE_SECRET} {EMAIL}"
    response = client.post(
        f"{prefix}/fail/{TOKEN}/?email={EMAIL}&q={QUERY_SECRET}",
        {"name": NAME, "email": EMAIL, "phone": PHONE, "address": "1 Heol y Bryn\nSA31 3BN"},
        HTTP_REFERER=f"https://example.org/leave/{TOKEN}/",
        HTTP_X_FORWARDED_FOR="203.0.113.77",
        REMOTE_ADDR="198.51.100.23",
    )
    assert response.status_code == 500
    (report,) = mail.outbox
    return report


FORBIDDEN = [
    NAME,
    EMAIL,
    PHONE,
    PHONE.replace(" ", ""),
    "SA31 3BN",
    "Heol y Bryn",
    TOKEN,
    "secret-signature",
    QUERY_SECRET,
    COOKIE_SECRET,
    "203.0.113.77",
    "198.51.100.23",
]


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_a_crash_is_reported_to_admins_without_personal_data(admins, prefix):
    report = crash(prefix)

    assert report.to == ["ops@example.org"]
    assert not report.alternatives, "no HTML version, which would list local variables"
    assert "SavingFailed" in report.body
    assert "tests/operations/failing_urls.py" in report.body
    assert f"{prefix}/fail/<str:token>/" in report.subject
    for value in FORBIDDEN:
        assert value not in report.subject, value
        assert value not in report.body, value
    # Which fields and cookies there were may help; their values never appear.
    assert f"name = '{HIDDEN}'" in report.body
    assert f"sessionid = '{HIDDEN}'" in report.body


def test_no_admins_no_email(settings):
    settings.ADMINS = []
    mail.outbox.clear()
    client = Client(raise_request_exception=False)
    assert client.post(f"/fail/{TOKEN}/", {"email": EMAIL}).status_code == 500
    assert mail.outbox == []


def test_the_filter_hides_post_cookies_and_all_but_safe_headers():
    request = RequestFactory().post(
        "/join/?ref=abc",
        {"name": NAME, "email": EMAIL},
        HTTP_ACCEPT_LANGUAGE="cy",
        HTTP_COOKIE=f"sessionid={COOKIE_SECRET}",
        HTTP_USER_AGENT="Browser",
    )
    report_filter = ScrubbingExceptionReporterFilter()

    assert dict(report_filter.get_post_parameters(request)) == {"name": HIDDEN, "email": HIDDEN}
    assert report_filter.get_safe_cookies(request) == {"sessionid": HIDDEN}
    meta = report_filter.get_safe_request_meta(request)
    assert meta["HTTP_ACCEPT_LANGUAGE"] == "cy"
    assert meta["REQUEST_METHOD"] == "POST"
    for key in ("QUERY_STRING", "HTTP_COOKIE", "HTTP_USER_AGENT", "REMOTE_ADDR", "PATH_INFO"):
        assert key not in meta


def test_settings_in_a_report_hide_keys_and_url_passwords(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://:redis-password-55@cache.internal:6379/0",
        }
    }
    request = RequestFactory().get("/")
    try:
        raise RuntimeError("failed")
    except RuntimeError:
        text = ScrubbedExceptionReporter(
            request, *sys.exc_info(), is_email=True
        ).get_traceback_text()
    assert "redis-password-55" not in text
    assert settings.FIELD_ENCRYPTION_KEYS[0] not in text
    assert settings.FIELD_BLIND_INDEX_KEY not in text
    assert settings.SECRET_KEY not in text
