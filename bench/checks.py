"""What `make bench` EXPLAINs at benchmark size: the queries behind every workspace filter and
sort order, for a coordinator and for lead staff, and the public news list's filters."""

from django.test import RequestFactory
from django.utils import timezone

from news.models import Article
from practices.models import Practice, TransferStep
from workspace import rows as selectors
from workspace.views import TRANSFERS_PER_PAGE, _filters

from .explain import Check

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
        "<practice>": str(Practice.objects.order_by("order").values_list("pk", flat=True)[0]),
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
                            transfer_id__in=list(
                                selectors.transfers_of(rows(found))[:TRANSFERS_PER_PAGE]
                            )
                        )
                    ),
                )
            )
    return checks


def _network_checks() -> list[Check]:
    return [
        Check(
            "network overview: longest overdue steps",
            lambda found: TransferStep.objects.overdue().order_by("due_date", "pk")[:20],
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
            "network overview: number of overdue steps (what COUNT(*) reads)",
            lambda found: TransferStep.objects.overdue().order_by().values("pk"),
        ),
    ]


def _news_checks() -> list[Check]:
    def published(found):
        return Article.objects.published()

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


def all_checks() -> list[Check]:
    return [*_step_checks(), *_network_checks(), *_news_checks()]
