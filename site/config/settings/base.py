"""Settings shared by every environment. Environment-specific files import these."""

import os
from datetime import timedelta
from email.utils import getaddresses
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

# settings/ -> config/ -> site/ -> the repository root
BASE_DIR = Path(__file__).resolve().parents[3]
SITE_DIR = BASE_DIR / "site"

DEBUG = False

INSTALLED_APPS = [
    "core",
    "pages",
    "enrolment",
    "impact",
    "accounts",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales: both together stop Django
    "wagtail.contrib.settings",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_recaptcha",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions: a kept public page is served without touching them.
    "pages.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.AbsoluteSessionTimeoutMiddleware",
    "accounts.middleware.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: it turns a locked-out sign-in into accounts' page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Nothing on this site needs a camera, a microphone, a location or a payment; saying so
# stops any script that might get in from asking the person for them.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

# How SQLite is opened wherever it is used (tests/pages/test_concurrent_editing.py uses it too).
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}

# An embedded SQLite file unless DATABASE_URL names another database.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The editor's autosave and its buttons write at the same moment: readers must not block
    # the writer (WAL), a second writer waits its turn instead of failing at once (the busy
    # timeout), and a transaction takes the write lock when it starts (IMMEDIATE), since a
    # read lock cannot be upgraded once another writer holds the file.
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A shared Redis cache when REDIS_URL is set; otherwise each process keeps its own.
# While Redis is down the site serves without it (config.cache); the form's rate limit
# alone refuses to guess (core.spam).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "vsen",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Anonymous visitors' public pages are kept in the cache above for PAGE_CACHE_SECONDS
# (0 turns it off), and shared caches in front (nginx, a CDN) may keep them for
# FRONTEND_CACHE_SECONDS. Any change an editor publishes empties the page cache, and
# frontend_cache purges nginx. Pages with forms or anything personal are never cached
# (pages.page_cache).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
FRONTEND_CACHE_SECONDS = int(os.environ.get("FRONTEND_CACHE_SECONDS", "60"))
# Models that are not pages, snippets or settings but change what a public page shows
# (a story says how many took part in its activity).
PAGE_CACHE_ALSO_CHANGED_BY = ["impact.EngagementActivity", "impact.Invitation"]

# Email is sent by Django tasks so that a mail failure never fails a request.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# django-axes first: it refuses a locked-out sign-in before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Before ModelBackend: member and activity permissions count only in the engagement team.
    "enrolment.permissions.EngagementTeamBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Django's rules, with messages the Welsh catalogue translates (accounts.passwords).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "accounts.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 15}},
    {"NAME": "accounts.passwords.CommonPasswordValidator"},
    {"NAME": "accounts.passwords.NumericPasswordValidator"},
]

# Languages: English at /, Welsh at /cy/, with equal standing.
LANGUAGE_CODE = "en"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = WAGTAILADMIN_PERMITTED_LANGUAGES = [
    ("en", _("English")),
    ("cy", _("Welsh")),
]
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [SITE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/London"
USE_TZ = True
# New Welsh copies start as drafts, so nothing half-translated goes live.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [SITE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "Victim-Survivor Engagement Network"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx"]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Staff sessions live in the database (so they can be ended), expire after 30 minutes
# without a request, when the browser closes, and 8 hours after sign-in whatever happens
# (accounts.middleware.AbsoluteSessionTimeoutMiddleware). Run `manage.py clearsessions` daily.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ABSOLUTE_TIMEOUT_SECONDS = 8 * 60 * 60

# Every admin user signs in with a password and then a code from an authenticator app
# (or a single-use recovery code): the accounts app. Only development turns this off.
STAFF_REQUIRE_2FA = True
# The name the authenticator app shows next to the code.
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME

# Five wrong passwords for one username from one address lock that pair out for
# 30 minutes; another address, or another username, can still sign in.
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # no start-up banner on every manage.py command
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
# The address a sign-in came from. With TRUSTED_PROXY_COUNT = N > 0, the N-th address
# from the right of X-Forwarded-For (each trusted proxy appends one); otherwise REMOTE_ADDR.
# An IPv6 client is counted (and kept) by its /64, which one client holds whole.
AXES_CLIENT_IP_CALLABLE = "core.client_address.counted_address"
TRUSTED_PROXY_COUNT = 0
# Axes keeps the posted form of each failed attempt and logs who tried: mask these in both
# (the password is always masked; the username still has its own column, for the lockout).
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "password", "csrfmiddlewaretoken"]

# A strict policy on public pages: scripts and styles from this site only, no inline
# script or style, and no other host (the forms add reCAPTCHA's through csp_update).
# No nonce, so a kept page is the same bytes for every visitor and a shared cache in
# front may keep it. The Wagtail admin gets a relaxed policy (config.middleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
        "manifest-src": [SELF],
        "report-uri": ["/csp-report"],
    }
}
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, "'unsafe-inline'", "'unsafe-eval'"],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
        "report-uri": ["/csp-report"],
    }
}
CSP_ADMIN_PATH_PREFIXES = ("/admin/",)

# Where quick exit sends someone when the admin has not chosen another site.
DEFAULT_QUICK_EXIT_URL = "https://www.bbc.co.uk/weather"

# The demo app (load_demo_content) is installed only by the dev and test settings; it
# creates demo staff accounts and members only where this is True.
DEMO_ACCOUNTS_ENABLED = False
DEMO_ACCOUNT_PASSWORD = None

# Logs go to standard error: one JSON object a line where LOG_FORMAT is "json" (the
# production default), plain text otherwise. Every handler passes each record through
# config.logging.RedactPersonalData, which blanks emails, phone numbers, postcodes, query
# strings and tokens in addresses that slip into a message or a traceback.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
# Who is emailed about errors: ADMINS="Name <email>, Other <email>" (nobody by default).
# Reports hide every form value, cookie, query string and local variable (config.errors).
ADMINS = [
    (name, address)
    for name, address in getaddresses([os.environ.get("ADMINS", "")])
    if "@" in address
]
DEFAULT_EXCEPTION_REPORTER = "config.errors.ScrubbedExceptionReporter"
DEFAULT_EXCEPTION_REPORTER_FILTER = "config.errors.ScrubbingExceptionReporterFilter"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "config.logging.RedactPersonalData"}},
    "formatters": {"configured": {"()": "config.logging.configured_formatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "configured",
            "filters": ["redact"],
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "include_html": False,
            "reporter_class": "config.errors.ScrubbedExceptionReporter",
            "filters": ["redact"],
        },
    },
    "root": {"handlers": ["console", "mail_admins"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's defaults give these their own, unfiltered handlers: replace them, so
        # everything reaches the two handlers above through the root.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": [], "level": "INFO", "propagate": True},
        # Request lines can carry query strings; keep them out of the logs.
        "django.request": {"level": "ERROR"},
        "django_tasks": {"level": "WARNING"},
    },
}

# Encryption at rest for members' personal identifiers (core.crypto). Newest key
# first; older keys stay until `manage.py rotate_encryption_keys` has run. These are NOT
# derived from SECRET_KEY, and never stored in the database.
FIELD_ENCRYPTION_KEYS = [
    key.strip() for key in os.environ.get("FIELD_ENCRYPTION_KEYS", "").split(",") if key.strip()
]
# Key for the HMAC blind indexes that find members by exact email or phone.
FIELD_BLIND_INDEX_KEY = os.environ.get("FIELD_BLIND_INDEX_KEY", "")

# Days a member's signed withdrawal link keeps working (enrolment.withdrawal).
WITHDRAWAL_LINK_MAX_AGE_DAYS = 30

# The self-referral form's spam defence (core.spam). reCAPTCHA (v2 checkbox) is used
# only when both keys are set; the form works without it.
RECAPTCHA_PUBLIC_KEY = os.environ.get("RECAPTCHA_PUBLIC_KEY", "")
RECAPTCHA_PRIVATE_KEY = os.environ.get("RECAPTCHA_PRIVATE_KEY", "")
# A form sent sooner than this after it was shown, or later, is sent back to be checked
# and sent again (with everything typed kept).
# Lowered (to 0) only for load tests, by deploy/bench.py through the environment.
ENROLMENT_MIN_SECONDS = int(os.environ.get("ENROLMENT_MIN_SECONDS", "3"))
ENROLMENT_MAX_SECONDS = 2 * 60 * 60
# Submissions allowed per client (a keyed hash of its address, or of its /64 for IPv6; see
# TRUSTED_PROXY_COUNT) per window of ENROLMENT_RATE_WINDOW seconds, counted on the cache.
# Raised only for load tests (deploy/bench.py), through the environment.
ENROLMENT_RATE_LIMIT = int(os.environ.get("ENROLMENT_RATE_LIMIT", "5"))
ENROLMENT_RATE_WINDOW = 60 * 60
# Password reset requests allowed per client and per address typed, per window of
# PASSWORD_RESET_RATE_WINDOW seconds (accounts.password_reset). Over either, nothing is
# sent, and the answer is the same as ever.
PASSWORD_RESET_RATE_LIMIT_PER_CLIENT = 10
PASSWORD_RESET_RATE_LIMIT_PER_ADDRESS = 3
PASSWORD_RESET_RATE_WINDOW = 60 * 60
CSRF_FAILURE_VIEW = "pages.views.csrf_failure"
