"""The search and the news lists read what they show, not whole rows.

Bodies, descriptions and agendas in both languages, and the stored search documents, are most of
each row; reading them for a list of titles made these pages several times slower at 20 times the
network's size.
"""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

LONG_TEXTS = re.compile(r'"(body|description|ulg_description|agenda|minutes_summary)(_[a-z]+)?"')
CODES = "|".join(code for code, _name in settings.LANGUAGES)
DOCUMENTS = re.compile(rf'"search_({CODES})"')
RANKED = re.compile(rf'ts_rank\("[a-z_]+"\."search_({CODES})"')


def selected_columns(client, path: str, params: dict | None = None) -> list[str]:
    """The column list of every SELECT the page runs for its content."""
    client.get(path, params)  # the first view fills per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    assert response.status_code == 200
    selects = [query["sql"].split(" FROM ", 1)[0] for query in queries.captured_queries]
    # Not the current network, which every page reads (portal.context_processors).
    return [sql for sql in selects if sql.startswith("SELECT") and '"cities_network"' not in sql]


@pytest.fixture
def uncached(settings):
    settings.PAGE_CACHE_ENABLED = False


def test_the_search_reads_the_shown_columns_only(client, site, uncached):
    columns = selected_columns(client, "/en/search/", {"q": "naples"})

    assert not [select for select in columns if LONG_TEXTS.search(select)]
    # The documents are ranked, never read out.
    unranked = [RANKED.sub("ts_rank(", select) for select in columns]
    assert not [select for select in unranked if DOCUMENTS.search(select)]
    assert (
        'href="/en/cities/naples/"' in client.get("/en/search/", {"q": "naples"}).content.decode()
    )


def test_the_news_list_reads_neither_bodies_nor_documents(client, site, uncached):
    ArticleFactory(slug="long-read", body_en="<p>" + "A long body. " * 500 + "</p>")

    for columns in (selected_columns(client, "/en/news/"), selected_columns(client, "/el/news/")):
        assert not [select for select in columns if LONG_TEXTS.search(select)]
        assert not [select for select in columns if DOCUMENTS.search(select)]


def test_search_ranks_by_the_heads_kept_inside_their_rows(client, site, uncached):
    # Ranking reads every matching row's head (its titles and summaries), never the whole
    # document: with eight languages the documents no longer fit in their rows, and reading
    # them back from TOAST was most of the search's time. Migration portal 0006.
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL storage")
    client.get("/en/search/", {"q": "naples"})
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/search/", {"q": "naples"})
    ranked = [sql for query in queries.captured_queries if "ts_rank(" in (sql := query["sql"])]
    assert ranked
    assert not [sql for sql in ranked if RANKED.search(sql)]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, a.attname, a.attstorage FROM pg_attribute a"
            " JOIN pg_class c ON c.oid = a.attrelid"
            " WHERE a.attname LIKE 'search\\_%%' AND c.relkind = 'r' AND NOT a.attisdropped"
        )
        storage = {(table, column): kind for table, column, kind in cursor.fetchall()}

    tables = {"news_article", "practices_practice", "cities_city", "meetings_meeting"}
    assert {table for table, _column in storage} >= tables
    heads = {kind for (table, column), kind in storage.items() if column.startswith("search_head_")}
    documents = {
        kind
        for (table, column), kind in storage.items()
        if table in tables and not column.startswith("search_head_")
    }
    assert heads == {"m"}
    assert documents == {"x"}
