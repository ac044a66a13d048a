"""Registration for open meetings by people without an account: settings, questions, registrants.

A registration is *pending* until its email address is confirmed; only then does it take a
place (*confirmed*) or, when the places are taken, join the waiting list (*waiting*) in the
order of confirmation. Places are counted under a row lock on the meeting's settings, so two
confirmations or cancellations at the same moment are served one after the other.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.models import NetworkClosure
from common.portal_translation import PortalTranslated


class RegistrationSettings(models.Model):
    class Window(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        NOT_YET = "not_yet", _("Not open yet")
        OVER = "over", _("Closed for good")

    meeting = models.OneToOneField(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="registration_settings",
    )
    is_open = models.BooleanField(
        _("registration open"),
        default=False,
        help_text=_("Visitors may register between the opening and closing times."),
    )
    opens_at = models.DateTimeField(
        _("opens at"), null=True, blank=True, help_text=_("Empty: as soon as it is open.")
    )
    closes_at = models.DateTimeField(
        _("closes at"), null=True, blank=True, help_text=_("Empty: when the meeting starts.")
    )
    places = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty for unlimited places.")
    )
    ask_organisation = models.BooleanField(_("ask for the organisation"), default=False)
    # Once the personal data is removed after the meeting, only these counts remain.
    purged_at = models.DateTimeField(
        _("personal data removed at"), null=True, blank=True, editable=False
    )
    kept_registered = models.PositiveIntegerField(_("registered"), default=0, editable=False)
    kept_waiting = models.PositiveIntegerField(_("waiting"), default=0, editable=False)
    kept_checked_in = models.PositiveIntegerField(_("checked in"), default=0, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("registration settings")
        verbose_name_plural = _("registration settings")

    def __str__(self) -> str:
        return str(self.meeting)

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("Registration must close after it opens.")})
        if self.places == 0:
            raise ValidationError(
                {"places": _("Give at least one place, or leave empty for unlimited.")}
            )

    @property
    def closing_time(self):
        return self.closes_at or self.meeting.start

    def _network_closed(self) -> bool:
        """A closed network accepts no registration."""
        return NetworkClosure.objects.in_force().filter(network_id=self.meeting.network_id).exists()

    def window(self, now=None) -> str:
        now = now or timezone.now()
        meeting = self.meeting
        if meeting.is_cancelled or self.purged_at or now >= meeting.end:
            return self.Window.OVER
        if not self.is_open or self._network_closed():
            return self.Window.CLOSED
        if self.opens_at and now < self.opens_at:
            return self.Window.NOT_YET
        if now >= self.closing_time:
            return self.Window.OVER
        return self.Window.OPEN


class Question(PortalTranslated):
    class Kind(models.TextChoices):
        SHORT_TEXT = "text", _("Short text")
        CHOICE = "choice", _("Choice")

    registration_settings = models.ForeignKey(
        RegistrationSettings,
        verbose_name=_("registration settings"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.SHORT_TEXT)
    label = models.CharField(_("question"), max_length=200)
    choices = models.TextField(
        _("options"), blank=True, help_text=_("For a choice: one option per line.")
    )
    required = models.BooleanField(_("answer required"), default=False)

    class Meta:
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")
        ordering = ["registration_settings", "order", "id"]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        if self.kind == self.Kind.CHOICE and len(self.options()) < 2:
            # Not tied to one column: the options are written once per language.
            raise ValidationError(_("A choice needs at least two options."))

    def options(self) -> list[str]:
        """The options in the active language, one a line."""
        return [line.strip() for line in (self.choices or "").splitlines() if line.strip()]


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=Registration.ACTIVE)

    def waiting_in_order(self):
        return self.filter(status=Registration.Status.WAITING).order_by("confirmed_at", "id")


class Registration(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Email not confirmed yet")
        CONFIRMED = "confirmed", _("Place confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    #: A registration holding (or waiting for) a place, or about to: one per email and meeting.
    ACTIVE = (Status.PENDING, Status.CONFIRMED, Status.WAITING)

    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    # The address lower-cased: "Maria@X.gr" and "maria@x.gr" are one person.
    email_key = models.CharField(_("email (compared)"), max_length=254, editable=False)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=8)
    check_in_code = models.CharField(_("check-in code"), max_length=8, editable=False)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("email confirmed at"), null=True, blank=True)
    place_since = models.DateTimeField(_("place held since"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmation_requests = models.PositiveSmallIntegerField(
        _("confirmation emails"), default=1, editable=False
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["meeting", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "email_key"],
                condition=Q(status__in=["pending", "confirmed", "waiting"]),
                name="registration_one_per_email",
            ),
            models.UniqueConstraint(
                fields=["meeting", "check_in_code"], name="registration_code_unique"
            ),
            models.CheckConstraint(
                condition=Q(checked_in_at__isnull=True) | Q(status="confirmed"),
                name="registration_checked_in_has_place",
            ),
        ]
        indexes = [
            models.Index(fields=["meeting", "status", "confirmed_at"], name="registration_queue"),
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.meeting}"

    @property
    def object_key(self) -> str:
        """How the outbox names this registration's emails."""
        return f"registration:{self.pk}"

    @property
    def has_place(self) -> bool:
        return self.status == self.Status.CONFIRMED
