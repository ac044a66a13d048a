"""Signed-in visitors' pages are never cached: each visit renders the content afresh (the one
cache is the anonymous page cache), so an edit shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CityFactory

HOME_EN = "/en/"


@pytest.fixture
def signed_in(client, coordinator, lead_city):
    CityFactory(network=lead_city.network, name_en="Harbourton", slug="harbourton")
    client.force_login(coordinator)
    return client


def _queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def _main(page: str) -> str:
    return page[page.index("<main") : page.index("</main>")]


def test_a_signed_in_visitor_gets_the_content_rendered_afresh(signed_in):
    fresh, first = _queries(signed_in, HOME_EN)
    again, second = _queries(signed_in, HOME_EN)

    assert again == fresh
    assert _main(second) == _main(first)
    assert "Harbourton" in second
    assert "Sign out" in second  # the header is the person's own


def test_an_edit_shows_at_once(signed_in, lead_city):
    signed_in.get(HOME_EN)
    city = lead_city.network.cities.get(slug="harbourton")

    city.name_en = "Harbour Bay"
    city.save()

    page = signed_in.get(HOME_EN).content.decode()
    assert "Harbour Bay" in page
    assert "Harbourton" not in page


def test_each_language_shows_its_own_text(signed_in, lead_city):
    city = lead_city.network.cities.get(slug="harbourton")
    city.name_el = "Λιμανούπολη"
    city.save()
    signed_in.get(HOME_EN)

    greek = signed_in.get("/el/").content.decode()

    assert "Λιμανούπολη" in greek
