"""Spam defence for the public forms (joining, anonymous contributions). None of it may lose
what a person typed.

- a honeypot field that people never see and robots fill in (core.forms.ProtectedForm);
- a signed render time: a post sooner than ENROLMENT_MIN_SECONDS after the form was
  shown, or later than ENROLMENT_MAX_SECONDS, is sent back to be checked and sent again;
  each showing's token is accepted once (sending the same form again is sent back too);
- a rate limit per client on the cache, keyed on a keyed hash of the address (the raw
  address is never stored or logged; an IPv6 client is counted by its /64), counted
  before a form is accepted; when the cache cannot be reached to count, the form is
  refused (kept, with the team's phone and email) rather than let through; a form may
  also count what was typed into it (an address asked about), by a keyed hash of it;
- Google's reCAPTCHA (v2 checkbox), only when its keys are configured, wrapped so that
  a failure to reach Google is a form error rather than a crash.
"""

import contextlib
import secrets
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.template import loader
from django.utils.crypto import salted_hmac
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_recaptcha.constants import DEFAULT_RECAPTCHA_DOMAIN
from django_recaptcha.fields import ReCaptchaField
from django_recaptcha.widgets import ReCaptchaV2Checkbox

from config.cache import CacheUnavailable
from core.client_address import counted_address

RENDER_SALT = "enrolment.form.rendered"

# Why a render time was refused. The form turns these into messages.
TOO_FAST = "too_fast"
EXPIRED = "expired"
UNREADABLE = "unreadable"


# --- signed render time ----------------------------------------------------------------


def render_token(now=None):
    """A signed record of when the form was shown (in milliseconds), for a hidden field,
    with a random id of its own so that it can be accepted once only."""
    shown = int((now if now is not None else time.time()) * 1000)
    return signing.dumps({"shown": shown, "id": secrets.token_urlsafe(16)}, salt=RENDER_SALT)


def _read_render_token(token):
    """(when it was shown, its id), or None if it is not one of ours."""
    try:
        value = signing.loads(str(token or ""), salt=RENDER_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(value, dict):
        return None
    shown, token_id = value.get("shown"), value.get("id")
    if not isinstance(shown, int) or not isinstance(token_id, str) or not token_id:
        return None
    return shown, token_id


def check_render_token(token, now=None):
    """None if the form was shown long enough ago and not too long ago, else the reason."""
    read = _read_render_token(token)
    if read is None:
        return UNREADABLE
    elapsed = (now if now is not None else time.time()) - read[0] / 1000
    if elapsed < settings.ENROLMENT_MIN_SECONDS:
        return TOO_FAST
    if elapsed > settings.ENROLMENT_MAX_SECONDS:
        return EXPIRED
    return None


def render_token_id(token):
    """The id of a render token (None if it is not one of ours)."""
    read = _read_render_token(token)
    return read[1] if read else None


def _used_key(token_id):
    return f"render-token:used:{token_id}"


def use_render_token(token_id):
    """Mark a render token as used; False if it was used before. In one step on the cache,
    so of two sendings of one form at once, one only is told it is the first.

    Kept until the token would have expired anyway (with a minute to spare for clocks
    that differ between servers). Raises CacheUnavailable when that cannot be recorded:
    the form is then refused as when its rate limit cannot be counted.
    """
    timeout = settings.ENROLMENT_MAX_SECONDS + 60
    return bool(_counter().add(_used_key(token_id), 1, timeout=timeout))


def release_render_token(token_id):
    """Make a used token usable again: the form it came with was not saved after all (the
    database failing), and the person may send the same form again."""
    with contextlib.suppress(CacheUnavailable):
        _counter().delete(_used_key(token_id))


# --- rate limit --------------------------------------------------------------------------


# Each form counts its own submissions: sending feedback never uses up the join form's
# allowance, or the other way round. The join form's scope keeps its original keys.
DEFAULT_SCOPE = "enrolment"
# The join form's keys start with this.
RATE_LIMIT_PREFIX = f"{DEFAULT_SCOPE}:rate"


def _hashed_rate_key(scope, value, now=None):
    # A keyed hash: the cache never holds an address, and the hash cannot be reversed by
    # trying every address without the secret key.
    digest = salted_hmac(f"{scope}.rate-limit", value).hexdigest()[:32]
    window = int((now if now is not None else time.time()) // settings.ENROLMENT_RATE_WINDOW)
    return f"{scope}:rate:{digest}:{window}"


def _rate_key(request, now=None, scope=DEFAULT_SCOPE):
    return _hashed_rate_key(scope, counted_address(request) or "", now)


def _counter():
    """The cache, asked so that a Redis that cannot be reached raises CacheUnavailable.

    The shared cache answers "nothing kept" while Redis is down (config.cache), which
    would read as a count of zero: the rate limit would silently be off.
    """
    return getattr(cache, "strict", cache)


def _count(key, delta=1):
    """Add `delta` to a count in one step on the cache (Redis INCR), so that two requests
    at once can never both read the same count. Raises CacheUnavailable."""
    counter = _counter()
    counter.add(key, 0, timeout=settings.ENROLMENT_RATE_WINDOW)
    try:
        return counter.incr(key, delta)
    except ValueError:  # expired between add() and incr(): a new window's first count
        counter.set(key, max(delta, 0), timeout=settings.ENROLMENT_RATE_WINDOW)
        return max(delta, 0)


class Allowance:
    """One sending's place in its client's allowance, taken before the form is looked at.

    `granted` is False over the limit, and when the count could not be made (then
    `request.rate_limit_unavailable` is set too, so the notice can say what really
    happened: core/includes/rate_limit_notice.html). A place taken for a sending that
    is not accepted after all (a mistake to correct) is given back.
    """

    def __init__(self, key, granted):
        self.key = key
        self.granted = granted
        self._held = granted

    def give_back(self):
        if not self._held:
            return
        self._held = False
        # Should that fail, the count stays one too high until its window ends: never low.
        with contextlib.suppress(CacheUnavailable):
            _count(self.key, -1)


def take_allowance(request, scope=DEFAULT_SCOPE):
    """Count this sending first, then compare, so that sendings at once cannot all pass:
    each is counted in one step on the cache, and only those within the limit are granted.

    A refused sending gives its place back at once, so that the count is always the
    sendings holding a place, and a person refused once is not refused for longer.
    """
    key = _rate_key(request, scope=scope)
    try:
        count = _count(key)
    except CacheUnavailable:
        request.rate_limit_unavailable = True
        return Allowance(key, granted=False)
    allowance = Allowance(key, granted=True)
    if count > settings.ENROLMENT_RATE_LIMIT:
        allowance.give_back()
        allowance.granted = False
    return allowance


def take_allowance_for(value, scope, limit):
    """A place in the allowance of `value` itself (an email address someone typed, say)
    rather than of the client, so that many clients together cannot send one address more
    than `limit` times in a window. Only a keyed hash of the value reaches the cache.

    Raises CacheUnavailable when the count cannot be made: the caller refuses then.
    """
    key = _hashed_rate_key(scope, value)
    count = _count(key)
    allowance = Allowance(key, granted=True)
    if count > limit:
        allowance.give_back()
        allowance.granted = False
    return allowance


def is_rate_limited(request, scope=DEFAULT_SCOPE):
    """Whether this client has used up its allowance, or it cannot be told (fails closed).

    Takes the place at once (take_allowance), so that requests at once cannot all pass:
    count_submission after it, for the same request and scope, counts nothing again.
    """
    allowance = take_allowance(request, scope=scope)
    if not hasattr(request, "_allowances"):
        request._allowances = {}
    request._allowances[scope] = allowance
    return not allowance.granted


def refusal_status(request):
    """429 for a client over its allowance; 503 when the count could not be made."""
    return 503 if getattr(request, "rate_limit_unavailable", False) else 429


def count_submission(request, scope=DEFAULT_SCOPE):
    """Count one submission (or one caught robot) against this client's allowance, unless
    is_rate_limited already counted this request.

    Should Redis fail, the count is lost (the cache logs it), never the submission.
    """
    if scope in getattr(request, "_allowances", {}):
        return
    with contextlib.suppress(CacheUnavailable):
        _count(_rate_key(request, scope=scope))


# --- reCAPTCHA ---------------------------------------------------------------------------


def captcha_enabled():
    return bool(settings.RECAPTCHA_PUBLIC_KEY and settings.RECAPTCHA_PRIVATE_KEY)


def captcha_domain():
    return getattr(settings, "RECAPTCHA_DOMAIN", DEFAULT_RECAPTCHA_DOMAIN)


def captcha_script_url(language):
    """Google's script, in the page's language. Loaded by the page with its CSP nonce."""
    return f"https://{captcha_domain()}/recaptcha/api.js?{urlencode({'hl': language})}"


def captcha_csp_update():
    """What the form page's policy must add for reCAPTCHA, and nothing more."""
    domain = captcha_domain()
    return {
        "script-src": [f"https://{domain}/recaptcha/", "https://www.gstatic.com/recaptcha/"],
        "frame-src": [f"https://{domain}/recaptcha/", "https://recaptcha.google.com/recaptcha/"],
    }


class CaptchaWidget(ReCaptchaV2Checkbox):
    """The checkbox without a callback: nothing on our pages runs inline script."""

    def _render(self, template_name, context, renderer=None):
        # Rendered by the project's template engine rather than the form renderer, which
        # cannot see templates/: that is where django_recaptcha/includes/js_v2_checkbox.html
        # is replaced by one without django-recaptcha's inline script.
        return mark_safe(loader.render_to_string(template_name, context))  # noqa: S308

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs.pop("data-callback", None)
        return attrs


class CaptchaField(ReCaptchaField):
    """reCAPTCHA whose every failure is a form error in the reader's language.

    django-recaptcha turns only HTTPError into a form error; a refused connection, a
    timeout or a garbled answer from Google would otherwise be a server error, and the
    person would lose everything they typed.
    """

    widget = CaptchaWidget
    default_error_messages = {
        "required": _("Tick the box to show you are not a robot."),
        "captcha_invalid": _(
            "We could not confirm that you are not a robot. Tick the box and try again, "
            "or call or email us instead."
        ),
        "captcha_error": _(
            "We could not check the 'I'm not a robot' box just now. Your answers are "
            "still here: try again, or call or email us instead."
        ),
    }

    def get_remote_ip(self):
        # Google does not need the person's address to check the box; do not send it.
        return ""

    def validate(self, value):
        try:
            super().validate(value)
        except ValidationError as error:
            # Its own messages are English only: use ours, by the same codes.
            code = error.code if error.code in self.error_messages else "captcha_invalid"
            raise ValidationError(self.error_messages[code], code=code) from None
        except (OSError, ValueError, KeyError, AttributeError):
            # OSError covers URLError, timeouts and refused connections; the others a
            # reply from Google that is not the JSON it should be.
            raise ValidationError(
                self.error_messages["captcha_error"], code="captcha_error"
            ) from None
