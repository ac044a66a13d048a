"""A closed network's record is read-only in the admin from every host, also from the host of
another network its lead staff still work in."""

import pytest
from django.urls import reverse
from django.utils import timezone

from cities.models import City, Membership, NetworkClosure
from portal.seed import ensure_lead_staff_group
from tests.factories import CityFactory, MembershipFactory, UserFactory, activate_totp
from tests.networks.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead_of_both(network_a, network_b):
    user = UserFactory(email="lead-both@example.org", is_staff=True, preferred_language="en")
    user.groups.add(ensure_lead_staff_group())
    for network in (network_a, network_b):
        city = CityFactory(network=network, role="lead_partner")
        MembershipFactory(user=user, city=city, role=Membership.Role.LEAD_STAFF)
    activate_totp(user)
    return user


def test_a_closed_networks_city_cannot_be_changed_from_another_networks_host(
    client, network_a, network_b, lead_of_both, on_b
):
    city_a = CityFactory(network=network_a, name_en="Closed town")
    city_b = CityFactory(network=network_b, name_en="Open town")
    NetworkClosure.objects.create(
        network=network_a, closed_at=timezone.now(), closed_by=lead_of_both
    )
    client.force_login(lead_of_both)

    page = client.get(reverse("admin:cities_city_change", args=[city_a.pk]), **on_b)
    assert page.status_code == 200
    assert "Closed town" in page.content.decode()
    assert 'name="_save"' not in page.content.decode()  # shown, not offered for change
    data = admin_form_data(page)
    data["name_en"] = "Renamed"
    answer = client.post(reverse("admin:cities_city_change", args=[city_a.pk]), data, **on_b)
    assert answer.status_code == 403
    assert City.objects.get(pk=city_a.pk).name_en == "Closed town"
    assert (
        client.post(
            reverse("admin:cities_city_delete", args=[city_a.pk]), {"post": "yes"}, **on_b
        ).status_code
        == 403
    )
    assert City.objects.filter(pk=city_a.pk).exists()

    # The running network's own city still is.
    page = client.get(reverse("admin:cities_city_change", args=[city_b.pk]), **on_b)
    assert 'name="_save"' in page.content.decode()
