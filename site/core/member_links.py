"""Signed links for people without an account, and the short session a link opens.

A link's address carries a token: the key of a stored link (random, meaningless) signed
with ``django.core.signing`` under its own salt and timestamped. The token says nothing
about the person: addresses end up in browser histories, mail scanners and server logs.
Whether the link still works (its expiry, whether it was superseded or ended, whose it
is) is decided by the app that stores it; this module only signs, checks the signature
and keeps the session.

Opening a link starts a session of its own inside Django's session: the session key is
cycled (so a session fixed before cannot be taken over) and the session ends after a few
idle minutes, or at once on sign-out.
"""

import time

from django.core import signing

SALT = "core.member_links"
# A real token is under 80 characters; anything much longer is not worth unsigning.
MAX_TOKEN_LENGTH = 200
SESSION_KEY = "member_link_session"


class LinkRefused(Exception):
    """The token cannot be used. ``status`` is the HTTP status to answer with."""

    def __init__(self, status):
        super().__init__(status)
        self.status = status


def make_token(key):
    return signing.TimestampSigner(salt=SALT).sign(key)


def read_token(token, max_age_seconds):
    """The key a token was made for; LinkRefused(400) if it is not ours, 410 if too old."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise LinkRefused(400)
    try:
        return signing.TimestampSigner(salt=SALT).unsign(token, max_age=max_age_seconds)
    except signing.SignatureExpired:
        raise LinkRefused(410) from None
    except signing.BadSignature:
        raise LinkRefused(400) from None


def start_session(request, link_id):
    """Open a link's session: a new session key, then the link's id and the time."""
    request.session.cycle_key()
    request.session[SESSION_KEY] = {"link": link_id, "seen": time.time()}


def session_link_id(request, idle_seconds):
    """The id of the link whose session this is, or None if there is none or it has been
    idle too long (then it is ended). Each call counts as activity."""
    data = request.session.get(SESSION_KEY)
    if not isinstance(data, dict) or not isinstance(data.get("link"), int):
        return None
    now = time.time()
    if now - float(data.get("seen", 0)) > idle_seconds:
        end_session(request)
        return None
    request.session[SESSION_KEY] = {"link": data["link"], "seen": now}
    return data["link"]


def end_session(request):
    """Forget the link's session. A staff sign-in in the same browser is left alone."""
    if SESSION_KEY in request.session:
        del request.session[SESSION_KEY]
        request.session.cycle_key()
