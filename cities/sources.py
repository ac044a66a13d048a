"""Where each published figure was read: the sources of the network's facts."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class FactSource(models.Model):
    """Where a fact shown on the public site was read: every published figure cites one."""

    class Fact(models.TextChoices):
        PROGRAMME = "programme", _("Programme and type")
        PERIOD = "period", _("Period")
        TOTAL_BUDGET = "total_budget", _("Total budget")
        LEAD_PARTNER = "lead_partner", _("Lead partner")
        PARTNERS = "partners", _("Partners")
        LEAD_EXPERT = "lead_expert", _("Lead expert")
        GOOD_PRACTICE = "good_practice", _("Good practice")
        CITY_BUDGET = "city_budget", _("City budget and co-financing")

    #: Facts about one partner city; the others are about the whole network.
    CITY_FACTS = frozenset({Fact.CITY_BUDGET})

    network = models.ForeignKey(
        "cities.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="sources",
    )
    city = models.ForeignKey(
        "cities.City",
        verbose_name=_("city"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sources",
    )
    fact = models.CharField(_("fact"), max_length=32, choices=Fact.choices)
    title = models.CharField(_("source"), max_length=255)
    url = models.URLField(_("address"), max_length=500, blank=True)
    published_on = models.DateField(_("dated"), null=True, blank=True)
    read_on = models.DateField(_("read on"))

    class Meta:
        verbose_name = _("source of a fact")
        verbose_name_plural = _("sources of facts")
        ordering = ["network", "city__order", "fact", "read_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "city", "fact", "title"],
                name="fact_source_unique",
                nulls_distinct=False,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_fact_display()}: {self.title}"

    def clean(self) -> None:
        if self.fact in self.CITY_FACTS and not self.city_id:
            raise ValidationError({"city": _("Say which city this fact is about.")})
        if self.city_id and self.network_id and self.city.network_id != self.network_id:
            raise ValidationError({"city": _("The city belongs to another network.")})
