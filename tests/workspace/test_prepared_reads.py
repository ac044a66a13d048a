"""The workspace home's reads built once per process find what the ORM's scoped reads find."""

import datetime as dt

import pytest
from django.utils import timezone

from cities.models import Membership
from practices import selectors
from tests.factories import CityFactory, DeliverableFactory, MembershipFactory, UserFactory
from workspace.deliverable_rows import (
    DELIVERABLE_LIST_VALUES,
    DELIVERABLE_ORDER,
    first_visible_deliverables,
)
from workspace.rows import ListWords, first_visible_transfers, transfers_of
from workspace.selectors import may_add_steps, next_due

pytestmark = pytest.mark.django_db


@pytest.fixture
def deliverables(network, city, other_city, lead_city):
    today = timezone.localdate()
    made = []
    for number, place in enumerate([city, other_city, lead_city, city, None, city]):
        made.append(
            DeliverableFactory(
                city=place,
                network=network,
                kind="transferability_study" if place is None else "other",
                title=f"Deliverable {number}",
                due_date=today + dt.timedelta(days=number % 3 - 1),
                status="done" if number == 3 else "planned",
            )
        )
    return made


def test_the_first_deliverables_and_the_next_due_are_the_scoped_ones(
    network, coordinator, lead_staff, other_coordinator, deliverables
):
    other_network_city = CityFactory()
    stranger = UserFactory()
    MembershipFactory(user=stranger, city=other_network_city, role=Membership.Role.CITY_COORDINATOR)
    columns = (*DELIVERABLE_LIST_VALUES, "city__name_en")
    for person in (coordinator, lead_staff, other_coordinator, stranger):
        visible = selectors.deliverables_visible_to(person, network)
        scope = selectors.scope_of(person, network)
        if person is stranger:
            assert scope is None  # nothing to see in this network: the ORM's path
            continue
        expected = list(visible.order_by(*DELIVERABLE_ORDER).values(*columns)[:4])
        read = first_visible_deliverables(scope, 4)
        assert [(r["pk"], r["city__name_en"]) for r in read] == [
            (r["pk"], r["city__name_en"]) for r in expected
        ]
        assert read
        steps = selectors.steps_visible_to(person, network)
        words = ListWords()
        by_orm = next_due(steps=steps, deliverables=visible, words=words)
        prepared = next_due(steps=steps, deliverables=visible, words=words, scope=scope)
        assert prepared == by_orm and by_orm


def test_who_may_add_steps_is_who_may_change_a_transfer(
    network, transfer, coordinator, lead_staff, other_coordinator
):
    stranger = UserFactory()
    for person in (coordinator, lead_staff, other_coordinator, stranger):
        expected = selectors.transfers_editable_by(person, network).exists()
        assert may_add_steps(person, network) == expected
    assert may_add_steps(coordinator, network) and may_add_steps(lead_staff, network)
    assert not may_add_steps(other_coordinator, network)  # no transfer in their city


def test_the_first_page_of_transfers_is_the_scoped_one(
    network, step, other_step, coordinator, lead_staff, other_coordinator
):
    for person in (coordinator, lead_staff, other_coordinator):
        expected = list(transfers_of(selectors.steps_visible_to(person, network))[:1])
        read = first_visible_transfers(selectors.scope_of(person, network), 1)
        assert read == expected and read
    everything = transfers_of(selectors.steps_visible_to(lead_staff, network))
    assert len(everything) == 2  # the lead's first page of one is not all of them
