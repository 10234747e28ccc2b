"""What the "database is down" page (templates/503.html) needs, none of it from the database.

- whether an error means the database cannot be reached;
- the language, from the address alone (LocaleMiddleware may not have run);
- what a POST sent, to offer it back in a "Send again" form;
- the team's phone and email: a copy kept in the cache, and in this process, each time
  an app reads them normally (enrolment's MembershipSettings.load calls
  remember_team_contacts). pages knows nothing of who those contacts belong to.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db import InterfaceError, OperationalError
from django.utils import translation

TEAM_CONTACTS_KEY = "outage:team-contacts"
# Written again at most this often from one process while unchanged, so reading the
# contacts does not mean a cache write on every request.
REMEMBER_AGAIN_SECONDS = 15 * 60
# Waiting this long before sending again is worth it (the Retry-After header).
RETRY_AFTER_SECONDS = 120
NOT_RESENT = {"csrfmiddlewaretoken"}

_this_process = {"contacts": None, "written": 0.0}


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
    """[(name, value)] of everything a POST sent, every value of a multi-valued field,
    without the old CSRF token (the page puts in a fresh one). Empty if unreadable."""
    if request.method != "POST":
        return []
    try:
        return [
            (name, value)
            for name, values in request.POST.lists()
            if name not in NOT_RESENT
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
