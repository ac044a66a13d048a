from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from cities.models import City, Network
from meetings.models import Meeting
from news.models import Article
from practices.models import Practice, TransferStep

pytestmark = pytest.mark.django_db

PORTAL_APPS = (
    "accounts",
    "cities",
    "practices",
    "meetings",
    "news",
    "account",
    "indicators",
    "outputs",
)


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in PORTAL_APPS
    }


def test_seed_loads_the_real_network_facts(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--with-demo-users", verbosity=0)
    network = Network.objects.get()
    # URBACT's call page and regio7.cat give 31 August (the old seed text said 30 August).
    assert (network.start_date, network.end_date) == (date(2024, 9, 1), date(2026, 8, 31))
    assert network.total_budget == Decimal("543345.40")
    assert sorted(City.objects.values_list("slug", flat=True)) == sorted(
        ["piraeus", "naples", "liepaja", "fot", "geel", "manresa"]
    )
    piraeus = City.objects.get(slug="piraeus")
    assert piraeus.role == City.Role.LEAD_PARTNER
    assert piraeus.budget == Decimal("176750.00")
    assert piraeus.erdf_rate == Decimal("70.00")
    assert piraeus.name_el == "Πειραιάς"
    kick_off = Meeting.objects.get(slug="kick-off-paris-2024")
    assert kick_off.local_start.date() == date(2024, 10, 1)
    assert kick_off.local_end.date() == date(2024, 10, 2)
    assert Practice.objects.count() == 6
    for slug in ["naples", "liepaja", "fot", "geel", "manresa"]:
        phases = set(
            TransferStep.objects.filter(transfer__city__slug=slug).values_list("phase", flat=True)
        )
        assert phases == {"understand", "adapt", "reuse"}
    article = Article.objects.get(slug="citisense-kick-off-paris")
    assert article.title_el and article.title_en and article.body_el and article.body_en


def test_seed_twice_gives_the_same_row_counts(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--with-demo-users", verbosity=0)
    first = row_counts()
    call_command("seed_demo", "--with-demo-users", verbosity=0)
    assert row_counts() == first


def test_seed_keeps_what_coordinators_changed(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    step = TransferStep.objects.filter(status="planned").first()
    step.status, step.progress = "in_progress", 15
    step.save()
    call_command("seed_demo", verbosity=0)
    step.refresh_from_db()
    assert (step.status, step.progress) == ("in_progress", 15)


def test_demo_users_are_refused_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG"):
        call_command("seed_demo", "--with-demo-users", verbosity=0)


def test_demo_users_can_sign_in(settings, client):
    settings.DEBUG = True
    call_command("seed_demo", "--with-demo-users", verbosity=0)
    assert client.login(email="coordinator.naples@citisense.example", password="citisense-demo")
    assert client.login(email="lead@citisense.example", password="citisense-demo")
