"""A network's closure: the record lead staff write when a finished network is closed.

Each closing is one row; reopening fills in who, when and why on that row, so the table is the
audit of every close and reopen. A network is closed while it has a row not reopened; then it
is read-only for everyone (``cities.selectors.writable_city_ids``/``cities_writable_by``),
sends no email and accepts no registration.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: Apps whose rows are a network's record: nobody changes them, in the admin either, while the
#: network is closed (accounts and invitations are not the record: lead staff still manage them).
RECORD_APPS = frozenset(
    {
        "cities",
        "practices",
        "meetings",
        "news",
        "ulg",
        "indicators",
        "outputs",
        "registrations",
        "reports",
    }
)


class ClosableNetwork:
    """What ``Network`` knows of its closure. Closing (a ``NetworkClosure`` in force) ends every
    write, lead staff's included."""

    @property
    def closure(self):
        """The closure in force, or None (read once per network object)."""
        if not hasattr(self, "_closure_in_force"):
            known_open = getattr(self, "closure_in_force_id", 0) is None
            self._closure_in_force = (
                None if known_open or not self.pk else self.closures.in_force().first()
            )
        return self._closure_in_force

    @property
    def is_closed(self) -> bool:
        return self.closure is not None

    def is_writable_on(self, day: date | None = None, *, lead_staff: bool = False) -> bool:
        """Whether anybody may still change the network's data: nobody once it is closed;
        lead staff until then; coordinators until final reporting closes."""
        if self.is_closed:
            return False
        return lead_staff or self.is_open_for_coordinators_on(day)


class ClosureQuerySet(models.QuerySet):
    def in_force(self):
        return self.filter(reopened_at__isnull=True)


class NetworkClosure(models.Model):
    network = models.ForeignKey(
        "cities.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="closures",
    )
    closed_at = models.DateTimeField(_("closed at"))
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    final_story = models.TextField(
        _("final story"), help_text=_("What the network achieved, shown on the public pages.")
    )
    prizes = models.TextField(_("prizes and mentions"), blank=True)
    follow_up = models.TextField(
        _("follow-up networks"),
        blank=True,
        help_text=_("One per line: the name, a space and the address (https://…)."),
    )
    final_payment_date = models.DateField(
        _("date of the final payment"),
        null=True,
        blank=True,
        help_text=_("The retention period of the outputs counts from this day."),
    )
    reopened_at = models.DateTimeField(_("reopened at"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reopened by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reopen_reason = models.TextField(_("reason for reopening"), blank=True)

    objects = ClosureQuerySet.as_manager()

    class Meta:
        verbose_name = _("network closure")
        verbose_name_plural = _("network closures")
        ordering = ["-closed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["network"],
                condition=Q(reopened_at__isnull=True),
                name="one_closure_in_force_per_network",
            ),
            models.CheckConstraint(
                condition=Q(reopened_at__isnull=True) | ~Q(reopen_reason=""),
                name="closure_reopened_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.network} ({self.closed_at:%Y-%m-%d})"

    @property
    def closed_on(self) -> date:
        """The day it was closed, in the portal's time zone."""
        return timezone.localdate(self.closed_at)

    @property
    def links(self) -> list[tuple[str, str]]:
        """(name, address) of each follow-up network."""
        links = []
        for line in self.follow_up.splitlines():
            name, _space, url = line.strip().rpartition(" ")
            if url:
                links.append((name.strip() or url, url))
        return links

    def clean(self) -> None:
        validate = URLValidator(schemes=["http", "https"])
        for line in self.follow_up.splitlines():
            url = line.strip().rpartition(" ")[2]
            if not url:
                continue
            try:
                validate(url)
            except ValidationError:
                raise ValidationError(
                    {
                        "follow_up": _("“%(line)s” does not end with an address.")
                        % {"line": line.strip()}
                    }
                ) from None


class DocumentKeeping(models.Model):
    """Where one partner keeps its documents, until when, and whom (a role) to ask."""

    closure = models.ForeignKey(
        NetworkClosure,
        verbose_name=_("network closure"),
        on_delete=models.CASCADE,
        related_name="document_keeping",
    )
    city = models.ForeignKey(
        "cities.City", verbose_name=_("city"), on_delete=models.CASCADE, related_name="+"
    )
    place = models.CharField(_("where the documents are kept"), max_length=300)
    kept_until = models.DateField(_("kept until"))
    contact_role = models.CharField(
        _("contact (a role)"),
        max_length=200,
        help_text=_("A role or office, such as “Department of European Programmes”."),
    )

    class Meta:
        verbose_name = _("where documents are kept")
        verbose_name_plural = _("where documents are kept")
        ordering = ["city__order", "city__slug"]
        constraints = [
            models.UniqueConstraint(fields=["closure", "city"], name="one_keeping_per_city"),
        ]

    def __str__(self) -> str:
        return f"{self.city}: {self.place}"

    def clean(self) -> None:
        if "@" in self.contact_role:
            raise ValidationError(
                {"contact_role": _("Give a role or office, not a personal email address.")}
            )
