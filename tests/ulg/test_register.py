"""The ULG register in the workspace: who may read and change which city's organisations."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from tests.factories import OrganisationFactory, OutcomeFactory
from ulg.models import Organisation

from .conftest import url

pytestmark = pytest.mark.django_db


def organisation_data(city, **overrides) -> dict:
    data = {
        "city": city.pk,
        "name": "Neighbourhood association",
        "sector": "residents",
        "joined_on": "2025-03-01",
        "left_on": "",
        "contact_name": "Anna Example",
        "contact_email": "anna@example.org",
    }
    data.update(overrides)
    return data


def test_anonymous_visitors_are_sent_to_sign_in(client, police):
    for path in (
        url("register"),
        url("organisation_add"),
        url("organisation_edit", police.pk),
        url("export", "csv"),
    ):
        response = client.get(path)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_a_coordinator_keeps_their_own_citys_register(client, coordinator, city):
    client.force_login(coordinator)
    assert client.get(url("organisation_add")).status_code == 200
    response = client.post(url("organisation_add"), organisation_data(city))
    assert response.status_code == 302
    organisation = Organisation.objects.get()
    assert (organisation.city, organisation.contact_email) == (city, "anna@example.org")
    assert not organisation.listed_publicly  # only with the organisation's agreement
    page = client.get(url("register")).content.decode()
    assert "Neighbourhood association" in page
    assert "anna@example.org" in page  # the coordinator sees the private contact

    response = client.post(
        url("organisation_edit", organisation.pk),
        organisation_data(city, left_on="2026-01-31", listed_publicly="on"),
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.left_on == dt.date(2026, 1, 31)
    assert organisation.listed_publicly


def test_another_citys_organisation_is_not_found_and_stays_unchanged(
    client, other_coordinator, police
):
    client.force_login(other_coordinator)
    assert client.get(url("organisation_edit", police.pk)).status_code == 404
    response = client.post(url("organisation_edit", police.pk), {"name": "Taken over"})
    assert response.status_code == 404
    assert client.post(url("organisation_delete", police.pk)).status_code == 404
    police.refresh_from_db()
    assert police.name == "Local police"
    page = client.get(url("register")).content.decode()
    assert "Local police" not in page
    assert "marta.secret@example.org" not in page


def test_a_tampered_city_id_is_refused_and_nothing_saved(client, coordinator, other_city):
    client.force_login(coordinator)
    response = client.post(url("organisation_add"), organisation_data(other_city))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Organisation.objects.exists()


def test_lead_staff_see_and_change_every_citys_register(
    client, lead_staff, police, foreign_organisation, other_city
):
    client.force_login(lead_staff)
    page = client.get(url("register")).content.decode()
    assert "Local police" in page
    assert "Othertown traders" in page
    response = client.post(url("organisation_add"), organisation_data(other_city))
    assert response.status_code == 302
    assert Organisation.objects.filter(city=other_city).count() == 2


def test_the_same_name_twice_in_a_city_is_refused_in_greek(client, coordinator, city, police):
    client.force_login(coordinator)
    response = client.post(
        url("organisation_add", language="el"), organisation_data(city, name="  LOCAL   Police ")
    )
    assert response.status_code == 200
    assert "Ο φορέας υπάρχει ήδη στο μητρώο της πόλης." in response.content.decode()
    assert Organisation.objects.count() == 1


def test_the_same_name_in_another_city_is_fine(client, lead_staff, other_city, police):
    client.force_login(lead_staff)
    response = client.post(
        url("organisation_add"), organisation_data(other_city, name="Local police"), follow=True
    )
    assert "The organisation is added to the register." in response.content.decode()
    assert sorted(
        Organisation.objects.filter(name="Local police").values_list("city__slug", flat=True)
    ) == sorted([police.city.slug, other_city.slug])


def test_leaving_before_joining_is_refused(client, coordinator, city):
    client.force_login(coordinator)
    response = client.post(
        url("organisation_add"),
        organisation_data(city, joined_on="2025-03-01", left_on="2025-02-01"),
    )
    assert response.status_code == 200
    assert "An organisation cannot leave before it joined." in response.content.decode()
    assert not Organisation.objects.exists()


def test_removing_an_organisation_removes_its_contact_person(client, coordinator, police):
    client.force_login(coordinator)
    assert client.get(url("organisation_delete", police.pk)).status_code == 200
    assert client.post(url("organisation_delete", police.pk)).status_code == 302
    assert not Organisation.objects.filter(contact_email="marta.secret@example.org").exists()


def test_an_organisation_owning_actions_is_kept(client, coordinator, police, ulg_meeting):
    OutcomeFactory(
        meeting=ulg_meeting,
        kind="action",
        owner_organisation=police,
        due_date=timezone.localdate(),
        status="open",
    )
    client.force_login(coordinator)
    response = client.post(url("organisation_delete", police.pk))
    assert response.status_code == 400
    assert "record the day it left" in response.content.decode()
    assert Organisation.objects.filter(pk=police.pk).exists()


def test_the_lead_expert_reads_but_does_not_change(client, lead_city, police):
    from cities.models import Membership
    from tests.factories import MembershipFactory, UserFactory

    expert = UserFactory(email="expert@example.org")
    MembershipFactory(user=expert, city=lead_city, role=Membership.Role.LEAD_EXPERT)
    client.force_login(expert)
    assert "Local police" in client.get(url("register")).content.decode()
    assert client.get(url("organisation_edit", police.pk)).status_code == 403
    assert client.get(url("organisation_add")).status_code == 403


def test_after_final_reporting_closes_coordinators_only_read(
    client, coordinator, lead_staff, city, police, network
):
    closed = network.final_reporting_closes + dt.timedelta(days=1)
    with time_machine.travel(dt.datetime.combine(closed, dt.time(10)), tick=False):
        client.force_login(coordinator)
        assert client.get(url("register")).status_code == 200
        assert client.get(url("organisation_add")).status_code == 403
        assert client.post(url("organisation_add"), organisation_data(city)).status_code == 403
        response = client.post(
            url("organisation_edit", police.pk), organisation_data(city, name="Renamed")
        )
        assert response.status_code == 403
        assert client.post(url("organisation_delete", police.pk)).status_code == 403
        police.refresh_from_db()
        assert police.name == "Local police"
        assert Organisation.objects.count() == 1
        # Lead staff may still correct.
        client.force_login(lead_staff)
        response = client.post(
            url("organisation_edit", police.pk), organisation_data(city, name="Municipal police")
        )
        assert response.status_code == 302


def test_the_register_page_has_a_bounded_number_of_queries(
    client, lead_staff, network, django_assert_max_num_queries
):
    from tests.factories import CityFactory

    for _ in range(4):
        city = CityFactory(network=network)
        for number in range(12):
            OrganisationFactory(city=city, sector="education" if number % 2 else "police")
    client.force_login(lead_staff)
    with django_assert_max_num_queries(16):
        response = client.get(url("register"))
    assert response.status_code == 200
    assert response.content.decode().count("ulg/organisations/") >= 48
