"""The two-factor pages in the admin, and the page shown when sign-in is locked out.

Set-up and verify are reachable before the second factor is passed (the middleware
lets them through); the management views are not.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_static.models import StaticDevice
from wagtail.admin import messages
from wagtail.admin.views.account import password_reset_enabled

from . import two_factor
from .forms import CodeForm, SetUpForm


def next_url(request):
    """Where to go after the second factor: a local address only, else the dashboard."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("wagtailadmin_home")


def with_next(url_name, request):
    return f"{reverse(url_name)}?{urlencode({'next': next_url(request)})}"


def recovery_codes_page(request, codes, continue_url, first_time):
    return TemplateResponse(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "continue_url": continue_url, "first_time": first_time},
    )


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def set_up(request):
    user = request.user
    if two_factor.has_two_factor(user):
        # Only a reset removes an authenticator: this page never adds a second one.
        if user.is_verified():
            return redirect("accounts_two_factor")
        return redirect(with_next("accounts_two_factor_verify", request))

    # Each visit is a new attempt with a new secret; a code sent back confirms only the
    # secret this session was shown.
    if request.method == "POST":
        device = two_factor.pending_authenticator(request)
        form = SetUpForm(user, device, request.POST, keep_session=request.session.session_key)
        if form.is_valid():
            two_factor.mark_verified(request, device)
            return recovery_codes_page(request, form.recovery_codes, next_url(request), True)
        if device is None:
            device = two_factor.start_set_up(request)
    else:
        device = two_factor.start_set_up(request)
        form = SetUpForm(user, device)
    qr_title = gettext("QR code for your authenticator app")
    return TemplateResponse(
        request,
        "accounts/set_up.html",
        {
            "form": form,
            "next": next_url(request),
            "qr_code": two_factor.qr_code_svg(device, qr_title),
            "secret": two_factor.secret_for_typing(device),
        },
    )


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def verify(request):
    user = request.user
    if not two_factor.has_two_factor(user):
        return redirect(with_next("accounts_two_factor_set_up", request))
    if user.is_verified():
        return redirect(next_url(request))

    form = CodeForm(user, request.POST if request.method == "POST" else None)
    if form.is_valid():
        two_factor.mark_verified(request, form.device)
        if isinstance(form.device, StaticDevice):
            messages.warning(
                request,
                gettext(
                    "You signed in with a recovery code, which cannot be used again. "
                    "Recovery codes left: %(number)s."
                )
                % {"number": two_factor.recovery_codes_left(user)},
            )
        return redirect(next_url(request))
    return TemplateResponse(
        request, "accounts/verify.html", {"form": form, "next": next_url(request)}
    )


def manage_page(request, codes_form=None, reset_form=None):
    user = request.user
    authenticator = two_factor.authenticator_for(user)
    return TemplateResponse(
        request,
        "accounts/manage.html",
        {
            "page_title": _("Two-factor authentication"),
            "header_title": _("Two-factor authentication"),
            "header_icon": "lock",
            "breadcrumbs_items": [
                {"url": reverse("wagtailadmin_home"), "label": _("Home")},
                {"url": reverse("wagtailadmin_account"), "label": _("Account")},
                {"url": "", "label": _("Two-factor authentication")},
            ],
            "authenticator": authenticator,
            "recovery_codes_left": two_factor.recovery_codes_left(user),
            "required": settings.STAFF_REQUIRE_2FA,
            "codes_form": codes_form or CodeForm(user, prefix="codes"),
            "reset_form": reset_form or CodeForm(user, prefix="reset"),
        },
    )


@never_cache
@require_http_methods(["GET"])
def manage(request):
    return manage_page(request)


@never_cache
@sensitive_post_parameters("codes-code")
@require_POST
def new_recovery_codes(request):
    if not two_factor.has_two_factor(request.user):
        return redirect("accounts_two_factor_set_up")
    form = CodeForm(request.user, request.POST, prefix="codes")
    if not form.is_valid():
        return manage_page(request, codes_form=form)
    codes = two_factor.new_recovery_codes(request.user)
    return recovery_codes_page(request, codes, reverse("accounts_two_factor"), False)


@never_cache
@sensitive_post_parameters("reset-code")
@require_POST
def reset(request):
    if not two_factor.has_two_factor(request.user):
        return redirect("accounts_two_factor_set_up")
    form = CodeForm(request.user, request.POST, prefix="reset")
    if not form.is_valid():
        return manage_page(request, reset_form=form)
    two_factor.reset_two_factor(
        request.user, by=request.user, keep_session=request.session.session_key
    )
    messages.success(
        request,
        gettext("Two-factor authentication has been reset. Set up your authenticator app again."),
    )
    return redirect("accounts_two_factor_set_up")


def locked_out(request, original_response=None, credentials=None):
    """django-axes' lockout response (AXES_LOCKOUT_CALLABLE): a page, never an error.

    The sign-in address has no language prefix, so it is always English by the URL;
    the person is not signed in, so their admin language is unknown. Their language
    cookie or browser preference decides instead.
    """
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    with translation.override(translation.get_language_from_request(request)):
        response = render(
            request,
            "accounts/locked_out.html",
            {"minutes": minutes, "show_password_reset": password_reset_enabled()},
            status=429,
        )
    response["Cache-Control"] = "no-store"
    return response
