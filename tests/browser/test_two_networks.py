"""Two networks in one portal, as a person who works in both meets them in a browser: each
address shows its own network, the workspace switcher leads from one to the other, and on a
network where they have no role they get a page that says so. At phone and desktop widths, in
Greek and in Hungarian."""

import pytest
from playwright.sync_api import expect

from cities.hosts import NetworkHost
from cities.models import Membership
from tests.factories import CityFactory, MembershipFactory, NetworkFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Chromium sends every *.localhost name to this machine, where the live server listens.
B_HOST = "second.localhost"


@pytest.fixture
def two_networks(settings, live_server):
    # Networks' addresses take the deployment's scheme and port: here the live server's.
    settings.SITE_URL = live_server.url
    first = NetworkFactory(slug="citisense", name="First network")
    second = NetworkFactory(name="Second network")
    NetworkHost.objects.create(network=second, host=B_HOST, is_primary=True)
    return first, second


def _address_on(live_server, host: str) -> str:
    return live_server.url.replace("localhost", host).replace("127.0.0.1", host)


def _fits(page) -> None:
    width = page.evaluate("window.innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize(
    ("language", "no_role"), [("el", "Δεν έχετε ρόλο"), ("hu", "nincs szerepköre")]
)
def test_one_person_two_networks(
    new_context, sign_in_as, live_server, two_networks, width, language, no_role
):
    first, second = two_networks
    person = UserFactory(email="both@example.org", preferred_language=language)
    for network in (first, second):
        city = CityFactory(network=network)
        MembershipFactory(user=person, city=city, role=Membership.Role.CITY_COORDINATOR)
    stranger = UserFactory(email="first-only@example.org", preferred_language=language)
    MembershipFactory(
        user=stranger, city=CityFactory(network=first), role=Membership.Role.CITY_COORDINATOR
    )
    second_address = _address_on(live_server, B_HOST)

    context = new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"/{language}/")
    expect(page.locator("header")).to_contain_text("First network")
    page.goto(f"{second_address}/{language}/")
    expect(page.locator("header")).to_contain_text("Second network")
    _fits(page)

    sign_in_as(context, person)
    page.goto(f"/{language}/workspace/")
    switcher = page.locator(".network-switcher")
    expect(switcher).to_contain_text("Second network")
    _fits(page)
    # The switcher leads to the second network's own address (a sign-in there, then its
    # workspace: each address keeps its own session unless the deployment shares the cookie).
    link = switcher.get_by_role("link", name="Second network")
    assert link.get_attribute("href").startswith(second_address)

    other = new_context(viewport={"width": width, "height": 900}, base_url=second_address)
    sign_in_as_on(other, stranger, second_address)
    page = other.new_page()
    page.goto(f"/{language}/workspace/")
    expect(page.locator("main h1")).to_contain_text(no_role)
    _fits(page)


def sign_in_as_on(context, user, address: str) -> None:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": address, "httpOnly": True}]
    )
