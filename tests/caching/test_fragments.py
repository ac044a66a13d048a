"""Public page content is rendered once per content version and reused, for signed-in
visitors too, around their own header; an edit shows at once."""

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


def test_a_signed_in_visitor_gets_the_content_from_the_fragment_cache(signed_in):
    fresh, first = _queries(signed_in, HOME_EN)
    reused, second = _queries(signed_in, HOME_EN)

    assert reused < fresh
    assert _main(second) == _main(first)
    assert "Harbourton" in second
    assert "Sign out" in second  # the header is still the person's own


def test_an_edit_shows_at_once_in_the_fragment(signed_in, lead_city):
    signed_in.get(HOME_EN)
    city = lead_city.network.cities.get(slug="harbourton")

    city.name_en = "Harbour Bay"
    city.save()

    page = signed_in.get(HOME_EN).content.decode()
    assert "Harbour Bay" in page
    assert "Harbourton" not in page


def test_fragments_are_kept_per_language(signed_in, lead_city):
    city = lead_city.network.cities.get(slug="harbourton")
    city.name_el = "Λιμανούπολη"
    city.save()
    signed_in.get(HOME_EN)

    greek = signed_in.get("/el/").content.decode()

    assert "Λιμανούπολη" in greek


def test_fragments_can_be_switched_off(signed_in, settings):
    settings.FRAGMENT_CACHE_ENABLED = False
    fresh, _ = _queries(signed_in, HOME_EN)

    again, _ = _queries(signed_in, HOME_EN)

    assert again == fresh
