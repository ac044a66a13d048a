"""Writes to networks: lead staff set when final reporting closes."""

from datetime import date

from django.db import transaction

from .models import Network
from .permissions import require_lead_staff


@transaction.atomic
def set_closing_date(*, network: Network, user, closing_date: date | None) -> Network:
    """``None`` goes back to the default (90 days after the end)."""
    require_lead_staff(user)
    network = Network.objects.select_for_update().get(pk=network.pk)
    network.closing_date = closing_date
    network.full_clean()
    network.save(update_fields=["closing_date"])
    return network
