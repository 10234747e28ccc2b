"""Spam defence for the public forms (joining, anonymous contributions). None of it may lose
what a person typed.

- a honeypot field that people never see and robots fill in (core.forms.ProtectedForm);
- a signed render time: a post sooner than ENROLMENT_MIN_SECONDS after the form was
  shown, or later than ENROLMENT_MAX_SECONDS, is sent back to be checked and sent again;
- a rate limit per client on the cache, keyed on a keyed hash of the address (the raw
  address is never stored or logged); when the cache cannot be reached to count, the
  form is refused (kept, with the team's phone and email) rather than let through;
- Google's reCAPTCHA (v2 checkbox), only when its keys are configured, wrapped so that
  a failure to reach Google is a form error rather than a crash.
"""

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
from core.client_address import client_address

RENDER_SALT = "enrolment.form.rendered"

# Why a render time was refused. The form turns these into messages.
TOO_FAST = "too_fast"
EXPIRED = "expired"
UNREADABLE = "unreadable"


# --- signed render time ----------------------------------------------------------------


def render_token(now=None):
    """A signed record of when the form was shown (in milliseconds), for a hidden field."""
    return signing.dumps(int((now if now is not None else time.time()) * 1000), salt=RENDER_SALT)


def check_render_token(token, now=None):
    """None if the form was shown long enough ago and not too long ago, else the reason."""
    try:
        rendered = signing.loads(str(token or ""), salt=RENDER_SALT)
    except signing.BadSignature:
        return UNREADABLE
    if not isinstance(rendered, int):
        return UNREADABLE
    elapsed = (now if now is not None else time.time()) - rendered / 1000
    if elapsed < settings.ENROLMENT_MIN_SECONDS:
        return TOO_FAST
    if elapsed > settings.ENROLMENT_MAX_SECONDS:
        return EXPIRED
    return None


# --- rate limit --------------------------------------------------------------------------


# Each form counts its own submissions: sending feedback never uses up the join form's
# allowance, or the other way round. The join form's scope keeps its original keys.
DEFAULT_SCOPE = "enrolment"
# The join form's keys start with this.
RATE_LIMIT_PREFIX = f"{DEFAULT_SCOPE}:rate"


def _rate_key(request, now=None, scope=DEFAULT_SCOPE):
    # A keyed hash: the cache never holds an address, and the hash cannot be reversed by
    # trying every address without the secret key.
    digest = salted_hmac(f"{scope}.rate-limit", client_address(request) or "").hexdigest()[:32]
    window = int((now if now is not None else time.time()) // settings.ENROLMENT_RATE_WINDOW)
    return f"{scope}:rate:{digest}:{window}"


def _counter():
    """The cache, asked so that a Redis that cannot be reached raises CacheUnavailable.

    The shared cache answers "nothing kept" while Redis is down (config.cache), which
    would read as a count of zero: the rate limit would silently be off.
    """
    return getattr(cache, "strict", cache)


def is_rate_limited(request, scope=DEFAULT_SCOPE):
    """Whether this client has used up its allowance, or it cannot be told (fails closed).

    When the count cannot be read, `request.rate_limit_unavailable` is set, so the notice
    can say what really happened (core/includes/rate_limit_notice.html).
    """
    try:
        count = _counter().get(_rate_key(request, scope=scope)) or 0
    except CacheUnavailable:
        request.rate_limit_unavailable = True
        return True
    return count >= settings.ENROLMENT_RATE_LIMIT


def refusal_status(request):
    """429 for a client over its allowance; 503 when the count could not be made."""
    return 503 if getattr(request, "rate_limit_unavailable", False) else 429


def count_submission(request, scope=DEFAULT_SCOPE):
    """Count one submission (or one caught robot) against this client's allowance.

    Called after the submission is stored: should Redis fail in between, the count is
    lost (the cache logs it), never the submission.
    """
    key = _rate_key(request, scope=scope)
    counter = _counter()
    try:
        counter.add(key, 0, timeout=settings.ENROLMENT_RATE_WINDOW)
        try:
            counter.incr(key)
        except ValueError:  # expired between add() and incr()
            counter.set(key, 1, timeout=settings.ENROLMENT_RATE_WINDOW)
    except CacheUnavailable:
        pass


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
