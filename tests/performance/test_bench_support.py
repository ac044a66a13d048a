"""The pieces `make bench` relies on: the floor page, the data builder, the deploy check."""

import json

import pytest
from django.core.management import call_command

from bench.data import ONE_NETWORK, build
from caching.checks import page_cache_is_shared
from cities.models import City, Membership
from news.models import Article
from practices.models import TransferStep


@pytest.mark.django_db
def test_the_floor_page_is_hidden_unless_switched_on(client, settings):
    settings.BENCH_FLOOR_VIEW = False

    assert client.get("/bench/floor/").status_code == 404


@pytest.mark.django_db
def test_the_floor_page_is_constant_and_queries_nothing(
    client, settings, django_assert_num_queries
):
    settings.BENCH_FLOOR_VIEW = True

    with django_assert_num_queries(0):
        first = client.get("/bench/floor/")
    assert first.status_code == 200
    assert first.content == client.get("/bench/floor/").content


@pytest.mark.django_db
def test_the_builder_writes_the_requested_multiple_of_one_network_in_both_languages():
    report = build(scale=2, tag="t")

    assert report["cities"] == City.objects.count() == 2 * ONE_NETWORK.cities
    assert TransferStep.objects.count() == 2 * ONE_NETWORK.steps
    assert Article.objects.count() == 2 * ONE_NETWORK.articles
    assert TransferStep.history.count() == TransferStep.objects.count()
    article = Article.objects.published().first()
    assert article.title_el and article.title_en and article.title_el != article.title_en
    assert Membership.objects.filter(role=Membership.Role.LEAD_STAFF).count() == 1
    for step in TransferStep.objects.all()[:200]:
        step.full_clean()


@pytest.mark.django_db
def test_growing_the_data_keeps_one_network_with_one_lead_partner():
    build(scale=1, tag="a")
    build(scale=2, tag="b")

    assert City.objects.values("network").distinct().count() == 1
    assert City.objects.filter(role=City.Role.LEAD_PARTNER).count() == 1
    assert City.objects.count() == 3 * ONE_NETWORK.cities


@pytest.mark.django_db
def test_bench_data_makes_working_sessions_for_the_signed_in_pages(client, tmp_path):
    output = tmp_path / "dataset.json"
    build(scale=1)

    call_command("bench_data", "--targets-only", f"--output={output}")

    dataset = json.loads(output.read_text())
    floor = next(page for page in dataset["pages"] if page["kind"] == "floor")
    assert floor["path"] == "/bench/floor/"
    assert set(dataset["sessions"]) == {"coordinator", "lead"}
    for cookie in dataset["sessions"].values():
        name, value = cookie.split("=", 1)
        client.cookies[name] = value
        assert client.get("/en/").wsgi_request.user.is_authenticated
    private = [page for page in dataset["pages"] if page["kind"] == "private"]
    assert all(page["cookie"] in dataset["sessions"].values() for page in private)


def test_local_memory_page_cache_is_flagged_for_deployment(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

    assert [warning.id for warning in page_cache_is_shared(None)] == ["caching.W001"]

    settings.CACHES = {
        "default": {"BACKEND": "operations.cache.ResilientRedisCache", "LOCATION": "redis://x:1/0"}
    }
    assert page_cache_is_shared(None) == []


def _row(page: str, round_: str, kind: str, *, rps: float, p95: float = 10.0) -> dict:
    return {"page": page, "round": round_, "kind": kind, "rps": rps, "p95_ms": p95, "errors": 0}


def test_the_benchmark_judges_pages_by_their_ratio_to_the_floor_in_the_same_round():
    from bench.targets import add_ratios, verdicts

    cached = [
        _row("floor", "cached", "floor", rps=1000),
        _row("home", "cached", "public", rps=700, p95=300),  # slow, but p95 is information
        _row("progress", "cached", "public", rps=400),
    ]
    single = [
        _row("floor", "single", "floor", rps=600),
        _row("home", "single", "public", rps=31, p95=900),  # 19.4× the floor: met
        _row("workspace", "single", "private", rps=29),  # 20.7×: missed
    ]
    cold = [
        _row("floor", "cold", "floor", rps=900),
        _row("home", "cold", "public", rps=50, p95=499),
        _row("workspace", "cold", "private", rps=40, p95=520),
    ]
    for rows in (cached, single, cold):
        add_ratios(rows)

    failures = verdicts([*cached, *single, *cold], explain=None)

    assert failures == [
        "progress (cached): 40% of the floor's throughput",
        "workspace (single): 20.7× the floor's time per request > 20×",
        "workspace (cold): p95 520 ms ≥ 500 ms",
    ]


def test_a_second_network_must_cost_the_same_queries_and_scans_are_misses():
    from bench.targets import verdicts

    pages = [
        {"name": "home", "page": "home", "host": "", "queries": 6},
        {"name": "home @2", "page": "home", "host": "n2.localhost", "queries": 6},
        {"name": "workspace", "page": "workspace", "host": "", "queries": 15},
        {"name": "workspace @2", "page": "workspace", "host": "n2.localhost", "queries": 16},
    ]
    explain = {
        "checks": [{"name": "overdue count", "sequential_scans": ["practices_transferstep"]}]
    }

    assert verdicts([], explain, pages) == [
        "EXPLAIN overdue count: sequential scan on practices_transferstep",
        "workspace @2: 16 queries on n2.localhost, 15 on the default network",
    ]
