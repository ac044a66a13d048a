"""What `make bench` EXPLAINs at benchmark size: the queries behind every workspace filter and
sort order, for a coordinator and for lead staff, the network page's overdue counts, the public
news list's filters, a city's measurements and a meeting's registrations."""

from django.test import RequestFactory
from django.utils import timezone

from indicators.models import Measurement, Series
from news.models import Article
from practices.models import Practice, TransferStep
from registrations.models import Registration
from workspace import rows as selectors
from workspace.network_overview import late_of, matrix_cities, matrix_transfers
from workspace.rows import for_step_list
from workspace.views import MATRIX_CITIES_PER_PAGE, OVERDUE_SHOWN, TRANSFERS_PER_PAGE, _filters

from .explain import Check, CountOf

STEP_FILTERS = [
    {},
    {"phase": "adapt"},
    {"status": "blocked"},
    {"overdue": "on"},
    {"due_within": "30"},
    {"practice": "<practice>"},
    {"city": "<city>"},
    {"sort": "due_date"},
    {"sort": "-progress"},
    {"sort": "status"},
    {"sort": "title"},
    {"sort": "-updated"},
]


def _filtered_steps(found: dict, person: str, params: dict):
    values = {
        "<practice>": str(
            Practice.objects.filter(network=found["city"].network_id)
            .order_by("order")
            .values_list("pk", flat=True)[0]
        ),
        "<city>": str(found["city"].pk),
    }
    request = RequestFactory().get("/", {key: values.get(v, v) for key, v in params.items()})
    request.user = found[person]
    step_filter, _deliverables = _filters(request)
    assert not step_filter.is_bound or step_filter.is_valid(), step_filter.errors
    return step_filter.rows


def _step_checks() -> list[Check]:
    checks = []
    for person in ("coordinator", "lead"):
        for params in STEP_FILTERS:
            if person == "coordinator" and "city" in params:
                continue  # a coordinator has no city filter: their city is the only one
            label = "&".join(f"{key}={value}" for key, value in params.items()) or "no filter"

            def rows(found, person=person, params=params):
                return _filtered_steps(found, person, params)

            if "sort" in params:
                checks.append(
                    Check(
                        f"workspace steps, {person}, {label}: one page",
                        lambda found, rows=rows: selectors.for_step_list(rows(found))[:100],
                    )
                )
                continue
            checks.append(
                Check(
                    f"workspace steps, {person}, {label}: transfers on the page",
                    lambda found, rows=rows: selectors.transfers_of(rows(found))[
                        :TRANSFERS_PER_PAGE
                    ],
                )
            )
            checks.append(
                Check(
                    f"workspace steps, {person}, {label}: their steps",
                    lambda found, rows=rows: selectors.for_step_list(
                        rows(found).filter(
                            transfer_id__in=[
                                transfer["pk"]
                                for transfer in selectors.transfers_of(rows(found))[
                                    :TRANSFERS_PER_PAGE
                                ]
                            ]
                        )
                    ),
                )
            )
    return checks


def _matrix_transfers(found: dict):
    """The transfers of the network matrix's first page with their overdue steps, as the network
    page reads them."""
    cities = matrix_cities(network=found["network"])[:MATRIX_CITIES_PER_PAGE]
    city_ids = [city["pk"] for city in cities]
    return matrix_transfers(city_ids, today=timezone.localdate())


def _network_checks() -> list[Check]:
    def overdue(found, counted=False):
        # As the network page reads them (a running network: overdue means due before today).
        network = found["network"].pk
        return late_of(TransferStep, network, timezone.localdate(), counted=counted)

    return [
        Check(
            "network overview: longest overdue steps",
            lambda found: for_step_list(overdue(found))[:OVERDUE_SHOWN],
        ),
        Check(
            "workspace summary: next steps due",
            lambda found: (
                TransferStep.objects.open()
                .filter(due_date__gte=timezone.localdate())
                .order_by("due_date", "pk")[:5]
            ),
        ),
        Check(
            "network overview: number of overdue steps (the COUNT(*) as sent)",
            lambda found: CountOf(overdue(found, counted=True)),
        ),
        Check(
            "network overview: the matrix's transfers with their overdue steps",
            _matrix_transfers,
        ),
    ]


def _news_checks() -> list[Check]:
    def published(found):
        # As the news list reads them: one network's published articles.
        return Article.objects.of(found["network"]).published()

    return [
        Check("news list: latest page", lambda found: published(found)[:10]),
        Check(
            "news list: one city",
            lambda found: published(found).filter(cities=found["city"])[:10],
        ),
        Check(
            "news list: one year",
            lambda found: published(found).filter(
                published_at__year=found["article"].published_at.year
            )[:10],
        ),
    ]


def _measurement_and_registration_checks() -> list[Check]:
    def city_series(found) -> list[int]:
        return list(Series.objects.filter(city=found["city"]).values_list("pk", flat=True))

    return [
        Check(
            "city detail: the city's measurements",
            lambda found: Measurement.objects.filter(series__in=city_series(found)).order_by(
                "measured_on", "pk"
            ),
        ),
        Check(
            "meeting: its registrations by status",
            lambda found: Registration.objects.filter(meeting=found["meeting"]).values("status"),
        ),
        Check(
            "meeting: its waiting list in order",
            lambda found: Registration.objects.filter(meeting=found["meeting"]).waiting_in_order(),
        ),
    ]


def all_checks() -> list[Check]:
    return [
        *_step_checks(),
        *_network_checks(),
        *_news_checks(),
        *_measurement_and_registration_checks(),
    ]
