"""What the results page shows: per city, what was transferred and how far each practice got,
its indicators and its published Investment Plan; and the network's totals."""

from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Q
from django.utils import timezone

from cities import phrases
from cities.models import City, Network
from cities.selectors import partner_cities
from indicators.selectors import SeriesView, public_series_by_city
from practices.models import Deliverable, Status, TransferStep
from practices.selectors import CITY_LIST_FIELDS, attach_progress, transfers_with_progress

from .models import PublishedOutput
from .selectors import published_outputs

INVESTMENT_PLAN_KINDS = (
    Deliverable.Kind.FINAL_INVESTMENT_PLAN,
    Deliverable.Kind.DRAFT_INVESTMENT_PLAN,
)


@dataclass
class CityResults:
    city: City
    transfers: list = field(default_factory=list)
    indicators: list[SeriesView] = field(default_factory=list)
    investment_plan: PublishedOutput | None = None


@dataclass
class NetworkResults:
    network: Network | None
    concluded: bool = False
    cities: list[CityResults] = field(default_factory=list)
    network_indicators: list[SeriesView] = field(default_factory=list)
    network_outputs: list[PublishedOutput] = field(default_factory=list)
    totals: dict = field(default_factory=dict)
    has_demo: bool = False

    @property
    def ran_from_to(self) -> str:
        """ "…after running from September 2024 to August 2026…", in the page's language."""
        return phrases.ran_from_to(self.network) if self.network else ""


def network_results(network: Network | None) -> NetworkResults:
    """Five queries, however many cities: partners with transfers, step totals, indicator
    series, their measurements, published outputs."""
    if network is None:
        return NetworkResults(network=None)
    results = NetworkResults(
        network=network, concluded=network.is_concluded_on(timezone.localdate())
    )
    cities = list(
        partner_cities(network=network)
        .only(*CITY_LIST_FIELDS)
        .prefetch_related(
            Prefetch(
                "transfers",
                # The list's own columns only; the demo flag is read alongside them.
                queryset=transfers_with_progress("practice").annotate(demo=F("is_demo")),
            )
        )
    )
    series = public_series_by_city(network=network)
    outputs = list(published_outputs(network=network))
    plans: dict[int, PublishedOutput] = {}
    for output in outputs:
        deliverable = output.upload.deliverable
        if deliverable.city_id and deliverable.kind in INVESTMENT_PLAN_KINDS:
            best = plans.get(deliverable.city_id)
            # The final plan wins over the draft.
            if best is None or deliverable.kind == Deliverable.Kind.FINAL_INVESTMENT_PLAN:
                plans[deliverable.city_id] = output
        elif not deliverable.city_id:
            results.network_outputs.append(output)
    for city in cities:
        transfers = list(city.transfers.all())
        for transfer in transfers:
            attach_progress(transfer)
            results.has_demo |= transfer.demo
        results.cities.append(
            CityResults(
                city=city,
                transfers=transfers,
                indicators=series.get(city.pk, []),
                investment_plan=plans.get(city.pk),
            )
        )
    results.network_indicators = series.get(None, [])
    results.has_demo |= any(view.is_demo for views in series.values() for view in views)
    results.has_demo |= any(output.is_demo for output in outputs)
    steps = TransferStep.objects.filter(transfer__city__network=network).aggregate(
        total=Count("pk"), done=Count("pk", filter=Q(status=Status.DONE))
    )
    results.totals = {
        "cities": len(cities),
        "transfers": sum(len(c.transfers) for c in results.cities),
        "steps": steps["total"],
        "steps_done": steps["done"],
        "outputs": len(outputs),
        "investment_plans": len(plans),
    }
    return results
