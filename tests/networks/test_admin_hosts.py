"""A host name belongs to one network: the network's admin form refuses another's, clearly."""

import pytest
from django.urls import reverse

from cities.hosts import NetworkHost
from cities.models import Membership
from portal.seed import ensure_lead_staff_group
from tests.factories import CityFactory, MembershipFactory, UserFactory, activate_totp
from tests.networks.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db

CLAIMED = "Another network already answers on this host name."


@pytest.fixture
def lead_a(network_a):
    user = UserFactory(email="lead-a@example.org", is_staff=True, preferred_language="en")
    user.groups.add(ensure_lead_staff_group())
    city = CityFactory(network=network_a, role="lead_partner")
    MembershipFactory(user=user, city=city, role=Membership.Role.LEAD_STAFF)
    activate_totp(user)
    return user


def _with_host(client, network, host: str) -> dict:
    page = client.get(reverse("admin:cities_network_change", args=[network.pk]))
    assert page.status_code == 200
    data = admin_form_data(page)
    row = int(data["hosts-TOTAL_FORMS"])
    data["hosts-TOTAL_FORMS"] = str(row + 1)
    data[f"hosts-{row}-host"] = host
    data[f"hosts-{row}-network"] = str(network.pk)
    return data


def _inline_errors(response) -> str:
    (hosts,) = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is NetworkHost
    ]
    return " ".join(str(error) for form in hosts.forms for error in form.errors.values())


@pytest.mark.parametrize("typed", ["b.example", "B.Example"])
def test_a_host_name_of_another_network_is_refused_with_a_clear_error(
    client, lead_a, network_a, network_b, typed
):
    client.force_login(lead_a)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("admin:cities_network_change", args=[network_a.pk]),
        _with_host(client, network_a, typed),
    )
    assert response.status_code == 200  # the form again, with the error at the row
    assert CLAIMED in _inline_errors(response)
    assert "Please correct the error below." in response.content.decode()
    assert list(NetworkHost.objects.values_list("network", "host")) == [(network_b.pk, "b.example")]


def test_a_free_host_name_is_added(client, lead_a, network_a, network_b):
    client.force_login(lead_a)
    response = client.post(
        reverse("admin:cities_network_change", args=[network_a.pk]),
        _with_host(client, network_a, "a.example"),
    )
    assert response.status_code == 302
    assert network_a.hosts.get().host == "a.example"


def test_an_address_instead_of_a_host_name_is_refused(client, lead_a, network_a):
    client.force_login(lead_a)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("admin:cities_network_change", args=[network_a.pk]),
        _with_host(client, network_a, "https://a.example/"),
    )
    assert response.status_code == 200
    assert "without “https://”" in _inline_errors(response)
    assert not NetworkHost.objects.filter(network=network_a).exists()
