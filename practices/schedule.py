"""What steps and deliverables share: a status, a due date inside the network's period, and
what "overdue" means while the network runs and after it has ended."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from common.dates import Day, say


class Status(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    BLOCKED = "blocked", _("Blocked")


def validate_within_network(*, due_date, network, field: str = "due_date") -> None:
    if due_date and network and not network.contains(due_date):
        raise ValidationError(
            {
                field: say(
                    pgettext(
                        "validation",
                        # xgettext:no-python-brace-format
                        "The due date must fall within the network period, from {start} to {end}.",
                    ),
                    start=Day(network.start_date),
                    end=Day(network.end_date),
                )
            }
        )


class ProgressQuerySet(models.QuerySet):
    """Shared by steps and deliverables: both have a due date and a status, and belong to a
    network through ``model.NETWORK_LOOKUP``. "Overdue" only means something while the network
    has not ended; afterwards an open item is "not completed when the network ended"."""

    def _network(self, suffix: str) -> str:
        return f"{self.model.NETWORK_LOOKUP}__{suffix}"

    def open(self):
        return self.exclude(status=Status.DONE)

    def overdue(self, *, today=None):
        today = today or timezone.localdate()
        return self.open().filter(due_date__lt=today, **{self._network("end_date__gte"): today})

    def unfinished_at_end(self, *, today=None):
        today = today or timezone.localdate()
        return self.open().filter(**{self._network("end_date__lt"): today})

    def due_within(self, days: int, *, today=None):
        today = today or timezone.localdate()
        return self.open().filter(due_date__gte=today, due_date__lte=today + timedelta(days=days))


class DueDateMixin:
    """Needs ``due_date``, ``status`` and ``network_end_date`` (None when not known)."""

    def _network_ended(self, today) -> bool:
        end = self.network_end_date
        return end is not None and end < today

    @property
    def is_overdue(self) -> bool:
        today = timezone.localdate()
        return bool(
            self.due_date
            and self.status != Status.DONE
            and self.due_date < today
            and not self._network_ended(today)
        )

    @property
    def is_unfinished_at_end(self) -> bool:
        return self.status != Status.DONE and self._network_ended(timezone.localdate())
