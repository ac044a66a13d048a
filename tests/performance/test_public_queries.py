"""Every public page costs a bounded number of SQL queries, however much content there is."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import (
    ArticleFactory,
    CityFactory,
    MeetingFactory,
    PracticeFactory,
    TransferFactory,
)
from tests.public.conftest import add_steps
from tests.public.factories import AgendaItemFactory
from tests.public.helpers import url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _render_every_time(settings):
    """Budgets count a page's own work; the page and fragment caches (tests/caching) would
    hide it."""
    settings.PAGE_CACHE_ENABLED = False


#: (url name, args from the site fixture, query budget). Each request also counts the SAVEPOINT
#: and RELEASE of ATOMIC_REQUESTS, and the current network read by the context processor.
PAGES = [
    ("portal:home", lambda s: (), 9),  # + the number of cities
    ("news:list", lambda s: (), 8),
    ("news:detail", lambda s: (s.article.slug,), 5),
    ("news:feed", lambda s: (), 6),
    ("practices:list", lambda s: (), 6),  # + the count for paging
    ("practices:detail", lambda s: (s.council.slug,), 5),
    ("cities:list", lambda s: (), 5),  # + the count for paging
    # + 3 for the URBACT Local Group, budget sources, indicators (2)
    ("cities:detail", lambda s: (s.naples.slug,), 14),
    ("meetings:list", lambda s: (), 6),  # + the count for paging
    ("meetings:detail", lambda s: (s.meeting.slug,), 6),  # + its registration settings
    ("meetings:ics", lambda s: (s.meeting.slug,), 5),
    ("meetings:feed", lambda s: (), 4),
    ("portal:progress", lambda s: (), 8),  # + the count for paging
    ("portal:progress_csv", lambda s: (), 7),
    ("portal:progress_json", lambda s: (), 7),
    ("network:about", lambda s: (), 6),
    ("outputs:list", lambda s: (), 5),
    ("outputs:results", lambda s: (), 10),
    ("indicators:csv", lambda s: (), 5),
    ("indicators:json", lambda s: (), 5),
]


def add_lots_of_content(site) -> None:
    practices = [PracticeFactory(network=site.network) for _ in range(5)]
    for number in range(6):
        city = CityFactory(network=site.network)
        for practice in practices:
            transfer = TransferFactory(city=city, practice=practice)
            add_steps(transfer, {"understand": 100, "adapt": 40 + number, "reuse": 0})
        ArticleFactory.create_batch(3, cities=[city, site.naples])
        MeetingFactory(network=site.network, host_city=site.naples)
        MeetingFactory(
            network=site.network,
            host_city=city,
            start=timezone.now() - dt.timedelta(days=40 + number),
        )
    for transfer in site.council.transfers.all():
        add_steps(transfer, {"understand": 100})
    TransferFactory(city=site.naples, practice=site.surveys)
    for order in range(8):
        AgendaItemFactory(meeting=site.meeting, order=order)


def count(client, path: str, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params or {})
    assert response.status_code == 200, path
    return len(queries)


@pytest.mark.parametrize("language", ["el", "en"])
def test_query_count_does_not_grow_with_content(client, site, language):
    for name, args, _budget in PAGES:  # warm the per-process caches (e.g. the Site)
        count(client, url(name, language, *args(site)))
    before = {name: count(client, url(name, language, *args(site))) for name, args, _ in PAGES}
    add_lots_of_content(site)
    after = {name: count(client, url(name, language, *args(site))) for name, args, _ in PAGES}
    assert after == before


@pytest.mark.parametrize(("name", "args", "budget"), PAGES)
def test_query_budget_per_page(client, site, django_assert_max_num_queries, name, args, budget):
    add_lots_of_content(site)
    with django_assert_max_num_queries(budget):
        assert client.get(url(name, "en", *args(site))).status_code == 200


def test_query_budget_for_search_sitemap_and_filters(client, site, django_assert_max_num_queries):
    add_lots_of_content(site)
    with django_assert_max_num_queries(8):  # + published outputs
        assert client.get(url("portal:search", "el"), {"q": "ασφάλεια"}).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get("/sitemap.xml").status_code == 200
    with django_assert_max_num_queries(10):
        response = client.get(url("news:list", "el"), {"city": "naples", "year": "2026"})
        assert response.status_code == 200
