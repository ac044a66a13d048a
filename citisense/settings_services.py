"""Email, Celery and the reminders: how the portal talks to the outside world."""

from pathlib import Path

from celery.schedules import crontab

from .environment import DEBUG, REDIS_URL, TIME_ZONE, env

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
# recorded under a unique key before it is sent, so nothing is sent twice. The email jobs are
# registered with the outbox by the apps that own them (notifications/registry.py) and run by name.
CELERY_BEAT_SCHEDULE = {
    "meeting-reminders": {
        "task": "notifications.tasks.run_job",
        "args": ["meeting reminders"],
        "schedule": crontab(minute="*/15"),
    },
    "daily-digests": {
        "task": "notifications.tasks.run_job",
        "args": ["daily digests"],
        "schedule": crontab(hour=7, minute=0),
    },
    "weekly-digests": {
        "task": "notifications.tasks.run_job",
        "args": ["weekly digests"],
        "schedule": crontab(hour=7, minute=30, day_of_week="mon"),
    },
    "meeting-closeout-reminders": {
        "task": "notifications.tasks.run_job",
        "args": ["close-out reminders"],
        "schedule": crontab(hour=8, minute=0),
    },
    "report-reminders": {
        "task": "notifications.tasks.run_job",
        "args": ["report reminders"],
        "schedule": crontab(hour=7, minute=15),
    },
    "registration-retention": {
        "task": "registrations.tasks.purge_registrations",
        "schedule": crontab(hour=3, minute=30),
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

# --- Open meetings: registration without an account ------------------------------------------

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
