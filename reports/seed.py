"""Reporting periods from the network data file (``reporting_periods``), for ``seed_demo``.

Keyed on (network, number): loading the file again changes nothing, and a period lead staff
edited keeps their dates.
"""

from datetime import date

from cities.models import Network

from .models import ReportingPeriod


def seed_reporting_periods(*, network: Network, data: dict, count) -> None:
    """``count(label, created)`` tallies what was created (the seed's report)."""
    block = data.get("reporting_periods") or {}
    for item in block.get("periods", []):
        period, created = ReportingPeriod.objects.get_or_create(
            network=network,
            number=item["number"],
            defaults={
                "start_date": date.fromisoformat(item["start_date"]),
                "end_date": date.fromisoformat(item["end_date"]),
                "due_date": date.fromisoformat(item["due_date"]),
                "is_demo": bool(block.get("demo")),
            },
        )
        if created:
            period.full_clean()
        count("reporting periods", created)
