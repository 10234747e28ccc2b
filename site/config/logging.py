"""Logs with no personal data: a JSON formatter and a redaction filter.

The code never logs a member's details on purpose. The filter is the last line of
defence for what slips through anyway (an exception message quoting a form value, a
third-party library's warning): it blanks anything shaped like an email address, a UK
phone number or a UK postcode, credentials in URLs, query strings, and a request's
address where it could hold a token (a withdrawal link's).
"""

import json
import logging
import re
from datetime import UTC, datetime

from django.conf import settings

# user:password@ in a database, cache or mail URL.
URL_CREDENTIALS = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*://)[^\s/@]*@", re.IGNORECASE)
EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)+")
# +44 / 0044 (with an optional "(0)"), or a leading 0, then the rest of a UK number:
# 9 or 10 more digits, which people split with spaces, hyphens or brackets.
PHONE = re.compile(
    r"(?<![\w+])"
    r"(?:(?:\+|00)44[\s-]?(?:\(0\)[\s-]?)?|\(?0)"
    r"\d(?:[\s)-]{0,2}\d){8,9}"
    r"(?![\w])"
)
# Outward code (SA31, SW1A, M1) and inward code (3BN), with or without the space.
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b", re.IGNORECASE)
# Whatever follows "?" in an address: search terms, filters, tokens.
QUERY_STRING = re.compile(r"(?P<path>/[^\s?\"']*)\?[^\s\"']+")

REDACTIONS = [
    (URL_CREDENTIALS, r"\g<scheme>[credentials]@"),
    (EMAIL, "[email]"),
    (PHONE, "[phone]"),
    (POSTCODE, "[postcode]"),
    (QUERY_STRING, r"\g<path>?[query]"),
]

ADDRESS_NOT_SHOWN = "(address not shown)"


def redact(text):
    """The text with anything that looks like personal data blanked out."""
    for pattern, replacement in REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


def safe_path(request):
    """A request's address as it may be logged or emailed.

    A public page's address is the page's own (Wagtail's slugs cannot hold a token); any
    other view is named by its route, so /leave/<str:token>/ never shows the token.
    """
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ADDRESS_NOT_SHOWN
    if match.url_name == "wagtail_serve":
        return request.path
    return "/" + str(match.route)


def escaped(text):
    # Django's request logger writes addresses with non-ASCII letters escaped.
    return text.encode("unicode_escape").decode("ascii")


class RedactPersonalData(logging.Filter):
    """Rewrites each record's message (and traceback) without personal data. Never drops
    a record: it only changes what it says."""

    def filter(self, record):
        message = record.getMessage()
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            path = safe_path(request)
            for address in sorted({request.path, escaped(request.path)}, key=len, reverse=True):
                if address and address != path:
                    message = message.replace(address, path)
        record.msg = redact(message)
        record.args = ()
        if record.exc_info and not record.exc_text:
            # Formatters reuse exc_text when it is set: the traceback is rendered here
            # once, without local variables, and redacted like the message.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger and message; for an error, the
    exception's class and its traceback (never its frames' local variables)."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        status_code = getattr(record, "status_code", None)
        if isinstance(status_code, int):
            entry["status"] = status_code
        if record.exc_info and record.exc_info[0] is not None:
            entry["exception"] = record.exc_info[0].__qualname__
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["traceback"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False)


TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LOG_FORMATS = ("json", "text")


def configured_formatter():
    """The formatter LOG_FORMAT names: used by LOGGING in the settings, so production can
    default to JSON and development to plain text."""
    log_format = getattr(settings, "LOG_FORMAT", "text")
    if log_format == "json":
        return JsonFormatter()
    if log_format == "text":
        return logging.Formatter(TEXT_FORMAT)
    raise ValueError(f"LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}, not {log_format!r}.")
