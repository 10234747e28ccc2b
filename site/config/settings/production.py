"""Production. Every secret comes from the environment; start-up fails without them."""

import base64
import os

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set in production.")
    return value


DEBUG = False
SECRET_KEY = required("SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in required("ALLOWED_HOSTS").split(",") if host.strip()]
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin.strip()
]
if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured("The environment variable DATABASE_URL must be set in production.")
WAGTAILADMIN_BASE_URL = required("WAGTAILADMIN_BASE_URL")

# Member data keys (see base.py). Refuse to start without real ones.
FIELD_ENCRYPTION_KEYS = [
    k.strip() for k in required("FIELD_ENCRYPTION_KEYS").split(",") if k.strip()
]
FIELD_BLIND_INDEX_KEY = required("FIELD_BLIND_INDEX_KEY")
if len(FIELD_BLIND_INDEX_KEY) < 32 or "throwaway" in FIELD_BLIND_INDEX_KEY:
    raise ImproperlyConfigured("FIELD_BLIND_INDEX_KEY must be a real key of 32 characters or more.")
for _key in FIELD_ENCRYPTION_KEYS:
    try:
        Fernet(_key)
    except ValueError as error:
        raise ImproperlyConfigured(
            "Each FIELD_ENCRYPTION_KEYS entry must be a Fernet key."
        ) from error
    if b"throwaway" in base64.urlsafe_b64decode(_key):
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS holds a throwaway development key.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = os.environ.get("SECURE_HSTS_PRELOAD", "true").lower() == "true"
# Behind a reverse proxy the client's address is in X-Forwarded-For, not REMOTE_ADDR:
# set TRUSTED_PROXY_COUNT to the number of proxies in front of the app (see base.py), or
# every sign-in looks as if it came from the proxy.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() == "true"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
