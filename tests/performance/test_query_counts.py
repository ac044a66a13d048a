"""No page's SQL query count grows with the data.

Every page `make bench` measures is rendered on one network's worth of data, then again after the
data has grown to 20 times that, and the number of queries must be the same. A list that loads
each row's relations one by one, or a page that counts per city, fails here long before anybody
notices it in production.

One exception is counted apart: the COUNT a list asks for its length, which a list that fits
its page (or shows all it has) does not ask (``common.paging``: its length is the count). At
20 times the data the same list may need it, so a page may ask up to ``SKIPPED_COUNTS`` COUNT
queries more; every other query must stay the same in number, and a COUNT per row still fails.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.data import build
from bench.pages import PAGES, address, resolvable, samples

MEASURED = [page for page in PAGES if page.kind != "floor"]
GROWTH = 20
MOST_QUERIES = 20
#: The most lists a page shows in part, each of which may need its COUNT only once it grows:
#: the network page's page of cities, its overdue steps and its overdue deliverables.
SKIPPED_COUNTS = 3
_COUNT = 'SELECT COUNT(*) AS "__count"'


def _count_queries(page, found) -> tuple[int, int]:
    """The page's queries: (COUNTs of a list's length, all others)."""
    client = Client()
    if page.person:
        client.force_login(found[page.person])
    path = address(page, found)
    client.get(path)  # the first view fills per-process caches (content types, the site)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, f"{page.name}: {path} answered {response.status_code}"
    counts = sum(1 for query in queries.captured_queries if query["sql"].startswith(_COUNT))
    return counts, len(queries) - counts


@pytest.mark.django_db
def test_query_counts_stay_the_same_at_twenty_times_the_data(settings):
    # Count the work of rendering, not the caches'.
    settings.PAGE_CACHE_ENABLED = False

    build(scale=1, tag="a")
    found = samples()
    missing = [page.name for page in MEASURED if not resolvable(page, found)]
    assert not missing, f"pages the benchmark measures do not exist: {missing}"
    small = {page.name: _count_queries(page, found) for page in MEASURED}

    build(scale=GROWTH - 1, tag="b")
    found = samples()
    large = {page.name: _count_queries(page, found) for page in MEASURED}

    others = {name: n for name, (_counts, n) in small.items()}
    assert {name: n for name, (_counts, n) in large.items()} == others, (
        "query counts grew with the data (1x vs 20x)"
    )
    grown = {name: large[name][0] - small[name][0] for name in small}
    assert all(0 <= n <= SKIPPED_COUNTS for n in grown.values()), ("COUNTs grew", grown)
    assert max(sum(large[name]) for name in large) <= MOST_QUERIES, large
