"""Security headers read from real responses, the CSP report address, and /healthz."""

import json
import logging

import pytest
from django.core.cache import caches
from django.test import override_settings

from pages.views import CSP_REPORTS_PER_CLIENT

pytestmark = pytest.mark.django_db

# The header every response must carry: no powerful browser feature, for anyone.
PERMISSIONS_POLICY = (
    "accelerometer=(), browsing-topics=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)

PUBLIC_PAGES = ["/", "/cy/", "/support/", "/join/", "/difference-made/", "/have-your-say/"]

# A withdrawal link's token, as a browser would report the page it was on.
PAGE_WITH_TOKEN = "http://testserver/leave/eyJzZWNyZXQiOiJ0b2tlbiJ9:abc/?ref=VSN-0042"


@pytest.mark.parametrize("url", [*PUBLIC_PAGES, "/admin/login/", "/healthz"])
def test_every_response_refuses_powerful_browser_features(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    policy = response["Permissions-Policy"]
    assert policy == PERMISSIONS_POLICY
    for feature in ("camera", "microphone", "geolocation", "payment"):
        assert f"{feature}=()" in policy


@pytest.mark.parametrize("url", [*PUBLIC_PAGES, "/admin/login/"])
def test_pages_send_their_security_headers(client, url):
    response = client.get(url)
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "report-uri /csp-report" in response["Content-Security-Policy"]


def csp_report(**fields):
    return json.dumps({"csp-report": fields})


def test_a_csp_report_logs_the_rule_and_blocked_host_only(client, caplog):
    with caplog.at_level(logging.WARNING, logger="csp"):
        response = client.post(
            "/csp-report",
            csp_report(
                **{
                    "document-uri": PAGE_WITH_TOKEN,
                    "referrer": PAGE_WITH_TOKEN,
                    "effective-directive": "script-src-elem",
                    "violated-directive": "script-src-elem 'self'",
                    "blocked-uri": "https://tracker.example.com/t.js?member=VSN-0042",
                    "source-file": PAGE_WITH_TOKEN,
                }
            ),
            content_type="application/csp-report",
        )
    assert response.status_code == 204
    [record] = [r for r in caplog.records if r.name == "csp"]
    message = record.getMessage()
    assert message == "CSP violation: script-src-elem blocked tracker.example.com"
    assert "VSN-0042" not in message and "eyJ" not in message and "/leave/" not in message


def test_a_report_of_inline_script_names_the_keyword(client, caplog):
    with caplog.at_level(logging.WARNING, logger="csp"):
        client.post(
            "/csp-report",
            csp_report(**{"violated-directive": "script-src", "blocked-uri": "inline"}),
            content_type="application/csp-report",
        )
    assert "CSP violation: script-src blocked inline" in caplog.text


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"", 400),
        (b"not json", 400),
        (b"[1, 2, 3]", 400),
        (b'{"csp-report": "a string"}', 400),
        (b"\xff\xfe\x00", 400),
        (b'{"csp-report": {}}', 204),
        (b'{"csp-report": {"blocked-uri": 7, "violated-directive": ["x"]}}', 204),
        (b"x" * 20_000, 413),
    ],
)
def test_bad_reports_never_cause_an_error(client, body, status):
    response = client.post("/csp-report", body, content_type="application/csp-report")
    assert response.status_code == status


def test_the_report_address_takes_only_posts(client):
    assert client.get("/csp-report").status_code == 405


def test_healthz_reports_the_database_and_the_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


# Nothing listens on port 1: a real refused connection, not a mock.
UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


def test_healthz_keeps_the_server_in_when_only_the_cache_is_down(client):
    with override_settings(CACHES=UNREACHABLE_REDIS):
        caches.close_all()
        response = client.get("/healthz")
    caches.close_all()
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "unavailable"}


@pytest.mark.parametrize(
    "forged",
    ["\n", "\r\n", "\r", "\x1b[2J", "\u2028", "\u2029", "\x85", "\x00", "\x0b", "\x0c"],
)
def test_a_report_cannot_forge_a_line_in_the_log(client, caplog, forged):
    line = f"{forged}2026-12-03 ERROR django: signed in as admin"
    with caplog.at_level(logging.WARNING, logger="csp"):
        client.post(
            "/csp-report",
            csp_report(
                **{"effective-directive": f"script-src{line}", "blocked-uri": f"eval{line}"}
            ),
            content_type="application/csp-report",
        )
    [record] = [r for r in caplog.records if r.name == "csp"]
    message = record.getMessage()
    assert message.isprintable()
    assert forged not in message
    assert message.startswith("CSP violation: script-src")


def test_reports_are_rate_limited_per_client(client, caplog):
    report = csp_report(**{"violated-directive": "script-src", "blocked-uri": "inline"})
    with caplog.at_level(logging.WARNING, logger="csp"):
        answers = [
            client.post("/csp-report", report, content_type="application/csp-report").status_code
            for _ in range(CSP_REPORTS_PER_CLIENT + 5)
        ]
        other = client.post(
            "/csp-report", report, content_type="application/csp-report", REMOTE_ADDR="10.0.0.9"
        )
    assert answers[:CSP_REPORTS_PER_CLIENT] == [204] * CSP_REPORTS_PER_CLIENT
    assert answers[CSP_REPORTS_PER_CLIENT:] == [429] * 5
    # Refused reports are not logged; another client is counted on its own.
    assert other.status_code == 204
    assert len([r for r in caplog.records if r.name == "csp"]) == CSP_REPORTS_PER_CLIENT + 1


def test_reports_from_one_ipv6_64_share_one_allowance(client):
    report = csp_report(**{"violated-directive": "script-src", "blocked-uri": "inline"})

    def send(address):
        return client.post(
            "/csp-report", report, content_type="application/csp-report", REMOTE_ADDR=address
        ).status_code

    answers = [send(f"2001:db8:5:7::{host:x}") for host in range(1, CSP_REPORTS_PER_CLIENT + 2)]
    assert answers[:CSP_REPORTS_PER_CLIENT] == [204] * CSP_REPORTS_PER_CLIENT
    assert answers[CSP_REPORTS_PER_CLIENT] == 429
    assert send("2001:db8:5:8::1") == 204
