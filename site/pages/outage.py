"""What the "database is down" page (templates/503.html) needs, none of it from the database.

- whether an error means the database cannot be reached;
- the language, from the address alone (LocaleMiddleware may not have run);
- what a POST to a public form sent, to offer it back in a "Send again" form;
- the team's phone and email: a copy kept in the cache, and in this process, each time
  an app reads them normally (enrolment's MembershipSettings.load calls
  remember_team_contacts). pages knows nothing of who those contacts belong to.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db import InterfaceError, OperationalError
from django.urls import reverse
from django.utils import translation

TEAM_CONTACTS_KEY = "outage:team-contacts"
# Written again at most this often from one process while unchanged, so reading the
# contacts does not mean a cache write on every request.
REMEMBER_AGAIN_SECONDS = 15 * 60
# Waiting this long before sending again is worth it (the Retry-After header).
RETRY_AFTER_SECONDS = 120

_this_process = {"contacts": None, "written": 0.0}

# The fields of the public forms (added by the apps that own them, see allow_sending_again):
# the only names ever written back into the page. An allow-list, so a form added later,
# a password, a code or a token is never echoed until someone decides it may be.
_resendable_fields = set()


def allow_sending_again(form_class):
    """Let the outage page offer back what was typed into this public form's fields."""
    _resendable_fields.update(form_class.base_fields)


def _in_staff_area(path):
    # The admin and the staff accounts' pages (sign-in, codes, password reset) live under
    # the admin's address; whatever they were sent is never shown back.
    return path.startswith(reverse("wagtailadmin_home"))


def is_database_outage(error):
    """Whether the error, or one that caused it, says the database cannot be reached."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, (OperationalError, InterfaceError)):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def language_of(request):
    """The language the address is in: /cy/... is Welsh, anything else the default."""
    language = translation.get_language_from_path(request.path_info)
    return language or settings.LANGUAGE_CODE


def sent_values(request):
    """[(name, value)] of what a POST sent to a public form's own fields, every value of a
    multi-valued field. Nothing else: not the old CSRF token (the page puts in a fresh
    one), nor anything sent to the staff area. Empty if unreadable."""
    if request.method != "POST" or _in_staff_area(request.path_info):
        return []
    try:
        return [
            (name, value)
            for name, values in request.POST.lists()
            if name in _resendable_fields
            for value in values
        ]
    except (RequestDataTooBig, TooManyFieldsSent, OSError):
        return []


def remember_team_contacts(phone, email):
    """Keep a copy of the team's phone and email for the outage page."""
    contacts = {"contact_phone": str(phone or ""), "contact_email": str(email or "")}
    now = time.monotonic()
    fresh = now - _this_process["written"] < REMEMBER_AGAIN_SECONDS
    if _this_process["contacts"] == contacts and fresh:
        return
    _this_process["contacts"] = contacts
    _this_process["written"] = now
    # Kept until replaced: the copy is only useful if it is there when the database is not.
    try:
        cache.set(TEAM_CONTACTS_KEY, contacts, None)
    except Exception:  # noqa: BLE001 (a copy is not worth failing a page for)
        _this_process["written"] = 0.0


def team_contacts():
    """The last copy of the team's phone and email, or None if there is none anywhere."""
    try:
        kept = cache.get(TEAM_CONTACTS_KEY)
    except Exception:  # noqa: BLE001 (a cache that fails on top of the database)
        kept = None
    contacts = kept or _this_process["contacts"]
    if not contacts or not (contacts.get("contact_phone") or contacts.get("contact_email")):
        return None
    return contacts
