"""Two-factor authentication for staff: an authenticator app (TOTP) and recovery codes.

Each person has at most one confirmed authenticator (a django-otp TOTPDevice) and one
set of single-use recovery codes (a StaticDevice whose tokens are deleted when used).
Wrong codes are throttled by django-otp (each failure doubles the wait).
"""

import re
from base64 import b32encode
from datetime import timedelta
from importlib import import_module

import segno
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import LazyObject, empty
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "authenticator app"
RECOVERY_CODES_NAME = "recovery codes"

# Six digits from the app; recovery codes are 8 letters and digits (base 32).
AUTHENTICATOR_CODE = re.compile(r"\d{6}")
RECOVERY_CODE = re.compile(r"[a-z2-7]{8}")


def audit(user, action, by, data=None):
    """An entry in Wagtail's audit log against the user (never a code or a secret)."""
    log(_unwrapped(user), action, user=_unwrapped(by), data=data or {})


def _unwrapped(user):
    # request.user is lazy twice over (auth, then django-otp); Wagtail's log unwraps
    # only once, and silently writes nothing for a type it does not know.
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


class CodeRejected(Exception):
    """The code was wrong, or it is too soon after too many wrong ones (``throttled``)."""

    def __init__(self, throttled=False):
        super().__init__()
        self.throttled = throttled


def authenticator_for(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_two_factor(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


# The session key holding the authenticator this session is setting up. The secret belongs
# to one attempt in one session: anyone else who has the password sees a different one.
PENDING_SESSION_KEY = "accounts_pending_authenticator"


def start_set_up(request):
    """A new authenticator with a new secret for this session, replacing its last attempt."""
    user = _unwrapped(request.user)
    with transaction.atomic():
        previous = request.session.get(PENDING_SESSION_KEY)
        stale = TOTPDevice.objects.filter(user=user, confirmed=False)
        # Attempts abandoned longer ago than any session can live are nobody's any more.
        too_old = timezone.now() - timedelta(seconds=settings.SESSION_ABSOLUTE_TIMEOUT_SECONDS)
        stale.filter(Q(pk=previous) | Q(created_at__lt=too_old)).delete()
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    request.session[PENDING_SESSION_KEY] = device.pk
    return device


def pending_authenticator(request):
    """The authenticator this session is setting up, or None if it has no attempt under way."""
    pk = request.session.get(PENDING_SESSION_KEY)
    if not isinstance(pk, int):
        return None
    return TOTPDevice.objects.filter(pk=pk, user=_unwrapped(request.user), confirmed=False).first()


def secret_for_typing(device):
    """The secret in base 32, in groups of four, for apps that cannot scan."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device, title):
    """The otpauth:// address as an inline SVG QR code: no image service sees the secret."""
    qr = segno.make(device.config_url, error="m")
    return qr.svg_inline(scale=5, border=4, dark="#000", light="#fff", title=title)


def normalise(code):
    # People copy codes with spaces or hyphens, and recovery codes in capitals.
    return re.sub(r"[\s-]", "", code or "").lower()


def _check(user, device, code):
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        raise CodeRejected(throttled=True)
    verified = verify_token(user, device.persistent_id, code)
    if verified is None:
        raise CodeRejected()
    return verified


def confirm_authenticator(user, device, code, keep_session=None):
    """Confirm a pending authenticator with its first code; return new recovery codes.

    Every other session of the person ends: whoever else holds the password (and may have
    started a set-up of their own) is signed out and meets the second factor next time.
    """
    code = normalise(code)
    if not AUTHENTICATOR_CODE.fullmatch(code):
        raise CodeRejected()
    _check(user, device, code)
    with transaction.atomic():
        # Never a second authenticator: one already confirmed means someone got here first.
        if TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).exists():
            raise CodeRejected()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        codes = _replace_recovery_codes(user)
    sessions = end_sessions_of(user, keep=keep_session)
    audit(user, "accounts.set_up_two_factor", by=user, data={"sessions_ended": sessions})
    return codes


def check_code(user, code, allow_recovery=True):
    """The device that accepts this code (a recovery code is used up), or CodeRejected."""
    code = normalise(code)
    if AUTHENTICATOR_CODE.fullmatch(code):
        device = authenticator_for(user)
    elif allow_recovery and RECOVERY_CODE.fullmatch(code):
        device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    else:
        device = None
    if device is None:
        raise CodeRejected()
    verified = _check(user, device, code)
    if isinstance(verified, StaticDevice):
        audit(user, "accounts.recovery_code_used", by=user)
    return verified


def mark_verified(request, device):
    """Record in the session that this person passed the second factor."""
    otp_login(request, device)
    # A new session key for the raised privilege, so a key seen before is worth nothing.
    request.session.cycle_key()


def _replace_recovery_codes(user):
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_CODES_NAME, confirmed=True)
    codes = set()
    while len(codes) < RECOVERY_CODE_COUNT:
        codes.add(StaticToken.random_token())
    codes = sorted(codes)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def new_recovery_codes(user):
    """Replace every recovery code with a new set and return it (shown once)."""
    with transaction.atomic():
        codes = _replace_recovery_codes(user)
    audit(user, "accounts.new_recovery_codes", by=user)
    return codes


def end_sessions_of(user, keep=None):
    """Sign the person out everywhere (except the session key ``keep``)."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.session_key == keep:
            continue
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            # Through the session engine, so a copy kept in the cache (cached_db) ends too.
            session_store(session.session_key).delete()
            ended += 1
    return ended


def session_store(session_key):
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key)


def reset_two_factor(user, by=None, keep_session=None):
    """Remove the person's authenticator and recovery codes; they set up again next time.

    Every other session of theirs ends, so nobody still signed in with the old
    factor can set up a new one in their place. Audited against the user.
    """
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
    sessions = end_sessions_of(user, keep=keep_session)
    audit(
        user,
        "accounts.reset_two_factor",
        by=by,
        data={"by_self": by is not None and by.pk == user.pk, "sessions_ended": sessions},
    )
    return sessions
