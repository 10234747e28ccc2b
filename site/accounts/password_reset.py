"""The admin's "forgotten password" page, which must tell nobody which staff addresses
exist and must not be usable to flood staff mailboxes.

- The page answers every address the same way, with the same work: it looks the address
  up and queues a background task for each account found (accounts.tasks); the email is
  written and sent outside the request, so the answer takes no longer for a real address.
- Requests are counted per client and per address typed (keyed hashes of both, never
  the address itself) on the cache's strict counter. Over either allowance nothing is
  queued and the same "check your email" answer is given, so the limit reveals nothing.
- When the cache cannot count, the form is refused kindly rather than let through.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponseRedirect
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import account

from config.cache import CacheUnavailable
from core.client_address import client_address

from .tasks import send_password_reset_email

CANNOT_COUNT = _(
    "We cannot send password reset emails at the moment. Try again in a few minutes, "
    "or ask an administrator to reset your password."
)


def _counter():
    # The shared cache answers "nothing kept" while Redis is down, which would read as a
    # count of zero and switch the limit off; the strict path raises CacheUnavailable.
    return getattr(cache, "strict", cache)


def _key(kind, value, now):
    digest = salted_hmac(f"accounts.password-reset.{kind}", value).hexdigest()[:32]
    window = int(now // settings.PASSWORD_RESET_RATE_WINDOW)
    return f"password-reset:{kind}:{digest}:{window}"


def _count(counter, key):
    """Add one to a counter and return the new count, in one step on Redis (incr)."""
    counter.add(key, 0, timeout=settings.PASSWORD_RESET_RATE_WINDOW)
    try:
        return counter.incr(key)
    except ValueError:  # expired between add() and incr()
        counter.set(key, 1, timeout=settings.PASSWORD_RESET_RATE_WINDOW)
        return 1


def within_allowance(request, email):
    """Count this request against its client and the address typed; whether both are
    still within their allowance. Raises CacheUnavailable when the count cannot be made.

    Every request is counted, whether or not the address belongs to anyone.
    """
    now = time.time()
    counter = _counter()
    by_client = _count(counter, _key("client", client_address(request) or "", now))
    # Addresses are looked up without regard to case, so they are counted that way too.
    by_address = _count(counter, _key("address", email.strip().casefold(), now))
    return (
        by_client <= settings.PASSWORD_RESET_RATE_LIMIT_PER_CLIENT
        and by_address <= settings.PASSWORD_RESET_RATE_LIMIT_PER_ADDRESS
    )


class InVisitorsLanguage:
    """The admin's addresses have no language prefix, so Django would always choose
    English; nobody is signed in, so their admin language is unknown. Their language
    cookie or browser preference decides instead, as on the locked-out page."""

    def dispatch(self, request, *args, **kwargs):
        language = translation.get_language_from_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        return super().dispatch(request, *args, **kwargs)


class PasswordResetView(InVisitorsLanguage, account.PasswordResetView):
    def form_valid(self, form):
        email = form.cleaned_data["email"]
        try:
            allowed = within_allowance(self.request, email)
        except CacheUnavailable:
            form.add_error(None, CANNOT_COUNT)
            response = self.form_invalid(form)
            response.status_code = 503
            return response
        if allowed:
            for user in form.get_users(email):
                send_password_reset_email.enqueue(user.pk)
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetDoneView(InVisitorsLanguage, account.PasswordResetDoneView):
    pass
