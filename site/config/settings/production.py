"""Production. Every secret comes from the environment; start-up fails without them."""

import base64
import os
from urllib.parse import urlsplit

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

# JSON log lines for the log collector, unless LOG_FORMAT says "text" (see base.py).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")

# Several application servers share nothing on local disk: the cache (pages, rate limits,
# Wagtail's own) is Redis, the queue is the database, media is object storage.
if not os.environ.get("REDIS_URL"):
    raise ImproperlyConfigured(
        "The environment variable REDIS_URL must be set in production: the page cache and "
        "the form's rate limits must be shared by every application server."
    )
# Sessions stay in the database (so staff sessions can be ended); SESSION_CACHE=true adds
# a Redis copy in front, which saves a query per staff request.
if os.environ.get("SESSION_CACHE", "false").lower() == "true":
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Emails and other background work wait in the database for `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Media (images, documents) on S3-compatible object storage when a bucket is named;
# otherwise MEDIA_ROOT, which then must be a disk every application server shares.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            # Keys come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, read by boto3.
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": False,
        },
    }
    # Image renditions then come from the media host: let pages (and the admin) show them.
    _bucket = os.environ["AWS_STORAGE_BUCKET_NAME"]
    if os.environ.get("AWS_S3_CUSTOM_DOMAIN"):
        MEDIA_HOSTS = ["https://" + os.environ["AWS_S3_CUSTOM_DOMAIN"]]
    elif os.environ.get("AWS_S3_ENDPOINT_URL"):
        _endpoint = urlsplit(os.environ["AWS_S3_ENDPOINT_URL"])
        # Path-style (endpoint/bucket/...) or virtual-hosted (bucket.endpoint/...) addresses.
        MEDIA_HOSTS = [
            f"{_endpoint.scheme}://{_endpoint.netloc}",
            f"{_endpoint.scheme}://{_bucket}.{_endpoint.netloc}",
        ]
    else:
        _region = os.environ.get("AWS_S3_REGION_NAME")
        MEDIA_HOSTS = [f"https://{_bucket}.s3.amazonaws.com"] + (
            [f"https://{_bucket}.s3.{_region}.amazonaws.com"] if _region else []
        )
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].extend(MEDIA_HOSTS)  # noqa: F405
    CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]["img-src"].extend(MEDIA_HOSTS)  # noqa: F405

# Purge the front-end cache (nginx, or a CDN) when a page is published, so the change
# shows at once: FRONTEND_CACHE_PURGE_URL is where nginx accepts PURGE requests.
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
        }
    }
