"""Result indicators: what a network measures, each city's baseline and target, and the
measurements taken over time (with private evidence)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from common.dates import Day, say
from common.portal_translation import PortalTranslated
from common.uploads import RandomUploadName, private_storage


class Indicator(PortalTranslated):
    class Direction(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    class Level(models.TextChoices):
        CITY = "city", _("Each city")
        NETWORK = "network", _("The whole network")

    network = models.ForeignKey(
        "cities.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    slug = models.SlugField(_("slug"), max_length=100)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit"), max_length=50, help_text=_("E.g. %, people, meetings."))
    unit_one = models.CharField(
        _("unit after the number one"),
        max_length=50,
        blank=True,
        help_text=_("Where a count's unit differs after 1: meeting (the unit being meetings)."),
    )
    decimal_places = models.PositiveSmallIntegerField(
        _("decimal places"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(2)],
        help_text=_(
            "How many decimals its values show: 0 for a count, 1 for most percentages. Empty: "
            "the decimals each value has."
        ),
    )
    direction = models.CharField(
        _("direction"), max_length=8, choices=Direction.choices, default=Direction.HIGHER
    )
    level = models.CharField(_("level"), max_length=8, choices=Level.choices, default=Level.CITY)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    source_title = models.CharField(_("source"), max_length=255, blank=True)
    source_url = models.URLField(_("source address"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["network", "order", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["network", "slug"], name="indicator_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def higher_is_better(self) -> bool:
        return self.direction == self.Direction.HIGHER


class Series(models.Model):
    """One indicator for one city (or for the whole network): baseline, target, measurements."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="series"
    )
    city = models.ForeignKey(
        "cities.City",
        verbose_name=_("city"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicator_series",
        help_text=_("Empty for a network-level indicator."),
    )
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    baseline_source = models.CharField(_("baseline source"), max_length=255, blank=True)
    target_value = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    is_demo = models.BooleanField(
        _("demo content"), default=False, help_text=_("Sample values, not reported figures.")
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("indicator of a city")
        verbose_name_plural = _("indicators of cities")
        ordering = ["indicator__order", "city__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "city"], name="series_unique", nulls_distinct=False
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} · {self.city or _('whole network')}"

    def clean(self) -> None:
        errors = {}
        if self.indicator_id and self.city_id:
            if self.city.network_id != self.indicator.network_id:
                errors["city"] = _("The city is not a partner of this indicator's network.")
            elif self.indicator.level == Indicator.Level.NETWORK:
                errors["city"] = _("This indicator is measured for the whole network only.")
        if self.baseline_value is not None and not self.baseline_date:
            errors["baseline_date"] = _("Give the date of the baseline.")
        if self.baseline_value is not None and self.target_value is not None and self.indicator_id:
            better = (
                self.target_value > self.baseline_value
                if self.indicator.higher_is_better
                else self.target_value < self.baseline_value
            )
            if not better:
                errors["target_value"] = (
                    _("For this indicator higher is better: the target must be above the baseline.")
                    if self.indicator.higher_is_better
                    else _(
                        "For this indicator lower is better: the target must be below the baseline."
                    )
                )
        if errors:
            raise ValidationError(errors)


class Measurement(models.Model):
    series = models.ForeignKey(
        Series, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="measurements"
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    measured_on = models.DateField(_("measured on"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    evidence = models.FileField(
        _("evidence"),
        upload_to=RandomUploadName("indicator-evidence"),
        storage=private_storage,
        blank=True,
        max_length=255,
    )
    evidence_name = models.CharField(_("file name"), max_length=255, blank=True)
    evidence_type = models.CharField(_("content type"), max_length=120, blank=True)
    evidence_size = models.PositiveIntegerField(_("size (bytes)"), null=True, blank=True)
    is_demo = models.BooleanField(
        _("demo content"), default=False, help_text=_("A sample value, not a reported figure.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["series", "measured_on", "id"]
        indexes = [models.Index(fields=["series", "measured_on"], name="measurement_by_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(evidence="") | ~Q(evidence_name=""), name="measurement_evidence_named"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.series}: {self.value} ({self.measured_on})"

    def clean(self) -> None:
        if not (self.series_id and self.measured_on):
            return
        network = self.series.indicator.network
        if not network.start_date <= self.measured_on <= network.final_reporting_closes:
            raise ValidationError(
                {
                    "measured_on": say(
                        pgettext(
                            "validation",
                            # xgettext:no-python-brace-format
                            "The date must fall between the start of the network ({start}) and "
                            "the close of final reporting ({closes}).",
                        ),
                        start=Day(network.start_date),
                        closes=Day(network.final_reporting_closes),
                    )
                }
            )
