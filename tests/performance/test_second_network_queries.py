"""A second network costs nothing: on its own host, every benchmarked page runs as many queries
as the same page of the default network, within the same pin.

Both networks are filled by the benchmark's builder to the same size; the second answers on its
own host name, as in `make bench`.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.data import build
from bench.data_more import host_of
from bench.pages import PAGES, address, resolvable, samples
from tests.performance.test_query_counts import MOST_QUERIES

SECOND = "benchmark-network-2"
MEASURED = [page for page in PAGES if page.kind != "floor"]


def _count(page, found, host: str) -> tuple[int, str]:
    client = Client(HTTP_HOST=host) if host else Client()
    if page.person:
        client.force_login(found[page.person])
    path = address(page, found)
    client.get(path)  # the first view fills per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, f"{page.name} on {host or 'testserver'}: {path}"
    return len(queries), response.content.decode()


@pytest.mark.django_db
def test_every_benchmarked_page_costs_the_same_queries_on_the_second_networks_host(settings):
    settings.PAGE_CACHE_ENABLED = False
    build(scale=1, tag="a")
    build(scale=1, tag="n2", network=SECOND)
    first, second = samples(), samples(host=host_of(SECOND))
    assert first["network"] != second["network"]
    missing = [page.name for page in MEASURED if not resolvable(page, second)]
    assert not missing, missing

    counts, pages_of_second = {}, {}
    for page in MEASURED:
        default_count, _html = _count(page, first, "")
        second_count, html = _count(page, second, host_of(SECOND))
        counts[page.name] = (default_count, second_count)
        pages_of_second[page.name] = html

    assert {name: b for name, (a, b) in counts.items()} == {
        name: a for name, (a, b) in counts.items()
    }, counts
    assert max(b for _a, b in counts.values()) <= MOST_QUERIES, counts
    # Measured on the second network indeed: its own name heads its pages.
    assert all(second["network"].name in html for html in pages_of_second.values())
