from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff sign-in security: two-factor authentication, lockout and session limits."""

    name = "accounts"
    verbose_name = _("Staff accounts")

    def ready(self):
        from . import checks, signals  # noqa: F401  (registers the check and receivers)
