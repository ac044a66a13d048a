"""No page's SQL query count grows with the data.

Every page `make bench` measures is rendered on one network's worth of data, then again after the
data has grown to 20 times that, and the number of queries must be the same. A list that loads
each row's relations one by one, or a page that counts per city, fails here long before anybody
notices it in production.
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


def _count_queries(page, found) -> int:
    client = Client()
    if page.person:
        client.force_login(found[page.person])
    path = address(page, found)
    client.get(path)  # the first view fills per-process caches (content types, the site)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, f"{page.name}: {path} answered {response.status_code}"
    return len(queries)


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

    assert large == small, "query counts grew with the data (1x vs 20x)"
    assert max(small.values()) <= MOST_QUERIES, small
