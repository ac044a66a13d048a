"""What the page cache must never keep, even on a page listed as cacheable."""

import pytest

PROBES = ["plain", "message", "form", "cookie", "missing"]


@pytest.fixture(autouse=True)
def _probe_pages(settings):
    settings.ROOT_URLCONF = "tests.caching.probe_urls"
    settings.PAGE_CACHE_VIEWS = frozenset(PROBES)


@pytest.mark.django_db
def test_a_plain_page_is_stored_and_served_again(client):
    assert client.get("/plain/")["X-Page-Cache"] == "miss"
    assert client.get("/plain/")["X-Page-Cache"] == "hit"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        pytest.param("/message/", id="carries a message"),
        pytest.param("/form/", id="carries a CSRF token"),
        pytest.param("/cookie/", id="sets a cookie"),
        pytest.param("/missing/", id="is not a 200"),
    ],
)
def test_a_page_that_is_personal_or_not_ok_is_never_stored(client, path):
    client.get(path)
    client.cookies.clear()  # a second visitor, without the first one's cookies

    assert "X-Page-Cache" not in client.get(path)


@pytest.mark.django_db
def test_a_visitor_with_a_pending_message_never_gets_the_cached_page(client):
    client.get("/plain/")
    client.get("/message/")  # leaves the message in a cookie for the next page

    page = client.get("/plain/")

    assert "X-Page-Cache" not in page


@pytest.mark.django_db
def test_only_get_requests_are_cached(client):
    client.post("/plain/")

    assert client.get("/plain/")["X-Page-Cache"] == "miss"
