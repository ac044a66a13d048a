"""Read-side queries for indicators: public series with their latest value and chart, and the
workspace's scoped look-ups (another city's indicator is simply not found)."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property
from types import SimpleNamespace

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from cities.models import City, Network
from cities.selectors import (
    cities_visible_to,
    follows_whole_network,
)
from common.dates import DayTexts
from common.languages import localized_fields
from common.prepared import prepared_rows

from .charts import Chart, build_chart
from .models import Indicator, Measurement, Series
from .shown import SeriesTexts, series_texts


class ShownMeasurement(SimpleNamespace):
    """A measurement as the public pages show it, read as values: ``measured_on``, ``value``,
    ``is_demo`` and its note's columns (``note_<lang>``, ``indicators.shown`` picks the one
    shown). A model instance would carry the evidence and bookkeeping columns the page never
    shows, and cost more than the rest of the series (issue 26)."""


#: What ``ShownMeasurement`` reads.
SHOWN_MEASUREMENT_FIELDS = ("measured_on", "value", "is_demo")


@dataclass
class SeriesView:
    indicator: Indicator
    city: City | None
    series: Series | None
    #: Model instances in the workspace, ``ShownMeasurement`` on public pages.
    measurements: list[Measurement | ShownMeasurement] = field(default_factory=list)
    chart: Chart | None = None

    @property
    def baseline(self) -> Decimal | None:
        return self.series.baseline_value if self.series else None

    @property
    def baseline_date(self) -> date | None:
        return self.series.baseline_date if self.series else None

    @property
    def target(self) -> Decimal | None:
        return self.series.target_value if self.series else None

    @property
    def latest(self) -> Measurement | None:
        return self.measurements[-1] if self.measurements else None

    @property
    def is_demo(self) -> bool:
        return bool(self.series and self.series.is_demo) or any(
            m.is_demo for m in self.measurements
        )

    @property
    def has_values(self) -> bool:
        return self.baseline is not None or bool(self.measurements)

    @cached_property
    def texts(self) -> SeriesTexts:
        """What ``indicators/_series.html`` shows, formatted once in the page's language."""
        return series_texts(self)


def _view(
    indicator: Indicator,
    city: City | None,
    series: Series | None,
    measurements=None,
    dates: DayTexts | None = None,
) -> SeriesView:
    """``measurements``: the series' own, when read apart (else its prefetched ones); ``dates``:
    shared by the series of one page."""
    if measurements is None:
        measurements = list(series.measurements.all()) if series else []
    view = SeriesView(indicator=indicator, city=city, series=series, measurements=measurements)
    if series:
        view.chart = build_chart(
            baseline=series.baseline_value,
            baseline_date=series.baseline_date,
            target=series.target_value,
            measurements=[(m.measured_on, m.value) for m in measurements],
            decimal_places=indicator.decimal_places,
            dates=dates,
        )
    return view


def _with_measurements(series: QuerySet[Series]) -> QuerySet[Series]:
    measurements = Measurement.objects.order_by("measured_on", "pk")
    return series.prefetch_related(Prefetch("measurements", queryset=measurements))


def _series(**filters) -> QuerySet[Series]:
    return _with_measurements(Series.objects.filter(**filters).select_related("indicator", "city"))


def public_series_by_city(*, network: Network | None) -> dict[int | None, list[SeriesView]]:
    """Every series with a value, by city id (None: the network's own), in indicator order."""
    if network is None:
        return {}
    series = Series.objects.filter(indicator__network=network).select_related("indicator", "city")
    return _public_views(series)


def _shown_measurements(series_ids: list[int]) -> dict[int, list[ShownMeasurement]]:
    """The measurements of these series as public pages show them, by series, in date order
    (one query)."""
    by_series: dict[int, list[ShownMeasurement]] = {pk: [] for pk in series_ids}
    if not series_ids:
        return by_series
    rows = (
        Measurement.objects.filter(series__in=series_ids)
        .order_by("measured_on", "pk")
        .values("series_id", *SHOWN_MEASUREMENT_FIELDS, *localized_fields("note"))
    )
    for row in rows:
        by_series[row.pop("series_id")].append(ShownMeasurement(**row))
    return by_series


def _public_views(series: QuerySet[Series]) -> dict[int | None, list[SeriesView]]:
    result: dict[int | None, list[SeriesView]] = {}
    # An indicator's description (every language's) is shown on no public series.
    series = series.defer("indicator__description")
    found = list(series.order_by("indicator__order", "indicator__slug", "city__order"))
    measurements = _shown_measurements([one.pk for one in found])
    for one in found:
        view = _view(one.indicator, one.city, one, measurements[one.pk])
        if view.has_values:
            result.setdefault(one.city_id, []).append(view)
    return result


#: The columns of a city's public series and of their indicators: a translated field's own
#: languages (modeltranslation reads those, never its untranslated column), and no indicator's
#: description, which no public series shows.
_SERIES_COLUMNS = tuple(
    field.attname for field in Series._meta.concrete_fields if field.name != "baseline_source"
)
_INDICATOR_COLUMNS = tuple(
    field.attname
    for field in Indicator._meta.concrete_fields
    if field.name not in {"name", "unit", "unit_one", "description"}
    and field.name not in localized_fields("description")
)


def _city_series_rows(city: int, network: int) -> QuerySet:
    return (
        Series.objects.filter(city=city, indicator__network=network)
        .order_by("indicator__order", "indicator__slug")
        .values(*_SERIES_COLUMNS, *(f"indicator__{column}" for column in _INDICATOR_COLUMNS))
    )


def _city_measurement_rows(city: int, network: int) -> QuerySet:
    return (
        Measurement.objects.filter(series__city=city, series__indicator__network=network)
        .order_by("measured_on", "pk")
        .values("series_id", *SHOWN_MEASUREMENT_FIELDS, *localized_fields("note"))
    )


def public_series_of(*, city: City) -> list[SeriesView]:
    """One city's series with a value (its own measurements only, not the network's): two
    queries, their SQL built once per process (``common.prepared``)."""
    values = {"city": city.pk, "network": city.network_id}
    rows = prepared_rows(("indicators.city_series",), _city_series_rows, values)
    by_series: dict[int, list[ShownMeasurement]] = {row["id"]: [] for row in rows}
    for row in prepared_rows(("indicators.city_measurements",), _city_measurement_rows, values):
        by_series[row.pop("series_id")].append(ShownMeasurement(**row))
    views, dates = [], DayTexts()
    for row in rows:
        indicator = Indicator.from_db(
            None, _INDICATOR_COLUMNS, [row[f"indicator__{c}"] for c in _INDICATOR_COLUMNS]
        )
        series = Series.from_db(None, _SERIES_COLUMNS, [row[c] for c in _SERIES_COLUMNS])
        # Each series knows its indicator and city without loading them again.
        Series.indicator.field.set_cached_value(series, indicator)
        Series.city.field.set_cached_value(series, city)
        view = _view(indicator, city, series, by_series[series.pk], dates)
        if view.has_values:
            views.append(view)
    return views


# --- Workspace --------------------------------------------------------------------------------


def network_indicators(*, network: Network | None) -> list[Indicator]:
    if network is None:
        return []
    return list(Indicator.objects.filter(network=network).order_by("order", "slug"))


def workspace_rows(*, user, network: Network | None) -> list[SeriesView]:
    """Each indicator for each city the person sees (and network-level ones for those who
    follow the network), with the values recorded so far (four queries)."""
    indicators = network_indicators(network=network)
    if not indicators:
        return []
    cities = list(cities_visible_to(user, network).order_by("order", "slug"))
    whole_network = follows_whole_network(user, network)
    scope = Q(city__in=cities) | Q(city__isnull=True) if whole_network else Q(city__in=cities)
    found = {
        (s.indicator_id, s.city_id): s for s in _series(indicator__in=indicators).filter(scope)
    }
    rows = []
    for indicator in indicators:
        if indicator.level == Indicator.Level.NETWORK:
            if whole_network:
                rows.append(_view(indicator, None, found.get((indicator.pk, None))))
            continue
        rows.extend(_view(indicator, city, found.get((indicator.pk, city.pk))) for city in cities)
    return rows


def indicator_for(user, *, network: Network | None, pk: int) -> Indicator:
    indicator = Indicator.objects.filter(network=network, pk=pk).first()
    if indicator is None or not user.is_authenticated:
        raise Http404
    return indicator


def city_for(user, *, indicator: Indicator, city_pk: int) -> City | None:
    """The city (or None for a network-level indicator) if the person may see it; else 404."""
    if indicator.level == Indicator.Level.NETWORK:
        if city_pk != 0 or not follows_whole_network(user, indicator.network_id):
            raise Http404
        return None
    city = cities_visible_to(user, indicator.network_id).filter(pk=city_pk).first()
    if city is None:
        raise Http404
    return city


def series_view(*, indicator: Indicator, city: City | None) -> SeriesView:
    series = _series(indicator=indicator, city=city).first()
    return _view(indicator, city, series)


def measurement_visible_to(user, pk: int, network: Network | None = None) -> Measurement:
    """A measurement with evidence, of ``network`` when given, if the person sees its city (or,
    for the network's own, follows the network); else 404."""
    measurements = Measurement.objects.select_related("series__indicator", "series__city")
    if network is not None:
        measurements = measurements.filter(series__indicator__network=network)
    measurement = measurements.filter(pk=pk).exclude(evidence="").first()
    if measurement is None:
        raise Http404
    city, network_id = measurement.series.city, measurement.series.indicator.network_id
    if city is None:
        allowed = follows_whole_network(user, network_id)
    else:
        allowed = cities_visible_to(user, network_id).filter(pk=city.pk).exists()
    if not allowed:
        raise Http404
    return measurement
