"""Session limits and the second factor, enforced on every request.

Both look at the session only when the request carries a session cookie, so public
pages viewed without one stay cacheable (no Vary: Cookie from us).
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from . import two_factor
from .sessions import session_is_too_old

# Admin pages reachable before the second factor: signing in and out, the two-factor
# pages themselves, password reset, and what the sign-in page needs to load.
OPEN_BEFORE_SECOND_FACTOR = {
    "accounts_two_factor_set_up",
    "accounts_two_factor_verify",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}


def has_session_cookie(request):
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def is_admin_path(request):
    return request.path_info.startswith(reverse("wagtailadmin_home"))


def preferred_language(user):
    profile = getattr(user, "wagtail_userprofile", None)
    return profile.get_preferred_language() if profile else translation.get_language()


class AbsoluteSessionTimeoutMiddleware:
    """Sign out anyone who signed in more than SESSION_ABSOLUTE_TIMEOUT_SECONDS ago.

    The idle limit (SESSION_COOKIE_AGE, renewed on every request) cannot stop a
    session kept busy all day; this does. In the admin, the person lands on the
    sign-in page with a message in their admin language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            has_session_cookie(request)
            and request.user.is_authenticated
            and session_is_too_old(request.session)
        ):
            language = preferred_language(request.user)
            logout(request)
            if is_admin_path(request):
                with translation.override(language):
                    messages.info(
                        request,
                        gettext(
                            "For your security, you have been signed out because your "
                            "session reached its time limit. Please sign in again."
                        ),
                    )
                return redirect_to_login(
                    request.get_full_path(), login_url=reverse("wagtailadmin_login")
                )
        return self.get_response(request)


class TwoFactorRequiredMiddleware:
    """With STAFF_REQUIRE_2FA, a password alone opens nothing.

    A signed-in person who has not passed the second factor is sent from any admin
    page to set up an authenticator (if they have none) or to enter a code. Elsewhere
    (private pages, documents) they count as signed out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.STAFF_REQUIRE_2FA or not has_session_cookie(request):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if not is_admin_path(request):
            request.user = AnonymousUser()
            return None
        if request.resolver_match.url_name in OPEN_BEFORE_SECOND_FACTOR:
            return None
        if two_factor.has_two_factor(user):
            target = "accounts_two_factor_verify"
        else:
            target = "accounts_two_factor_set_up"
        after = request.get_full_path() if request.method == "GET" else reverse("wagtailadmin_home")
        return redirect(f"{reverse(target)}?{urlencode({'next': after})}")
