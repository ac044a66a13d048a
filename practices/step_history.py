"""What a step's historical record keeps beyond the step's own fields (django-simple-history)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class StepHistoryNetwork(models.Model):
    """A step's historical record keeps the step's network: the network's list of changes
    reads its newest records on an index of their own (``step_history_network_newest``)
    instead of walking every other network's newer records first. Set when the record is
    written (``practices.history``); no constraint, as a record outlives what it recorded."""

    network = models.ForeignKey(
        "cities.Network",
        verbose_name=_("network"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )

    class Meta:
        abstract = True


class StepHistoricalRecords(HistoricalRecords):
    """django-simple-history writes the historical model's Meta itself: this one adds the index
    the network's list of changes reads, newest first within a network."""

    def get_meta_options(self, model) -> dict:
        index = models.Index(
            fields=["network", "-history_date", "-history_id"], name="step_history_network_newest"
        )
        return {**super().get_meta_options(model), "indexes": [index]}
