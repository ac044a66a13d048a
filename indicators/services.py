"""Writes to indicators: a city's baseline and target, and measurements with evidence.

Each checks the one write rule again (``cities.permissions.require_writable``: coordinators
their own cities until final reporting closes, lead staff every city and the network's own),
validates with ``full_clean()`` and writes in one transaction.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from cities.models import City
from cities.permissions import require_writable
from practices.uploads import check_upload

from .models import Indicator, Measurement, Series


def _require_writable(user, *, indicator: Indicator, city: City | None) -> None:
    """The one write rule, for a city of the indicator's network or for the network itself."""
    if city is not None and city.network_id != indicator.network_id:
        raise PermissionDenied
    require_writable(user, city, network=indicator.network_id)


def _series_for(*, indicator: Indicator, city: City | None) -> Series:
    series = Series.objects.select_for_update().filter(indicator=indicator, city=city).first()
    return series or Series(indicator=indicator, city=city)


@transaction.atomic
def set_baseline(
    *,
    user,
    indicator: Indicator,
    city: City | None,
    baseline_value: Decimal | None,
    baseline_date: date | None,
    baseline_source: str,
    target_value: Decimal | None,
) -> Series:
    _require_writable(user, indicator=indicator, city=city)
    series = _series_for(indicator=indicator, city=city)
    series.baseline_value = baseline_value
    series.baseline_date = baseline_date
    series.baseline_source = baseline_source.strip()
    series.target_value = target_value
    series.is_demo = False  # a person's own figures are not samples
    series.full_clean()
    series.save()
    return series


@transaction.atomic
def record_measurement(
    *,
    user,
    indicator: Indicator,
    city: City | None,
    value: Decimal,
    measured_on: date,
    note: str = "",
    evidence: UploadedFile | None = None,
) -> Measurement:
    _require_writable(user, indicator=indicator, city=city)
    series = _series_for(indicator=indicator, city=city)
    if series.pk is None:
        series.full_clean()
        series.save()
    measurement = Measurement(
        series=series, value=value, measured_on=measured_on, note=note.strip(), recorded_by=user
    )
    if evidence is not None:
        checked = check_upload(evidence)
        # The stored name takes its extension from the content, never from the uploader.
        evidence.name = f"upload.{checked.extension}"
        measurement.evidence = evidence
        measurement.evidence_name = checked.original_name
        measurement.evidence_type = checked.content_type
        measurement.evidence_size = checked.size
    measurement.full_clean()
    measurement.save()
    return measurement
