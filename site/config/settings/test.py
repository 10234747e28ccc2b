"""Tests: `make test`. PostgreSQL when DATABASE_URL is set, SQLite otherwise."""

from .base import *  # noqa: F403

# The demo content: tests/conftest.py loads it once per test run.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405

DEBUG = False
# THROWAWAY test value.
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost", "[::1]"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# As in production, so the tests exercise it: test sign-ins pass an app code
# (tests/support/staff.py).
STAFF_REQUIRE_2FA = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Off, so query counts are real; tests/pages/test_page_cache.py turns it on.
PAGE_CACHE_SECONDS = 0
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
# The browser tests' server gets a folder of its own (tests/browser/conftest.py) and serves
# it itself, so the browser can load image renditions.
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT", BASE_DIR / "var" / "test-media"))  # noqa: F405
SERVE_MEDIA_FROM_DJANGO = True
WAGTAILADMIN_BASE_URL = "http://testserver"
STATIC_ROOT = None  # static files come from the source folders (WHITENOISE_USE_FINDERS)

# THROWAWAY test keys for member data: never use these for real records.
FIELD_ENCRYPTION_KEYS = ["dGVzdC1vbmx5LXRocm93YXdheS1rZXktZG8tbm90LXU="]
FIELD_BLIND_INDEX_KEY = "test-only-throwaway-blind-index-key-0000"  # noqa: S105
