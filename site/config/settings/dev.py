"""Development: `make run`. Never used in production."""

import os

from .base import *  # noqa: F403

# The demo content and `manage.py load_demo_content` (`make run` loads it).
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405

DEBUG = True
# THROWAWAY development value: production reads SECRET_KEY from the environment.
SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-7f3c"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
INTERNAL_IPS = ["127.0.0.1"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Links in emails lead to the server `make run` started, on whichever port it was given.
WAGTAILADMIN_BASE_URL = (
    os.environ.get("WAGTAILADMIN_BASE_URL")
    or f"http://127.0.0.1:{os.environ.get('PORT') or '8000'}"
)
# Plainly fake senders: nothing printed in development could pass for the network's mail.
DEFAULT_FROM_EMAIL = "network@example.org"
SERVER_EMAIL = DEFAULT_FROM_EMAIL
DEMO_ACCOUNTS_ENABLED = True
# DEVELOPMENT ONLY: demo accounts sign in with a password alone. Production and the
# tests require a second factor (base.py); never turn this off anywhere else.
STAFF_REQUIRE_2FA = False
# THROWAWAY password for the demo staff accounts, printed by `make run`.
DEMO_ACCOUNT_PASSWORD = "demo-only-change-me-2026"  # noqa: S105
# Serve static files from the source folders without collectstatic.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT = None  # static files come from the source folders (WHITENOISE_USE_FINDERS)

# THROWAWAY development keys for member data: never use these for real records.
FIELD_ENCRYPTION_KEYS = ["ZGV2LW9ubHktdGhyb3dhd2F5LWtleS1kby1ub3QtdXM="]
FIELD_BLIND_INDEX_KEY = "development-only-throwaway-blind-index-key-0000"  # noqa: S105
