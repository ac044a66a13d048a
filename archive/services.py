"""Closing a network and reopening it: lead staff only, each an audited record."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from cities.models import City, DocumentKeeping, Network, NetworkClosure
from cities.permissions import require_lead_staff

from .selectors import missing_for_closure


class ClosureRefused(Exception):
    """The network cannot be closed yet; ``missing`` says what is missing, a sentence each."""

    def __init__(self, missing: list[str]):
        super().__init__("; ".join(missing))
        self.missing = missing


@dataclass(frozen=True)
class Keeping:
    city: City
    place: str
    kept_until: date
    contact_role: str


def _locked(network: Network) -> Network:
    return Network.objects.select_for_update().get(pk=network.pk)


@transaction.atomic
def close_network(
    *,
    network: Network,
    user,
    final_story: dict[str, str],
    prizes: dict[str, str] | None = None,
    follow_up: str = "",
    final_payment_date: date | None = None,
    keeping: list[Keeping] = (),
) -> NetworkClosure:
    """Record the closure; from then on nobody writes to the network. ``final_story`` and
    ``prizes`` map a language code to the text in that language."""
    require_lead_staff(user, network=network, even_if_closed=True)
    network = _locked(network)
    missing = missing_for_closure(network=network)
    if missing:
        raise ClosureRefused(missing)
    closure = NetworkClosure(
        network=network,
        closed_at=timezone.now(),
        closed_by=user,
        follow_up=follow_up.strip(),
        final_payment_date=final_payment_date,
    )
    codes = {code for code, _name in settings.LANGUAGES}
    for field, texts in (("final_story", final_story), ("prizes", prizes or {})):
        for code, text in texts.items():
            if code in codes:
                setattr(closure, build_localized_fieldname(field, code), (text or "").strip())
    closure.full_clean()
    closure.save()
    errors = []
    for row in keeping:
        if row.city.network_id != network.pk:
            raise ValidationError(_("The city belongs to another network."))
        record = DocumentKeeping(
            closure=closure,
            city=row.city,
            place=row.place.strip(),
            kept_until=row.kept_until,
            contact_role=row.contact_role.strip(),
        )
        try:
            record.full_clean()
        except ValidationError as error:
            errors += [f"{row.city.name}: {message}" for message in error.messages]
        else:
            record.save()
    if errors:
        raise ValidationError(errors)
    return closure


@transaction.atomic
def reopen_network(*, network: Network, user, reason: str) -> NetworkClosure:
    """Undo a closure, saying why; the closure row keeps who reopened it, when and why."""
    require_lead_staff(user, network=network, even_if_closed=True)
    network = _locked(network)
    closure = NetworkClosure.objects.in_force().filter(network=network).first()
    if closure is None:
        raise ValidationError(_("The network is not closed."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the network is reopened.")})
    closure.reopened_at = timezone.now()
    closure.reopened_by = user
    closure.reopen_reason = reason.strip()
    closure.full_clean()
    closure.save(update_fields=["reopened_at", "reopened_by", "reopen_reason"])
    return closure
