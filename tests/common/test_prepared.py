"""Queries built once per process, bound per call (common.prepared)."""

import pytest
from django.db import connection
from django.db.models import Value
from django.test.utils import CaptureQueriesContext

from cities.models import City
from common import prepared
from common.prepared import prepared_count, prepared_instances, prepared_rows
from news.models import Article
from tests.factories import CityFactory, NetworkFactory

pytestmark = pytest.mark.django_db


def _cities(network: int, slug: str):
    return City.objects.filter(network=network).exclude(slug=slug).order_by("slug")


def test_each_call_binds_its_own_values_to_sql_built_once(monkeypatch):
    first, second = NetworkFactory(), NetworkFactory()
    for network, slugs in ((first, ["a", "b", "c"]), (second, ["d", "e"])):
        for slug in slugs:
            CityFactory(network=network, slug=slug)
    built = []

    def build(network: int, slug: str):
        built.append(network)
        return _cities(network, slug).values("slug")

    key = ("tests.cities",)
    assert prepared_rows(key, build, {"network": first.pk, "slug": "b"}) == [
        {"slug": "a"},
        {"slug": "c"},
    ]
    builds = len(built)  # with stand-ins (twice: the second checks the first)
    with CaptureQueriesContext(connection) as queries:
        rows = prepared_rows(key, build, {"network": second.pk, "slug": "zz"})
    assert rows == [{"slug": "d"}, {"slug": "e"}]
    assert len(queries) == 1
    assert len(built) == builds
    assert first.pk not in built


def test_instances_are_read_with_their_annotations_and_nothing_related():
    network = NetworkFactory()
    CityFactory(network=network, slug="naples", name_en="Naples")

    def build(network: int, slug: str):
        return _cities(network, slug).only("slug", "name").annotate(twice=Value(2))

    (city,) = prepared_instances(("tests.instances",), build, {"network": network.pk, "slug": ""})
    assert (city.slug, city.name_en, city.twice) == ("naples", "Naples", 2)
    assert city.get_deferred_fields() >= {"population"}

    def related(network: int):
        return City.objects.filter(network=network).select_related("network")

    with pytest.raises(ValueError, match="related rows"):
        prepared_instances(("tests.related",), related, {"network": network.pk})


def test_the_sql_is_forgotten_when_settings_change(settings):
    prepared._PREPARED[("key",), "default"] = object()
    settings.LANGUAGE_CODE = "en"
    assert not prepared._PREPARED


def test_a_value_the_build_takes_from_elsewhere_is_refused():
    def build(network: int):
        # published() reads the time itself, which would be frozen into the SQL.
        return Article.objects.of(network).published().values("pk")

    with pytest.raises(ValueError, match="depends on more"):
        prepared_rows(("tests.frozen",), build, {"network": 1})


def test_a_prepared_list_pages_and_counts_as_its_queryset():
    network = NetworkFactory()
    for slug in ["a", "b", "c", "d", "e"]:
        CityFactory(network=network, slug=slug)
    CityFactory(slug="elsewhere")

    def build(network: int):
        return City.objects.filter(network=network).order_by("slug")

    cities = prepared.PreparedList(("tests.list",), build, {"network": network.pk})
    assert [city.slug for city in cities[1:3]] == ["b", "c"]
    assert [city.slug for city in cities[3:6]] == ["d", "e"]
    with CaptureQueriesContext(connection) as queries:
        assert cities.count() == 5
    assert len(queries) == 1
    with pytest.raises(TypeError):
        cities[2]


def test_days_are_bound_and_counts_asked_as_the_orm_asks_them():
    first, second = NetworkFactory(), NetworkFactory()
    for network, slugs in ((first, ["a", "b", "c"]), (second, ["d"])):
        for slug in slugs:
            CityFactory(network=network, slug=slug)

    def build(network: int, start):
        return City.objects.filter(network=network, network__start_date__gte=start)

    start = first.start_date
    key = ("tests.count",)
    assert prepared_count(key, build, {"network": first.pk, "start": start}) == 3
    with CaptureQueriesContext(connection) as queries:
        assert prepared_count(key, build, {"network": second.pk, "start": start}) == 1
        later = start.replace(year=start.year + 1)
        assert prepared_count(key, build, {"network": first.pk, "start": later}) == 0
    # The COUNT a list asks for its length, as QuerySet.count() writes it.
    assert [query["sql"][:28] for query in queries] == ['SELECT COUNT(*) AS "__count"'] * 2
