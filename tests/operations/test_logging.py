"""Logs hold no personal data: a self-referral's name, email and phone never reach them,
whatever happens to the referral, and each line is one JSON object."""

import io
import json
import logging
import smtplib
import sys

import pytest
from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client

from config.logging import (
    JsonFormatter,
    RedactPersonalData,
    configured_formatter,
    redact,
)
from enrolment.models import Member, MembershipSettings
from tests.enrolment.form_helpers import complete_answers, finish, prepare, send

NAME = "Ŵyn Prŷs-Llâw Teifi"
EMAIL = "wyn.prys.teifi@example.org"
PHONE = "07984 615273"
POSTCODE = "SA31 3BN"

# The loggers that speak about requests, tasks and sign-ins: in these tests each says
# everything it has, down to DEBUG.
LOUD_LOGGERS = ["django", "django.request", "django.server", "django_tasks", "axes", "enrolment"]


def forms_of(value):
    """A value as it could appear in a log: as typed, without spaces, escaped."""
    return {
        value,
        value.replace(" ", ""),
        value.encode("unicode_escape").decode("ascii"),
        json.dumps(value)[1:-1],
        json.dumps(value, ensure_ascii=False)[1:-1],
    }


PERSONAL = set().union(*(forms_of(value) for value in (NAME, EMAIL, PHONE)))


@pytest.fixture
def captured_logs():
    """Everything logged, by any logger, as the production handler writes it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RedactPersonalData())
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    levels = {name: logging.getLogger(name).level for name in LOUD_LOGGERS}
    root_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    for name in LOUD_LOGGERS:
        logging.getLogger(name).setLevel(logging.DEBUG)
    yield stream
    root.removeHandler(handler)
    root.setLevel(root_level)
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def log_lines(stream):
    return [line for line in stream.getvalue().splitlines() if line]


def assert_no_personal_data(stream):
    output = stream.getvalue()
    for value in PERSONAL:
        assert value not in output, f"{value!r} reached the logs"


def assert_json_lines(stream):
    entries = [json.loads(line) for line in log_lines(stream)]
    for entry in entries:
        assert {"time", "level", "logger", "message"} <= entry.keys()
        assert entry["time"].endswith("+00:00")
    return entries


class RefusingMailServer(BaseEmailBackend):
    """A mail server that refuses the recipient, quoting the address back, as real
    servers do."""

    def send_messages(self, email_messages):
        recipient = email_messages[0].to[0]
        raise smtplib.SMTPRecipientsRefused({recipient: (550, f"<{recipient}> refused".encode())})


@pytest.fixture
def form_settings(settings, db):
    prepare(settings)
    membership = MembershipSettings.load()
    membership.notify_email = "team-inbox@example.org"
    membership.save()
    yield settings
    finish()


def personal_answers(**changes):
    return complete_answers(
        name=NAME, email=EMAIL, phone=PHONE, address=f"1 Heol y Bryn\n{POSTCODE}", **changes
    )


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_referral_and_its_emails_log_no_personal_data(
    client, form_settings, captured_logs, django_capture_on_commit_callbacks, language
):
    members = Member.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, language, personal_answers())
    assert response.status_code == 303
    assert Member.objects.count() == members + 1

    assert_no_personal_data(captured_logs)
    assert_json_lines(captured_logs)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_referral_with_errors_logs_no_personal_data(
    client, form_settings, captured_logs, language
):
    response = send(client, language, personal_answers(consent_contact=None, area="nowhere"))
    assert response.status_code == 200
    assert NAME in response.content.decode()  # kept in the form, for the person only

    assert_no_personal_data(captured_logs)
    assert_json_lines(captured_logs)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_referral_whose_email_fails_logs_the_failure_without_personal_data(
    client, form_settings, captured_logs, django_capture_on_commit_callbacks, language
):
    form_settings.EMAIL_BACKEND = f"{__name__}.RefusingMailServer"
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, language, personal_answers())
    assert response.status_code == 303

    failures = [
        entry
        for entry in assert_json_lines(captured_logs)
        if entry["level"] == "ERROR" and entry["logger"] == "django_tasks"
    ]
    assert failures, "a failed email is logged"
    assert all(entry["exception"] == "MailNotSent" for entry in failures)
    assert_no_personal_data(captured_logs)


@pytest.mark.urls("tests.operations.failing_urls")
@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_a_crash_with_personal_data_in_the_form_logs_none_of_it(captured_logs, prefix, db):
    client = Client(raise_request_exception=False)
    client.cookies["messages"] = f"hello {EMAIL}"
    response = client.post(
        f"{prefix}/fail/secret-withdrawal-token/?email={EMAIL}",
        {"name": NAME, "email": EMAIL, "phone": PHONE},
    )
    assert response.status_code == 500

    entries = assert_json_lines(captured_logs)
    (crash,) = [entry for entry in entries if entry["logger"] == "django.request"]
    assert crash["level"] == "ERROR"
    assert crash["status"] == 500
    assert crash["exception"] == "SavingFailed"
    assert "could not save [email] [phone]" in crash["traceback"]
    assert f"{prefix}/fail/<str:token>/" in crash["message"]
    assert "secret-withdrawal-token" not in captured_logs.getvalue()
    assert_no_personal_data(captured_logs)


def test_every_handler_redacts_and_every_logger_reaches_them():
    """The settings' handlers all carry the filter, and the loggers that speak about
    requests, tasks and sign-ins reach them (through the root) rather than handlers of
    their own."""
    config = settings.LOGGING
    for name, handler in config["handlers"].items():
        assert "redact" in handler.get("filters", []), name
    assert config["filters"]["redact"]["()"] == "config.logging.RedactPersonalData"
    for name in ["django", "django.request", "django.server", "django_tasks", "axes", "csp"]:
        logger = logging.getLogger(name)
        assert logger.handlers == [], name
        assert logger.propagate, name
    # pytest adds capturing handlers of its own to the root; the site's are the rest.
    root_handlers = [
        handler
        for handler in logging.getLogger().handlers
        if not type(handler).__module__.startswith("_pytest")
    ]
    assert {type(handler).__name__ for handler in root_handlers} == {
        "StreamHandler",
        "AdminEmailHandler",
    }
    for handler in root_handlers:
        assert any(isinstance(f, RedactPersonalData) for f in handler.filters), handler


def test_log_format_chooses_json_or_text(settings):
    settings.LOG_FORMAT = "json"
    assert isinstance(configured_formatter(), JsonFormatter)
    settings.LOG_FORMAT = "text"
    formatter = configured_formatter()
    assert not isinstance(formatter, JsonFormatter)
    assert isinstance(formatter, logging.Formatter)
    settings.LOG_FORMAT = "xml"
    with pytest.raises(ValueError, match="LOG_FORMAT"):
        configured_formatter()


def test_json_lines_carry_time_level_logger_message_and_exception():
    formatter = JsonFormatter()
    try:
        raise KeyError("x")
    except KeyError:
        record = logging.LogRecord(
            "enrolment", logging.ERROR, __file__, 1, "Failed %s", ("here",), sys.exc_info()
        )
    entry = json.loads(formatter.format(record))
    assert entry["level"] == "ERROR"
    assert entry["logger"] == "enrolment"
    assert entry["message"] == "Failed here"
    assert entry["exception"] == "KeyError"
    assert entry["traceback"].startswith("Traceback (most recent call last):")
    assert "\n" not in formatter.format(record)


def test_a_traceback_never_shows_local_variables():
    def save(secret_local=EMAIL):
        raise RuntimeError("failed")

    try:
        save()
    except RuntimeError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    RedactPersonalData().filter(record)
    line = JsonFormatter().format(record)
    assert "secret_local" not in line
    assert EMAIL not in line


@pytest.mark.parametrize(
    "text",
    [
        "someone@example.org",
        "Sian.Wyn+network@mail.example.co.uk",
        "ŵyn.prŷs@enghraifft.cymru",
    ],
)
def test_emails_are_redacted(text):
    assert redact(f"from {text}, then") == "from [email], then"


@pytest.mark.parametrize(
    "text",
    [
        "07700 900461",
        "07700900461",
        "07700-900-461",
        "+44 7700 900461",
        "+447700900461",
        "+44 (0)7700 900461",
        "0044 7700 900461",
        "01267 226440",
        "(01267) 226440",
        "020 7946 0958",
        "0300 123 2990",
        "0808 80 10 800",
        "01685 379310",
    ],
)
def test_uk_phone_numbers_are_redacted(text):
    assert redact(f"call {text} today") == "call [phone] today"


@pytest.mark.parametrize(
    "text", ["SA31 3BN", "sa31 3bn", "SA313BN", "SW1A 1AA", "M1 1AE", "CF10 3NQ"]
)
def test_uk_postcodes_are_redacted(text):
    assert redact(f"lives at {text}.") == "lives at [postcode]."


def test_credentials_and_query_strings_are_redacted():
    assert (
        redact("connect postgres://vsen:hunter2@db.internal:5432/vsen failed")
        == "connect postgres://[credentials]@db.internal:5432/vsen failed"
    )
    assert redact('"GET /search/?q=help+me HTTP/1.1" 200') == '"GET /search/?[query] HTTP/1.1" 200'


@pytest.mark.parametrize(
    "text",
    [
        "Member VSN-0042 confirmed",
        "Task id=k3J9x path=enrolment.tasks.send_member_email state=SUCCESSFUL",
        "In an emergency call 999, otherwise 101.",
        "2026-11-21T19:01:34.123+00:00 took 12 ms, 3 queries",
        '"GET /support/ HTTP/1.1" 200 5120',
        "Django 5.2.19 on Python 3.11.7, worker pid 40213",
        "CSP violation: script-src blocked www.google.com",
        "Purged 12 members older than 365 days",
    ],
)
def test_ordinary_text_is_left_alone(text):
    assert redact(text) == text
