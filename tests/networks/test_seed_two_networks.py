"""`make run` seeds CITISENSE and, beside it, a second, running demo network with its own host
name, cities, news, meetings and people; loading either file again changes nothing."""

import json
from datetime import date

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.forms.models import model_to_dict

from accounts.models import User
from cities.hosts import NetworkHost
from cities.models import City, Membership, Network
from cities.selectors import has_role_in, network_ids_of
from indicators.models import Indicator
from meetings.models import Meeting
from news.models import Article
from portal.seed import DEMO_NETWORK_FILE
from practices.models import Practice, TransferStep
from registrations.models import RegistrationSettings
from reports.models import ReportingPeriod

pytestmark = pytest.mark.django_db

DEMO_HOST = "demo-network.localhost"
ON_DEMO = {"HTTP_HOST": f"{DEMO_HOST}:8000"}
# A day in December 2026, when CITISENSE has ended and the demo network runs.
TODAY = date(2026, 12, 7)
BOTH_NETWORKS_EMAIL = "expert@demo.example"


def seed_citisense():
    call_command("seed_demo", "--with-demo-users", verbosity=0)


def seed_demo_network():
    call_command("seed_demo", "--with-demo-users", "--data", str(DEMO_NETWORK_FILE), verbosity=0)


@pytest.fixture
def both(settings):
    """What `make run` seeds."""
    settings.DEBUG = True
    seed_citisense()
    seed_demo_network()
    return Network.objects.get(slug="citisense"), Network.objects.get(slug="demo-network")


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"accounts", "cities", "practices", "meetings", "news", "indicators", "ulg", "reports"}
        | {"registrations", "outputs", "account", "mfa"}
    }


def test_two_networks_each_with_its_own_cities_news_meetings_and_host(both, client):
    citisense, demo = both
    assert citisense.state_on(TODAY) == Network.State.CONCLUDED
    assert demo.state_on(TODAY) == Network.State.RUNNING
    assert "demo" in demo.name.lower() and "demo" in demo.tagline_en.lower()

    host = NetworkHost.objects.get(network=demo)
    assert (host.host, host.is_primary) == (DEMO_HOST, True)
    assert not NetworkHost.objects.filter(network=citisense).exists()
    assert Network.objects.for_host(f"{DEMO_HOST}:8000") == demo
    assert Network.objects.default() == citisense

    def slugs(model, network):
        return set(model.objects.filter(network=network).values_list("slug", flat=True))

    assert slugs(City, citisense) == {"piraeus", "naples", "liepaja", "fot", "geel", "manresa"}
    assert slugs(City, demo) == {
        "castelluce",
        "thalassopoli",
        "zalkrasti",
        "napfenyvar",
        "lindenmeer",
        "fontverda",
    }
    assert City.objects.get(network=demo, role=City.Role.LEAD_PARTNER).slug == "castelluce"
    assert not slugs(Practice, citisense) & slugs(Practice, demo)
    assert not slugs(Meeting, citisense) & slugs(Meeting, demo)
    assert slugs(Indicator, demo) and ReportingPeriod.objects.filter(network=demo).count() == 4
    assert TransferStep.objects.filter(transfer__city__network=demo).exists()
    # News: the demo network's articles are about its own towns only.
    demo_news = Article.objects.filter(slug__startswith="demo-shadeways-")
    assert demo_news.filter(status=Article.Status.PUBLISHED).count() == 2
    assert set(demo_news.values_list("cities__network", flat=True)) <= {demo.pk, None}

    # Marked demo the way the project marks demo content.
    assert not Meeting.objects.filter(network=demo, is_demo=False).exists()
    assert not TransferStep.objects.filter(transfer__city__network=demo, is_demo=False).exists()
    assert not demo_news.filter(is_demo=False).exists()

    # One meeting of the demo network is open to registration, on its own site.
    meeting = Meeting.objects.get(network=demo, slug="demo-shadeways-open-shade-walk")
    assert meeting.is_public and meeting.is_demo and meeting.title_en.startswith("[Demo]")
    setup = RegistrationSettings.objects.get(meeting=meeting)
    assert setup.window() == RegistrationSettings.Window.OPEN

    # Each address shows its own network.
    demo_home = client.get("/en/", **ON_DEMO).content.decode()
    assert "SHADEWAYS (demo)" in demo_home and "/en/cities/castelluce/" in demo_home
    assert "/en/news/demo-shadeways-under-way/" in demo_home
    assert "/en/cities/piraeus/" not in demo_home
    default_home = client.get("/en/").content.decode()
    assert "CITISENSE" in default_home and "/en/cities/piraeus/" in default_home
    assert "/en/cities/castelluce/" not in default_home
    assert (
        "demo-shadeways-open-shade-walk" in client.get("/en/meetings/", **ON_DEMO).content.decode()
    )
    assert client.get(f"/en/meetings/{meeting.slug}/register/", **ON_DEMO).status_code == 200


def test_each_network_shows_only_its_own_news(both, client):
    demo_home = client.get("/en/", **ON_DEMO).content.decode()
    assert (
        "/en/news/citisense-kick-off-paris/"
        not in client.get("/en/news/", **ON_DEMO).content.decode()
    )
    assert "/en/news/demo-shadeways-under-way/" not in client.get("/en/news/").content.decode()
    assert "Piraeus" not in demo_home


def test_every_text_of_the_demo_network_is_in_all_eight_languages():
    data = json.loads(DEMO_NETWORK_FILE.read_text(encoding="utf-8"))
    languages = {"el", "en", "it", "lv", "hu", "nl", "es", "ca"}
    texts = [data["network"]["tagline"], data["network"]["description"]]
    for key in ("cities", "practices", "meetings", "articles", "indicators"):
        for item in data[key]:
            texts += [item.get("name") or item.get("title")]
    texts += [data["open_meeting"]["title"], data["open_meeting"]["agenda"]]
    for text in texts:
        assert set(text) == languages and all(text.values()), text
    assert data["network"]["hosts"] == [DEMO_HOST]
    assert not data["network"]["sources"]  # no fact: everything is demo


def test_seeding_both_twice_changes_nothing(both):
    first = row_counts()
    seed_citisense()
    seed_demo_network()
    assert row_counts() == first


def citisense_snapshot(network: Network) -> dict:
    """Everything of CITISENSE a visitor or a coordinator sees."""

    def rows(queryset):
        return sorted((model_to_dict(row) for row in queryset), key=lambda row: row["id"])

    return {
        "network": model_to_dict(Network.objects.get(pk=network.pk)),
        "hosts": rows(NetworkHost.objects.filter(network=network)),
        "cities": rows(City.objects.filter(network=network)),
        "practices": rows(Practice.objects.filter(network=network)),
        "steps": rows(TransferStep.objects.filter(transfer__city__network=network)),
        "meetings": rows(Meeting.objects.filter(network=network)),
        "indicators": rows(Indicator.objects.filter(network=network)),
        "periods": rows(ReportingPeriod.objects.filter(network=network)),
        "articles": rows(Article.objects.filter(cities__network=network).distinct()),
        "roles": sorted(
            Membership.objects.filter(city__network=network).values_list(
                "user__email", "city__slug", "role"
            )
        ),
    }


def test_adding_the_demo_network_leaves_citisense_as_it_was(settings):
    settings.DEBUG = True
    seed_citisense()
    citisense = Network.objects.get(slug="citisense")
    before = citisense_snapshot(citisense)
    seed_demo_network()
    assert Network.objects.count() == 2
    assert citisense_snapshot(citisense) == before


def test_one_person_has_a_role_in_both_networks(both, client):
    citisense, demo = both
    expert = User.objects.get(email=BOTH_NETWORKS_EMAIL)
    assert sorted(expert.memberships.values_list("city__network__slug", "role")) == [
        ("citisense", Membership.Role.LEAD_EXPERT),
        ("demo-network", Membership.Role.LEAD_EXPERT),
    ]
    assert has_role_in(expert, citisense) and has_role_in(expert, demo)
    assert network_ids_of(expert) == {citisense.pk, demo.pk}
    # The demo network's own people have no role in CITISENSE.
    lead = User.objects.get(email="lead@shadeways.example")
    assert has_role_in(lead, demo) and not has_role_in(lead, citisense)
    coordinator = User.objects.get(email="coordinator.lindenmeer@shadeways.example")
    assert coordinator.preferred_language == "nl"


def test_a_file_may_not_take_over_another_networks_slug_or_host(both, tmp_path):
    citisense, demo = both
    data = json.loads(DEMO_NETWORK_FILE.read_text(encoding="utf-8"))
    data["network"].update(slug="third", name="Third (demo)", hosts=["third.localhost"])
    data["cities"][0]["slug"] = "piraeus"
    path = tmp_path / "third.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError, match="piraeus"):
        call_command("seed_demo", "--data", str(path), verbosity=0)
    assert City.objects.get(slug="piraeus").network == citisense
    assert not Network.objects.filter(slug="third").exists()  # nothing half-loaded

    data = json.loads(DEMO_NETWORK_FILE.read_text(encoding="utf-8"))
    data["network"].update(slug="third", name="Third (demo)")
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError, match=DEMO_HOST):
        call_command("seed_demo", "--data", str(path), verbosity=0)
    assert NetworkHost.objects.get(host=DEMO_HOST).network == demo
