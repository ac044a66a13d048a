"""Reads for closing a network and for its archive."""

from django.utils import timezone
from django.utils.translation import gettext as _

from cities.models import City, Network, NetworkClosure
from common.dates import date_phrase
from common.uploads import private_storage
from reports.models import CityReport


def closure_history(*, network: Network) -> list[NetworkClosure]:
    """Every close and reopen of the network, newest first, with who did them."""
    return list(
        NetworkClosure.objects.filter(network=network)
        .select_related("closed_by", "reopened_by")
        .prefetch_related("document_keeping__city")
    )


def missing_for_closure(*, network: Network) -> list[str]:
    """What stands between the network and its closure, one sentence each; empty: it may close."""
    missing = []
    if network.is_closed:
        missing.append(_("The network is already closed."))
    # Lead staff may close on the closing day itself (having moved it to today).
    if network.final_reporting_closes > timezone.localdate():
        missing.append(date_phrase("archive:reporting_open", day=network.final_reporting_closes))
    drafts = (
        CityReport.objects.filter(period__network=network, status__in=CityReport.EDITABLE)
        .select_related("city", "period")
        .order_by("period__number", "city__order", "city__slug")
    )
    for report in drafts:
        missing.append(
            _("The report of %(city)s for period %(number)s is still in draft.")
            % {"city": report.city.name, "number": report.period.number}
        )
    return missing


def keeping_cities(*, network: Network) -> list[City]:
    return list(City.objects.filter(network=network).order_by("order", "slug"))


def archive_folder(*, network: Network) -> str:
    """Where the archives built of the network are kept (private storage) for lead staff."""
    return f"archives/{network.slug}"


def latest_archive(*, network: Network) -> str | None:
    """The stored name of the newest archive of the network, or None."""
    storage = private_storage()
    folder = archive_folder(network=network)
    try:
        _dirs, files = storage.listdir(folder)
    except FileNotFoundError:
        return None
    tarballs = sorted(name for name in files if name.endswith(".tar.gz"))
    return f"{folder}/{tarballs[-1]}" if tarballs else None
