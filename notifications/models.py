import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    MEETING_INVITATION = "meeting_invitation", _("Meeting invitation")
    MEETING_CHANGED = "meeting_changed", _("Meeting changed")
    MEETING_CANCELLED = "meeting_cancelled", _("Meeting cancelled")
    MEETING_REMINDER = "meeting_reminder", _("Meeting reminder")
    DAILY_DIGEST = "daily_digest", _("Daily digest of due items")
    WEEKLY_DIGEST = "weekly_digest", _("Weekly network digest")
    MEETING_CLOSEOUT = "meeting_closeout", _("Reminder to record a meeting's outcomes")
    # To people without an account who register for an open meeting (addressed by email only).
    REGISTRATION_CONFIRM = "registration_confirm", _("Registration: confirm your email")
    REGISTRATION_CONFIRMED = "registration_confirmed", _("Registration confirmed")
    REGISTRATION_PROMOTED = "registration_promoted", _("Registration: place from the waiting list")
    REGISTRATION_LINK = "registration_link", _("Registration: link sent again")
    REPORT_TRANSITION = "report_transition", _("Progress report changed state")
    REPORT_REMINDER = "report_reminder", _("Progress report due")
    REPORT_OVERDUE = "report_overdue", _("Progress reports overdue")
    ACCOUNT_INVITATION = "account_invitation", _("Invitation to the workspace")
    MEMBERSHIP_ADDED = "membership_added", _("New role in a city")
    ACCOUNT = "account", _("Sign-in and password")


class NotificationPreferences(models.Model):
    """A person's choices about optional emails, and their personal calendar feed.

    People without a row get the defaults: every optional email on, no calendar feed.
    """

    #: The optional kinds a person may switch off, and the field that holds the choice.
    OPTIONAL_KINDS = {
        Kind.MEETING_REMINDER: "meeting_reminders",
        Kind.DAILY_DIGEST: "daily_digest",
        Kind.WEEKLY_DIGEST: "weekly_digest",
    }

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    meeting_reminders = models.BooleanField(
        _("meeting reminders"),
        default=True,
        help_text=_("Reminders a few days and one day before the meetings you are invited to."),
    )
    daily_digest = models.BooleanField(
        _("daily digest"),
        default=True,
        help_text=_("Every morning, your city's steps and deliverables due soon or overdue."),
    )
    weekly_digest = models.BooleanField(
        _("weekly network digest"),
        default=True,
        help_text=_("Every Monday, progress changes and overdue items in every city."),
    )
    # The secret part of the personal calendar feed address; empty when the feed is off.
    calendar_token = models.CharField(
        _("calendar feed key"), max_length=64, unique=True, null=True, blank=True, editable=False
    )
    calendar_token_created_at = models.DateTimeField(
        _("calendar feed created at"), null=True, blank=True, editable=False
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("notification preferences")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return str(self.user)

    def wants(self, kind: str) -> bool:
        field = self.OPTIONAL_KINDS.get(kind)
        return getattr(self, field) if field else True


def stalled_after() -> dt.timedelta:
    return dt.timedelta(seconds=settings.NOTIFICATIONS_STALLED_AFTER_SECONDS)


class OutboundEmailQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status__in=OutboundEmail.SENDABLE)

    def stalled(self, *, now=None, grace=None):
        """Rows whose send task was lost (e.g. the broker was down when they were queued)."""
        now = now or timezone.now()
        grace = grace or stalled_after()
        return self.filter(
            Q(status=OutboundEmail.Status.QUEUED, created_at__lte=now - grace)
            | Q(status=OutboundEmail.Status.RETRYING, next_attempt_at__lte=now - grace)
        )

    def interrupted(self, *, now=None, grace=None):
        """Rows claimed by a sender that stopped before handing the message to SMTP."""
        now = now or timezone.now()
        grace = grace or stalled_after()
        return self.filter(status=OutboundEmail.Status.SENDING, claimed_at__lte=now - grace)


class OutboundEmail(models.Model):
    """One email to one person, recorded before it is sent so that it is sent at most once.

    The unique key (kind, object, recipient, occasion) is claimed by inserting the row; a send
    task then moves the row from queued to sending (under a row lock) before talking to SMTP, to
    handed over just before the message itself goes to SMTP, and to sent only after SMTP accepted
    it.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        HANDED_OVER = "handed_over", _("Handed to the mail server, outcome unknown")
        SENT = "sent", _("Sent")
        RETRYING = "retrying", _("Awaiting retry")
        FAILED = "failed", _("Failed")

    SENDABLE = (Status.QUEUED, Status.RETRYING)

    # The network whose work the email is about: its links start with that network's address
    # and a closed network queues none (named by string: the outbox imports no domain app).
    network = models.ForeignKey(
        "cities.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="outbound_emails",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    object_key = models.CharField(
        _("about"), max_length=64, blank=True, help_text=_("e.g. meeting:12")
    )
    # Empty for people without an account (e.g. meeting registrants): the address is the key.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="outbound_emails",
    )
    occasion = models.CharField(
        _("occasion"),
        max_length=64,
        blank=True,
        help_text=_("A date, a week or a reminder offset."),
    )
    to_email = models.EmailField(_("sent to"))
    language = models.CharField(_("language"), max_length=8)
    subject = models.TextField(_("subject"))
    body_text = models.TextField(_("plain text"))
    body_html = models.TextField(_("HTML"), blank=True)
    headers = models.JSONField(_("extra headers"), default=dict, blank=True)
    attachment_name = models.CharField(_("attachment name"), max_length=100, blank=True)
    attachment_type = models.CharField(_("attachment type"), max_length=100, blank=True)
    attachment_content = models.TextField(_("attachment"), blank=True)
    erase_after_sending = models.BooleanField(
        _("erased once sent"),
        default=False,
        help_text=_(
            "For emails with a personal link (an invitation, a password reset): once the mail "
            "server has the message, only its subject and address stay here."
        ),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    claimed_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = OutboundEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_key", "recipient", "occasion"],
                name="outbound_email_sent_once",
            ),
            # NULLs never collide in a unique index: emails to an address alone have their own.
            models.UniqueConstraint(
                fields=["kind", "object_key", "to_email", "occasion"],
                condition=Q(recipient__isnull=True),
                name="outbound_email_sent_once_to_address",
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="outbound_email_sent_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "created_at"], name="outbound_email_status"),
            models.Index(fields=["network", "-created_at"], name="outbound_email_network"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.to_email}"
