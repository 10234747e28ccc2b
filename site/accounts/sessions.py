"""The 8-hour limit on a staff session, however active it is."""

import time

from django.conf import settings

# Session key holding when the person signed in (seconds since the epoch).
SIGNED_IN_AT = "accounts_signed_in_at"


def session_is_too_old(session):
    """True when the session has no sign-in time or it is older than the absolute limit.

    A session without one was not made by a sign-in this app saw, so it cannot be
    trusted to be young: treat it as expired.
    """
    signed_in_at = session.get(SIGNED_IN_AT)
    if not isinstance(signed_in_at, int):
        return True
    return time.time() - signed_in_at > settings.SESSION_ABSOLUTE_TIMEOUT_SECONDS
