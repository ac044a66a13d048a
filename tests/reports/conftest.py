import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation

from cities.models import Membership
from reports import services
from reports.models import ReportingPeriod
from tests.factories import (
    CityFactory,
    MembershipFactory,
    PracticeFactory,
    TransferFactory,
    TransferStepFactory,
    UserFactory,
)


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


@pytest.fixture
def period(network):
    """The period that ends today, due in a week."""
    return ReportingPeriod.objects.create(
        network=network, number=1, start_date=days(-60), end_date=days(0), due_date=days(7)
    )


@pytest.fixture
def practice(network):
    return PracticeFactory(
        network=network, title_en="Safe playgrounds", title_el="Ασφαλείς παιδικές χαρές"
    )


@pytest.fixture
def step(city, practice):
    """A step at 40%, added before the period began."""
    with time_machine.travel(timezone.now() - dt.timedelta(days=90)):
        return TransferStepFactory(transfer=TransferFactory(city=city, practice=practice))


@pytest.fixture
def other_city(network):
    return CityFactory(network=network, name_en="Othertown", name_el="Άλληπολη")


@pytest.fixture
def other_coordinator(other_city):
    user = UserFactory(email="other.coordinator@example.org")
    MembershipFactory(user=user, city=other_city, role=Membership.Role.CITY_COORDINATOR)
    return user


@pytest.fixture
def lead_expert(lead_city):
    user = UserFactory(email="expert@example.org", full_name="Lead Expert")
    MembershipFactory(user=user, city=lead_city, role=Membership.Role.LEAD_EXPERT)
    return user


@pytest.fixture
def draft(period, city, coordinator):
    return services.open_report(period=period, city=city, user=coordinator)


def write(report, user, *, submit=False, **text):
    fields = {
        "achievements": "We restored two playgrounds.",
        "difficulties": "",
        "next_steps": "Train the ULG members.",
    }
    fields.update(text)
    return services.save_report(
        report=report, user=user, expected_version=report.version, submit=submit, **fields
    )


@pytest.fixture
def submitted(draft, coordinator):
    return write(draft, coordinator, submit=True)


@pytest.fixture
def accepted(submitted, lead_staff):
    return services.accept_report(
        report=submitted, user=lead_staff, expected_version=submitted.version
    )


def en_url(name: str, *args) -> str:
    """Pages in English, so that tests read like the English interface."""
    with translation.override("en"):
        return reverse(name, args=args)


def report_url(report_or_period, city=None) -> str:
    if city is None:
        return en_url("reports:city_report", report_or_period.period_id, report_or_period.city.slug)
    return en_url("reports:city_report", report_or_period.pk, city.slug)


def submit_through_pages(client, url, text: dict, *, version: int):
    """Submits as a coordinator does: "Submit…" on the draft saves it and leads to the
    confirmation page, whose "Yes, submit" sends it. Returns the confirmation's response."""
    import re

    response = client.post(url, text | {"version": version, "action": "submit"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"].endswith("/submit/")
    confirm = client.get(response["Location"])
    assert confirm.status_code == 200
    page = confirm.content.decode()
    assert 'class="button button--primary"' in page
    version_field = re.search(r'name="version" value="(\d+)"', page) or re.search(
        r'value="(\d+)"[^>]*name="version"', page
    )
    return client.post(response["Location"], {"version": version_field.group(1)})
