"""Writes to networks: lead staff set when final reporting closes."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Network
from .permissions import require_lead_staff


@transaction.atomic
def set_closing_date(*, network: Network, user, closing_date: date | None) -> Network:
    """``None`` goes back to the default (90 days after the end)."""
    # Lead staff of the network; a closed network then says why nothing changes.
    require_lead_staff(user, network=network, even_if_closed=True)
    network = Network.objects.select_for_update().get(pk=network.pk)
    if network.is_closed:
        raise ValidationError(_("The network is closed: nothing of it can be changed."))
    network.closing_date = closing_date
    network.full_clean()
    network.save(update_fields=["closing_date"])
    return network
