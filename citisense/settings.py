"""Django settings, read from the environment only (see README, "Configuration").

OS variables win; a ``.env`` file is read only when ``DJANGO_READ_DOT_ENV_FILE`` is set.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if env.bool("DJANGO_READ_DOT_ENV_FILE", default=False):
    env.read_env(str(BASE_DIR / ".env"), overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random value, "
            "or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# --- Applications -----------------------------------------------------------------------------

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
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
    "accounts",
    "cities",
    "practices",
    "meetings",
    "news",
    "portal",
    "notifications",
    "workspace",  # issue 4: the coordinators' workspace
    "ulg",  # each city's URBACT Local Group: register, attendance, outcomes
    "indicators",
    "outputs",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
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
                "portal.context_processors.site",
            ],
        },
    },
]

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

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="citisense"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

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

# --- Accounts: invitations and allauth (issue 4) -----------------------------------------------
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
LANGUAGES = [("el", _("Greek")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Athens"
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "el"
MODELTRANSLATION_LANGUAGES = ("el", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("el", "en"), "el": ("en",), "en": ("el",)}
# The tabbed admin would load jQuery UI from a CDN; the project vendors it instead.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"
# Public site (issue 3): long dates with month names per language ("3 Οκτωβρίου 2024").
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
    "default": {"BACKEND": "citisense.uploads.MediaStorage"},
    "private": {"BACKEND": "citisense.uploads.PrivateMediaStorage"},
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

# --- Email ------------------------------------------------------------------------------------

_email = env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
# django-environ drops the leading "/" of filemail:///abs/path; keep the documented absolute path.
if _email.get("EMAIL_FILE_PATH") and env.str("EMAIL_URL", default="").startswith("filemail:///"):
    _email["EMAIL_FILE_PATH"] = "/" + _email["EMAIL_FILE_PATH"]
vars().update(_email)
# The outbox records the moment a message is handed to SMTP (notifications/smtp.py).
if _email.get("EMAIL_BACKEND") == "django.core.mail.backends.smtp.EmailBackend":
    EMAIL_BACKEND = "notifications.smtp.EmailBackend"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="CITISENSE <noreply@citisense.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery -----------------------------------------------------------------------------------

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# Lets two deployments (or a test run) share one Redis database without taking each other's tasks.
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")
# Every job may run more than once (two beat processes, a manual `send_reminders`): each email is
# recorded under a unique key before it is sent, so nothing is sent twice.
CELERY_BEAT_SCHEDULE = {
    "meeting-reminders": {
        "task": "notifications.tasks.send_meeting_reminders",
        "schedule": crontab(minute="*/15"),
    },
    "daily-digests": {
        "task": "notifications.tasks.send_daily_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    "weekly-digests": {
        "task": "notifications.tasks.send_weekly_digests",
        "schedule": crontab(hour=7, minute=30, day_of_week="mon"),
    },
    "meeting-closeout-reminders": {
        "task": "notifications.tasks.send_closeout_reminders",
        "schedule": crontab(hour=8, minute=0),
    },
    "report-reminders": {
        "task": "reports.tasks.send_report_reminders",
        "schedule": crontab(hour=7, minute=15),
    },
    "stalled-emails": {
        "task": "notifications.tasks.dispatch_stalled_emails",
        "schedule": crontab(minute="*/5"),
    },
}

# --- Notifications (reminders, digests, the email outbox) ------------------------------------

#: Meeting reminders go this many days before the start (to invitees who have not declined).
MEETING_REMINDER_OFFSETS_DAYS = env.list("MEETING_REMINDER_OFFSETS_DAYS", cast=int, default=[7, 1])
#: The organiser is reminded to record attendance and outcomes this many days after a meeting;
#: meetings that ended longer ago than the window are left alone.
CLOSEOUT_REMINDER_DAYS = env.int("CLOSEOUT_REMINDER_DAYS", default=3)
CLOSEOUT_REMINDER_WINDOW_DAYS = env.int("CLOSEOUT_REMINDER_WINDOW_DAYS", default=14)
#: Coordinators whose progress report is not submitted hear this many days before it is due.
REPORT_REMINDER_OFFSETS_DAYS = env.list("REPORT_REMINDER_OFFSETS_DAYS", cast=int, default=[7, 1])
#: Where the PDF reports' font (DejaVu, Debian's fonts-dejavu-core: Greek and Latin) is read from.
REPORTS_FONT_DIR = Path(env.str("REPORTS_FONT_DIR", default="/usr/share/fonts/truetype/dejavu"))
#: The daily digest lists what is overdue or due within this many days.
DIGEST_DUE_WITHIN_DAYS = env.int("DIGEST_DUE_WITHIN_DAYS", default=7)
#: A failing email is tried this many times in all, with exponential backoff, then marked failed.
NOTIFICATIONS_MAX_ATTEMPTS = env.int("NOTIFICATIONS_MAX_ATTEMPTS", default=6)
NOTIFICATIONS_RETRY_BACKOFF_SECONDS = env.int("NOTIFICATIONS_RETRY_BACKOFF_SECONDS", default=60)
#: A send still "sending" this long after it began lost its worker before handing the message to
#: SMTP, and is sent again. Longer than any SMTP conversation up to DATA (a few EMAIL_TIMEOUTs).
NOTIFICATIONS_STALLED_AFTER_SECONDS = env.int("NOTIFICATIONS_STALLED_AFTER_SECONDS", default=300)
# A hung SMTP server must fail (and be retried), not hold a worker for ever.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)

# --- Security (issue 7: production readiness) -------------------------------------------------
# Everything below is secure by default; the HTTPS-only parts follow SITE_URL, so a local
# `docker compose up` on http://localhost still works while an https deployment gets them all.

INSTALLED_APPS += ["operations", "privacy"]

_HTTPS = SITE_URL.startswith("https://")
# The reverse proxy terminates TLS and says so in X-Forwarded-Proto; it must overwrite that
# header from clients, or anyone could claim HTTPS.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=_HTTPS and not DEBUG)
# Load balancers probe /healthz over plain HTTP from inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31_536_000 if _HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = env.bool("DJANGO_SESSION_COOKIE_SECURE", default=_HTTPS)
CSRF_COOKIE_SECURE = env.bool("DJANGO_CSRF_COOKIE_SECURE", default=_HTTPS)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[SITE_URL] if _HTTPS else [])
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Features the portal never uses are switched off for it and for anything it could embed.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": [],
    "fullscreen": ["self"],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": [],
    "publickey-credentials-get": ["self"],
    "screen-wake-lock": [],
    "usb": [],
    "xr-spatial-tracking": [],
}

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Ordered by what each one needs: the health check answers before host validation, sessions
# and the per-request transaction; the MFA gate needs the signed-in user.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "operations.middleware.PermissionsPolicyMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("operations.middleware.PermissionsPolicyMiddleware") + 1,
    "operations.middleware.HealthCheckMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("allauth.account.middleware.AccountMiddleware") + 1,
    "operations.middleware.StaffMFARequiredMiddleware",
)

# Staff accounts must use a second factor (operations.middleware.StaffMFARequiredMiddleware);
# this adapter stops them from removing it again.
MFA_ADAPTER = "operations.mfa.MFAAdapter"
# Key for the authenticator secrets stored in the database; defaults to one derived from
# DJANGO_SECRET_KEY. Set it on its own to rotate DJANGO_SECRET_KEY without re-enrolling staff.
MFA_ENCRYPTION_KEY = env.str("MFA_ENCRYPTION_KEY", default="")
MFA_ENCRYPTION_KEY_FALLBACKS = env.list("MFA_ENCRYPTION_KEY_FALLBACKS", default=[])

# A Redis outage must not turn pages into errors: the cache degrades to "nothing cached".
if REDIS_URL:
    CACHES["default"]["BACKEND"] = "operations.cache.ResilientRedisCache"
    CACHES["default"]["OPTIONS"] = {"socket_connect_timeout": 1, "socket_timeout": 1}
# ...except for the security counters: allauth's sign-in rate limits and the authenticator codes
# already used live in a database table (created by the operations migrations), so they keep
# working, and keep their counts, while Redis is unreachable (operations/cache.py).
CACHES["security"] = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "operations_security_cache",
    "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="citisense"),
    "OPTIONS": {"MAX_ENTRIES": 100_000},
}
SECURITY_CACHE_ALIAS = "security"
SECURITY_CACHE_KEY_PREFIXES = ("allauth:rl:", "allauth.mfa.totp.used")

# --- Logging and error reporting (issue 7) ----------------------------------------------------
# One JSON object per line in production, so a log collector can index every field.

LOG_FORMAT = env.str("DJANGO_LOG_FORMAT", default="text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        # ISO 8601 in UTC, the same in every process whatever its time zone.
        "json": {"()": "operations.logging.JsonLineFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
}

# --- Performance: public page cache and benchmark (issue 8) -----------------------------------

INSTALLED_APPS += ["caching", "bench"]
# After the messages middleware, so a hit still passes every security header middleware.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "caching.middleware.PublicPageCacheMiddleware",
)
if REDIS_URL:
    # The resilient Redis cache above, reusing one client per pool (see caching/backends.py).
    CACHES["default"]["BACKEND"] = "caching.backends.RedisCache"
PAGE_CACHE_ENABLED = env.bool("DJANGO_PAGE_CACHE", default=True)
PAGE_CACHE_SECONDS = env.int("DJANGO_PAGE_CACHE_SECONDS", default=600)
# {% cachecontent %} fragments of public pages, for signed-in visitors too (same invalidation).
FRAGMENT_CACHE_ENABLED = env.bool("DJANGO_FRAGMENT_CACHE", default=True)
# Public pages served to anonymous visitors from the cache (URL names).
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
# /bench/floor/: a constant page, the framework's floor in `make bench`; 404 unless switched on.
BENCH_FLOOR_VIEW = env.bool("BENCH_FLOOR_VIEW", default=False)
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
        # Personal data (emails, IP addresses, cookies) stays out of error reports.
        send_default_pii=False,
    )

# --- Privacy (issue 7) ------------------------------------------------------------------------

# Shown on the privacy page as the address for questions about personal data.
PRIVACY_CONTACT_EMAIL = env.str("PRIVACY_CONTACT_EMAIL", default="")

# --- Open meetings: registration without an account ------------------------------------------

INSTALLED_APPS += ["registrations"]
#: Registrants' names, emails and answers are deleted this many days after the meeting ends.
REGISTRATION_RETENTION_DAYS = env.int("REGISTRATION_RETENTION_DAYS", default=30)
#: The emailed confirmation link works this long; unconfirmed registrations are then deleted.
REGISTRATION_CONFIRM_HOURS = env.int("REGISTRATION_CONFIRM_HOURS", default=48)
#: Registration attempts allowed per hour from one network address, and for one email address.
REGISTRATION_LIMIT_PER_IP = env.int("REGISTRATION_LIMIT_PER_IP", default=20)
REGISTRATION_LIMIT_PER_EMAIL = env.int("REGISTRATION_LIMIT_PER_EMAIL", default=5)
#: Behind this many reverse proxies that append to X-Forwarded-For, the visitor's address is
#: that many entries from the end; 0 trusts only the connection's own address.
REGISTRATION_TRUSTED_PROXIES = env.int("REGISTRATION_TRUSTED_PROXIES", default=0)
CELERY_BEAT_SCHEDULE["registration-retention"] = {
    "task": "registrations.tasks.purge_registrations",
    "schedule": crontab(hour=3, minute=30),
}
