"""Django settings, read from the environment only (see README, "Configuration").

OS variables win; a ``.env`` file is read only when ``DJANGO_READ_DOT_ENV_FILE`` is set.
"""

from pathlib import Path

import django
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from common.hosts import HostList

from .environment import (
    BASE_DIR,
    BENCH_FLOOR_VIEW,
    DEBUG,
    REDIS_URL,
    SITE_URL,
    env,
)

if not env.str("DJANGO_SECRET_KEY", default="") and not DEBUG:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set. Set it to a long random value, "
        "or set DJANGO_DEBUG=1 for local development."
    )
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="") or "django-insecure-local-development-only"

# The configured host names, then every network's (``cities.hosts.NetworkHost``), so that a
# network added in the admin answers on its own host name without a restart.
ALLOWED_HOSTS = HostList(
    env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
)
#: The network (slug) that serves a host no network claims; empty: such requests get 400.
#: When it names no network, the one that started most recently serves them.
DEFAULT_NETWORK = env.str("DEFAULT_NETWORK", default="citisense")

# --- Applications -----------------------------------------------------------------------------

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    "operations.admin_site.PortalAdminConfig",  # django.contrib.admin, scoped per network
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_filters",
    "django_countries",
    "simple_history",
    "csp",
    "common",
    "accounts",
    "cities",
    "practices",
    "meetings",
    "news",
    "portal",
    "notifications",
    "workspace",
    "ulg",
    "indicators",
    "outputs",
    "registrations",
    "reports",
    "operations",
    "privacy",
    "caching",
    "archive",
    "networks",
    *(["bench"] if BENCH_FLOOR_VIEW else []),
]

# Ordered by what each one needs: the health check answers before host validation, sessions and
# the per-request transaction; the page cache comes after the messages middleware, so a hit
# still passes every security header middleware; the MFA gate needs the signed-in user.
# Django's CSRF middleware, subclassed only to read CSRF_TRUSTED_ORIGINS (which follow the
# networks' host names) on each check; Django's deploy check looks for its exact path.
SILENCED_SYSTEM_CHECKS = ["security.W003"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "operations.middleware.PermissionsPolicyMiddleware",
    "operations.middleware.HealthCheckMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "common.requests.NetworkMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "common.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "caching.middleware.PublicPageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "operations.middleware.StaffMFARequiredMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "archive.middleware.ClosedNetworkAdminMiddleware",
]

ROOT_URLCONF = "citisense.urls"
WSGI_APPLICATION = "citisense.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The project's templates come first so that allauth and admin overrides win.
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "common.context_processors.site",
            ],
        },
    },
    {
        # Long lists of rows and form widgets (common/jinja.py), in each app's jinja2/ folder.
        "NAME": "jinja2",
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [Path(django.__file__).parent / "forms" / "jinja2"],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "common.jinja.environment"},
    },
]
FORM_RENDERER = "common.jinja.FormRenderer"

# --- Data -------------------------------------------------------------------------------------

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'citisense.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    if env.bool("DJANGO_DB_PREPARED_STATEMENTS", default=True):
        # Pages run the same few dozen queries on every request: bound on the server, psycopg
        # prepares each one a connection has run a few times, and PostgreSQL stops parsing and
        # planning it anew (planning a list query's joins costs more than running it). Turn off
        # behind a transaction-mode connection pooler that cannot keep prepared statements.
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            server_side_binding=True,
            prepare_threshold=env.int("DJANGO_DB_PREPARE_THRESHOLD", default=5),
        )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache -------------------------------------------------------------------------------------

# Redis whenever REDIS_URL is set (shared by every worker: page cache, login rate limits); an
# outage degrades to "nothing cached" (operations/cache.py). Local memory otherwise, for one
# process only (`manage.py check --deploy` warns).
_REDIS_CACHE = {
    "BACKEND": "operations.cache.ResilientRedisCache",
    "LOCATION": REDIS_URL,
    "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="citisense"),
    "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
}
CACHES = {
    "default": _REDIS_CACHE
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # The security counters (allauth's sign-in rate limits, authenticator codes already used)
    # live in a database table, so they keep working and keep their counts while Redis is
    # unreachable (operations/cache.py routes their keys here; the table is a migration).
    "security": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "operations_security_cache",
        "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="citisense"),
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
}
SECURITY_CACHE_ALIAS = "security"
SECURITY_CACHE_KEY_PREFIXES = ("allauth:rl:", "allauth.mfa.totp.used")

# Anonymous visitors' public pages, one entry per page and language, checked against the
# content version that every save of content replaces (caching/versioning.py).
PAGE_CACHE_ENABLED = env.bool("DJANGO_PAGE_CACHE", default=True)
PAGE_CACHE_SECONDS = env.int("DJANGO_PAGE_CACHE_SECONDS", default=600)
PAGE_CACHE_VIEWS = frozenset(
    {
        "portal:home",
        "portal:progress",
        "portal:progress_csv",
        "portal:progress_json",
        "portal:search",
        "news:list",
        "news:detail",
        "news:feed",
        "practices:list",
        "practices:detail",
        "cities:list",
        "cities:detail",
        "meetings:list",
        "meetings:detail",
        "meetings:feed",
        "meetings:ics",
        "network:about",
        "outputs:list",
        "outputs:results",
        "indicators:csv",
        "indicators:json",
    }
)
# Apps whose every save, delete or relation change empties the page cache.
PAGE_CACHE_CONTENT_APPS = (
    "accounts",
    "cities",
    "practices",
    "meetings",
    "news",
    "sites",
    "ulg",
    "indicators",
    "outputs",
)


# --- Accounts ---------------------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[CITISENSE] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "CITISENSE"

# --- Accounts: invitations and allauth's limits --------------------------------------------
# allauth's rate limits, spelled out so that nobody switches them off by accident; the counts
# live in the cache, which is Redis whenever REDIS_URL is set (shared by every worker).
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "login": "30/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
# Sign-up is closed, so an email about an unknown address would only point at a dead end.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# How long the set-password link in an invitation works.
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=7)

# --- Internationalisation ---------------------------------------------------------------------

LANGUAGE_CODE = "el"
# Greek and English, the network's working pair, then the partner cities' own languages.
LANGUAGES = [
    ("el", _("Greek")),
    ("en", _("English")),
    ("it", _("Italian")),
    ("lv", _("Latvian")),
    ("hu", _("Hungarian")),
    ("nl", _("Dutch")),
    ("es", _("Spanish")),
    ("ca", _("Catalan")),
]
#: Every translated content field needs these two; the others are added where someone wrote them.
REQUIRED_CONTENT_LANGUAGES = ("el", "en")
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
# The network's dates and the reminders' schedule are Athens time (Celery's beat reads its own).
TIME_ZONE = "Europe/Athens"
CELERY_TIMEZONE = TIME_ZONE

MODELTRANSLATION_DEFAULT_LANGUAGE = "el"
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
# A text nobody wrote in the visitor's language shows in English, then in Greek.
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "el"), "el": ("en",), "en": ("el",)}
# The tabbed admin would load jQuery UI from a CDN; the project vendors it instead.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"
# Long dates with month names per language ("3 Οκτωβρίου 2024").
FORMAT_MODULE_PATH = ["portal.formats"]

# --- Static and media -------------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
# Evidence, deliverables and minutes live outside MEDIA_ROOT:
# only views that check permission serve them.
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "var" / "private")))
STORAGES = {
    "default": {"BACKEND": "common.uploads.MediaStorage"},
    "private": {"BACKEND": "common.uploads.PrivateMediaStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FORMS_URLFIELD_ASSUME_HTTPS = True
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
MAX_UPLOAD_SIZE = 10 * 1024 * 1024

from .settings_security import *  # noqa: E402, F403
from .settings_services import *  # noqa: E402, F403
