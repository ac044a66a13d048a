import datetime as dt

import pytest
from django.core import mail

from cities.models import Membership
from notifications.models import NotificationPreferences, OutboundEmail
from practices.digests import queue_daily_digests, queue_weekly_digests
from practices.models import Deliverable, TransferStep
from tests.factories import (
    CityFactory,
    DeliverableFactory,
    MembershipFactory,
    TransferFactory,
    TransferStepFactory,
    UserFactory,
)

from .conftest import NOW, SITE

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)
TODAY = NOW.date()


@pytest.fixture
def city_work(clock, city, greek_coordinator):
    transfer = TransferFactory(city=city, practice__title_en="Safety walks")
    return {
        "soon": TransferStepFactory(
            transfer=transfer, title="Set up the safety council", due_date=TODAY + 3 * DAY
        ),
        "late": TransferStepFactory(
            transfer=transfer, title="Map the dark spots", due_date=TODAY - 4 * DAY
        ),
        "later": TransferStepFactory(
            transfer=transfer, title="Pilot the app", due_date=TODAY + 10 * DAY
        ),
        "done": TransferStepFactory(
            transfer=transfer,
            title="Hold the kick-off",
            due_date=TODAY - 20 * DAY,
            status=TransferStep.Status.DONE,
            progress=100,
        ),
        "deliverable": DeliverableFactory(
            city=city, kind=Deliverable.Kind.DRAFT_INVESTMENT_PLAN, due_date=TODAY - 2 * DAY
        ),
        "elsewhere": TransferStepFactory(title="Another city's step", due_date=TODAY + DAY),
    }


def test_daily_digest_lists_the_citys_items_due_within_a_week_or_overdue(
    clock, city_work, greek_coordinator, on_commit
):
    assert on_commit(queue_daily_digests) == 1
    (message,) = mail.outbox
    assert message.to == [greek_coordinator.email]
    assert "3 εκκρεμότητες λήγουν σύντομα ή καθυστερούν" in message.subject
    body = message.body
    assert "Set up the safety council" in body
    assert "Map the dark spots" in body
    assert "καθυστέρηση 4 ημερών" in body
    assert "Προσχέδιο σχεδίου επενδύσεων" in body
    for absent in ("Pilot the app", "Hold the kick-off", "Another city's step"):
        assert absent not in body
    assert f"{SITE}/el/workspace/" in body
    html = message.alternatives[0][0]
    assert "<h2>" in html and "Set up the safety council" in html
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith(f"<{SITE}/el/account/notifications/unsubscribe/")
    assert unsubscribe[1:-1] in body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_daily_digest_goes_once_a_day(clock, city_work, on_commit):
    on_commit(queue_daily_digests)
    clock.shift(dt.timedelta(hours=10))
    assert on_commit(queue_daily_digests) == 0
    assert len(mail.outbox) == 1
    clock.shift(dt.timedelta(hours=14))  # the next morning
    assert on_commit(queue_daily_digests) == 1
    assert len(mail.outbox) == 2
    assert list(OutboundEmail.objects.order_by("occasion").values_list("occasion", flat=True)) == [
        "2026-05-04",
        "2026-05-05",
    ]


def test_no_digest_when_nothing_is_due(clock, city, greek_coordinator, on_commit):
    TransferStepFactory(transfer__city=city, due_date=TODAY + 30 * DAY)
    assert on_commit(queue_daily_digests) == 0
    assert mail.outbox == []
    assert not OutboundEmail.objects.exists()


def test_a_coordinator_of_two_cities_gets_one_digest_covering_both(
    clock, city_work, greek_coordinator, network, on_commit
):
    second = CityFactory(network=network, name_el="Γκέελ", name_en="Geel")
    MembershipFactory(user=greek_coordinator, city=second, role=Membership.Role.ULG_COORDINATOR)
    TransferStepFactory(transfer__city=second, title="Train the street team", due_date=TODAY)
    assert on_commit(queue_daily_digests) == 1
    body = mail.outbox[0].body
    assert "Γκέελ" in body and "Train the street team" in body
    assert "Set up the safety council" in body


def test_coordinators_who_switched_the_digest_off_get_none(
    clock, city_work, greek_coordinator, on_commit
):
    NotificationPreferences.objects.create(user=greek_coordinator, daily_digest=False)
    assert on_commit(queue_daily_digests) == 0


# --- Weekly network digest --------------------------------------------------------------------


@pytest.fixture
def network_week(clock, lead_staff, city):
    """A step moved from 20% to 60% this week, one changed only before, one overdue."""
    english_lead = UserFactory(email="lead.en@example.org", preferred_language="en")
    MembershipFactory(user=english_lead, city=lead_staff.memberships.get().city, role="lead_staff")
    transfer = TransferFactory(city=city, practice__title_en="Safety walks")
    clock.move_to(NOW - 20 * DAY)
    moved = TransferStepFactory(transfer=transfer, title="Recruit volunteers", progress=20)
    quiet = TransferStepFactory(transfer=transfer, title="Old news", progress=10)
    clock.move_to(NOW - 10 * DAY)
    quiet.progress = 30
    quiet.save()
    clock.move_to(NOW - 3 * DAY)
    moved.progress = 60
    moved.save()
    overdue = TransferStepFactory(
        transfer=transfer, title="Sign the data agreement", due_date=TODAY - 6 * DAY
    )
    clock.move_to(NOW)
    return {"moved": moved, "quiet": quiet, "overdue": overdue, "english_lead": english_lead}


def test_weekly_digest_reports_progress_changes_and_overdue_items_per_city(
    clock, network_week, lead_staff, city, on_commit
):
    assert on_commit(queue_weekly_digests) == 2
    sent = {message.to[0]: message for message in mail.outbox}
    english = sent["lead.en@example.org"]
    assert "Network week up to Monday 4 May 2026" in english.subject
    body = english.body
    assert f"== {city.name_en} ==" in body
    assert "Recruit volunteers (Safety walks): 20% → 60%" in body
    assert "Old news" not in body  # its change is older than a week
    assert "Sign the data agreement" in body
    assert "6 days late" in body
    assert english.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    greek = sent[lead_staff.email]
    assert "Αλλαγές προόδου" in greek.body
    assert "20% → 60%" in greek.body


def test_weekly_digest_goes_once_a_week(clock, network_week, on_commit):
    on_commit(queue_weekly_digests)
    clock.shift(3 * DAY)
    assert on_commit(queue_weekly_digests) == 0
    clock.shift(4 * DAY)  # the next Monday; the step is still overdue
    assert on_commit(queue_weekly_digests) == 2
    assert len(mail.outbox) == 4


def test_no_weekly_digest_when_nothing_moved_and_nothing_is_late(clock, lead_staff, on_commit):
    clock.move_to(NOW - 8 * DAY)
    TransferStepFactory(transfer__city=lead_staff.memberships.get().city, due_date=TODAY + DAY)
    clock.move_to(NOW)
    assert on_commit(queue_weekly_digests) == 0
    assert mail.outbox == []


def test_coordinators_do_not_get_the_weekly_digest(clock, network_week, coordinator, on_commit):
    on_commit(queue_weekly_digests)
    assert coordinator.email not in {message.to[0] for message in mail.outbox}
