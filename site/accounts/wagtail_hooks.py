from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import two_factor, views

LOG_ACTIONS = {
    "accounts.set_up_two_factor": (
        _("Set up two-factor authentication"),
        _("Two-factor authentication set up"),
    ),
    "accounts.recovery_code_used": (
        _("Use a recovery code"),
        _("Signed in with a recovery code"),
    ),
    "accounts.new_recovery_codes": (
        _("Issue new recovery codes"),
        _("New recovery codes issued"),
    ),
    "accounts.reset_two_factor": (
        _("Reset two-factor authentication"),
        _("Two-factor authentication reset"),
    ),
}


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/", views.manage, name="accounts_two_factor"),
        path("two-factor/set-up/", views.set_up, name="accounts_two_factor_set_up"),
        path("two-factor/verify/", views.verify, name="accounts_two_factor_verify"),
        path(
            "two-factor/recovery-codes/",
            views.new_recovery_codes,
            name="accounts_two_factor_recovery_codes",
        ),
        path("two-factor/reset/", views.reset, name="accounts_two_factor_reset"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    if two_factor.has_two_factor(request.user):
        status = _("On. See your recovery codes left, make new ones, or reset your app.")
    else:
        status = _("Off. Set up an authenticator app to protect your account.")
    return {
        "url": reverse("accounts_two_factor"),
        "label": _("Two-factor authentication"),
        "help_text": status,
    }


@hooks.register("register_log_actions")
def register_two_factor_log_actions(actions):
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)
