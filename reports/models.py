"""Reporting periods of a network and the progress report each city writes for a period."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from simple_history.models import HistoricalRecords

from common.dates import Day, say
from common.locking import Versioned


class ReportingPeriod(models.Model):
    """A stretch of the network's life that every partner city reports on by a due date."""

    network = models.ForeignKey(
        "cities.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="reporting_periods",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    due_date = models.DateField(_("due date"), help_text=_("When the cities' reports are due."))
    is_demo = models.BooleanField(
        _("demo content"),
        default=False,
        help_text=_("Sample data for trying the portal out, not the programme's real periods."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["network", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "number"], name="reporting_period_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="reporting_period_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(due_date__gte=F("start_date")), name="reporting_period_due_after_start"
            ),
        ]

    def __str__(self) -> str:
        return str(_("Period %(number)s") % {"number": self.number})

    def overlapping(self):
        """Other periods of the same network that share at least one day with this one."""
        return ReportingPeriod.objects.filter(
            network_id=self.network_id,
            start_date__lte=self.end_date,
            end_date__gte=self.start_date,
        ).exclude(pk=self.pk)

    def clean(self) -> None:
        if not (self.start_date and self.end_date):
            return
        if self.end_date < self.start_date:
            raise ValidationError({"end_date": _("A period cannot end before it starts.")})
        if self.due_date and self.due_date < self.start_date:
            raise ValidationError(
                {"due_date": _("The reports cannot be due before the period starts.")}
            )
        if self.network_id:
            network = self.network
            if self.start_date < network.start_date or self.end_date > network.end_date:
                raise ValidationError(
                    say(
                        pgettext(
                            "validation",
                            # xgettext:no-python-brace-format
                            "A period must fall within the network's dates, from {start} to {end}.",
                        ),
                        start=Day(network.start_date),
                        end=Day(network.end_date),
                    )
                )
            clash = self.overlapping().order_by("start_date").first()
            if clash is not None:
                raise ValidationError(
                    say(
                        pgettext(
                            "validation",
                            # xgettext:no-python-brace-format
                            "The dates overlap period {number} (from {start} to {end}).",
                        ),
                        number=clash.number,
                        start=Day(clash.start_date),
                        end=Day(clash.end_date),
                    )
                )


class CityReport(Versioned):
    """What one city did in one period: facts pre-filled from the portal, text by its coordinator.

    While a draft (or reopened) the facts are read live; submitting freezes them, with the text,
    in ``snapshot``, so that later edits of steps or files never change what was reported.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        REOPENED = "reopened", _("Reopened")
        ACCEPTED = "accepted", _("Accepted")

    #: The states in which the city's coordinators may change the report.
    EDITABLE = frozenset({Status.DRAFT, Status.REOPENED})

    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        on_delete=models.PROTECT,
        related_name="city_reports",
    )
    city = models.ForeignKey(
        "cities.City", verbose_name=_("city"), on_delete=models.CASCADE, related_name="reports"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    achievements = models.TextField(_("what was done"), blank=True)
    difficulties = models.TextField(_("difficulties"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    language = models.CharField(
        _("language of the text"), max_length=8, blank=True, choices=settings.LANGUAGES
    )
    snapshot = models.JSONField(_("submitted content"), null=True, blank=True, editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["snapshot", "updated_at"])

    class Meta:
        verbose_name = _("city report")
        verbose_name_plural = _("city reports")
        ordering = ["period", "city__order"]
        constraints = [
            models.UniqueConstraint(fields=["period", "city"], name="city_report_once_per_period"),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "reopened"]) | Q(snapshot__isnull=False),
                name="city_report_submitted_has_snapshot",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.city} · {self.period}"

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE


class ReportTransition(models.Model):
    """One change of a report's state: who, when, and what they said."""

    report = models.ForeignKey(
        CityReport,
        verbose_name=_("city report"),
        on_delete=models.CASCADE,
        related_name="transitions",
    )
    from_status = models.CharField(
        _("from"), max_length=16, choices=CityReport.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=16, choices=CityReport.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comment = models.TextField(_("comment"), blank=True, max_length=5000)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("change of state")
        verbose_name_plural = _("changes of state")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.report} → {self.get_to_status_display()}"
