"""Security headers, staff MFA, logging and error reports; secure by default."""

from common.hosts import HostList

from .environment import DEBUG, SITE_URL, env

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
# Behind a TLS proxy, each network's host name is a trusted origin too.
CSRF_TRUSTED_ORIGINS = HostList(
    env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[SITE_URL] if _HTTPS else []),
    shape=lambda host: [f"https://{host}"] if _HTTPS else [],
)
# Networks whose host names share a parent domain (".urbact.example") may share the sign-in.
SESSION_COOKIE_DOMAIN = env.str("DJANGO_SESSION_COOKIE_DOMAIN", default="") or None
CSRF_COOKIE_DOMAIN = SESSION_COOKIE_DOMAIN
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

# Staff accounts must use a second factor (operations.middleware.StaffMFARequiredMiddleware);
# this adapter stops them from removing it again.
MFA_ADAPTER = "operations.mfa.MFAAdapter"
# Key for the authenticator secrets stored in the database; defaults to one derived from
# DJANGO_SECRET_KEY. Set it on its own to rotate DJANGO_SECRET_KEY without re-enrolling staff.
MFA_ENCRYPTION_KEY = env.str("MFA_ENCRYPTION_KEY", default="")
MFA_ENCRYPTION_KEY_FALLBACKS = env.list("MFA_ENCRYPTION_KEY_FALLBACKS", default=[])

# --- Logging and error reporting -----------------------------------------------------------------
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

# --- Privacy -------------------------------------------------------------------------------------

# Shown on the privacy page as the address for questions about personal data.
PRIVACY_CONTACT_EMAIL = env.str("PRIVACY_CONTACT_EMAIL", default="")
