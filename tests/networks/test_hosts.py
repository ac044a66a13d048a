"""A request's host name picks its network; unknown hosts get the default network."""

import pytest
from django.db import IntegrityError

from cities.hosts import NetworkHost
from cities.models import Network
from common.hosts import claimed_hosts
from tests.networks.conftest import B_HOST

pytestmark = pytest.mark.django_db


def test_each_host_shows_its_own_network(client, network_a, network_b, on_b):
    assert network_a.name in client.get("/en/").content.decode()
    page = client.get("/en/", **on_b).content.decode()
    assert network_b.name in page
    assert network_a.name not in page


def test_a_host_nobody_claims_gets_the_default_network(network_a, network_b):
    assert Network.objects.for_host("testserver") == network_a
    assert Network.objects.for_host("B.Example:8000") == network_b
    assert Network.objects.default() == network_a


def test_without_a_default_an_unknown_host_is_refused(client, settings, network_a, network_b, on_b):
    settings.DEFAULT_NETWORK = ""
    response = client.get("/en/")
    assert response.status_code == 400
    # Before any language is chosen from the address: the site's default language.
    assert "Κανένα δίκτυο αυτής της πύλης δεν απαντά" in response.content.decode()
    assert client.get("/en/", **on_b).status_code == 200


def test_allowed_hosts_follow_the_networks(client, network_a, settings):
    assert client.get("/en/", HTTP_HOST="next.example").status_code == 400
    NetworkHost.objects.create(network=network_a, host="next.example")
    assert "next.example" in claimed_hosts()
    assert client.get("/en/", HTTP_HOST="next.example").status_code == 200


def test_a_host_is_claimed_once(network_a, network_b):
    with pytest.raises(IntegrityError):
        NetworkHost.objects.create(network=network_a, host=B_HOST)


def test_links_use_the_networks_own_address(network_b, settings):
    settings.SITE_URL = "https://portal.example"
    assert Network.objects.get(pk=network_b.pk).address == f"https://{B_HOST}"
    assert Network.objects.for_host(B_HOST).address == f"https://{B_HOST}"


def test_forms_stay_protected_against_cross_site_requests(network_a, network_b, on_b):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    login = {"login": "someone@example.org", "password": "wrong"}
    assert browser.post("/en/accounts/login/", login, **on_b).status_code == 403
    browser.get("/en/accounts/login/", **on_b)
    token = browser.cookies["csrftoken"].value
    answer = browser.post("/en/accounts/login/", {**login, "csrfmiddlewaretoken": token}, **on_b)
    assert answer.status_code == 200  # the form again, with its error: the token was accepted
