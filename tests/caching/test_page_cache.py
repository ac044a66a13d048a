"""The public page cache: fast for anonymous visitors, never stale after an edit, never shared
with signed-in people, and never a reason for an error page."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from caching.versioning import VERSION_KEY, is_live, renew_state
from tests.factories import ArticleFactory, CityFactory

HOME_EL = "/el/"
HOME_EN = "/en/"


def current_state() -> dict | None:
    """The live content version, as the page cache reads it."""
    state = cache.get(VERSION_KEY)
    return state if is_live(state) else renew_state()


@pytest.fixture
def cities(network, lead_city):
    CityFactory(network=network, name_en="Harbourton", name_el="Λιμανούπολη", slug="harbourton")
    return lead_city


def test_an_anonymous_visitor_gets_the_second_view_from_the_cache_without_queries(
    client, cities, django_assert_num_queries
):
    first = client.get(HOME_EL)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"

    with django_assert_num_queries(0):
        second = client.get(HOME_EL)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    # Security headers are added to cached pages as to fresh ones.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY"
    assert "Cookie" in second["Vary"]


def test_each_language_has_its_own_cached_page(client, cities):
    client.get(HOME_EL)
    client.get(HOME_EN)

    greek, english = client.get(HOME_EL), client.get(HOME_EN)

    assert greek["X-Page-Cache"] == english["X-Page-Cache"] == "hit"
    assert "Λιμανούπολη" in greek.content.decode()
    assert "Harbourton" in english.content.decode()
    assert "Harbourton" not in greek.content.decode()


def test_a_saved_edit_shows_at_once(client, cities):
    client.get(HOME_EN)
    city = cities.network.cities.get(slug="harbourton")

    city.name_en = "Harbour Bay"
    city.save()

    page = client.get(HOME_EN)
    assert page["X-Page-Cache"] == "miss"
    assert "Harbour Bay" in page.content.decode()
    assert "Harbourton" not in page.content.decode()


def test_a_deletion_shows_at_once(client, cities):
    client.get(HOME_EN)

    cities.network.cities.get(slug="harbourton").delete()

    assert "Harbourton" not in client.get(HOME_EN).content.decode()


def test_a_change_of_related_items_empties_the_cache(cities):
    article = ArticleFactory()
    token = current_state()["token"]

    article.cities.add(cities)

    assert current_state()["token"] != token


def test_the_edit_also_empties_the_cache_when_its_transaction_commits(
    cities, django_capture_on_commit_callbacks
):
    """A page rendered from the old rows while the edit was uncommitted must not survive it."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        cities.save()
        made_during_the_transaction = current_state()["token"]
    assert callbacks, "no invalidation waits for the commit"

    for callback in callbacks:
        callback()

    assert current_state()["token"] != made_during_the_transaction


def test_signing_in_does_not_empty_the_cache(client, cities, coordinator):
    token = current_state()["token"]

    client.post(
        reverse("account_login"),
        {"login": coordinator.email, "password": "correct-horse-battery"},
    )

    coordinator.refresh_from_db()
    assert coordinator.last_login is not None
    assert current_state()["token"] == token


def test_a_signed_in_persons_page_is_neither_served_from_nor_stored_in_the_cache(
    client, cities, coordinator
):
    anonymous = client.get(HOME_EN)
    assert "Sign out" not in anonymous.content.decode()

    client.force_login(coordinator)
    signed_in = client.get(HOME_EN)
    assert "X-Page-Cache" not in signed_in
    assert "Sign out" in signed_in.content.decode()

    client.logout()
    again = client.get(HOME_EN)
    assert again["X-Page-Cache"] == "hit"
    assert "Sign out" not in again.content.decode()


# Mid-morning in Athens: the article goes live before midnight, the other boundary.
@time_machine.travel(dt.datetime(2026, 5, 4, 7, 0, tzinfo=dt.UTC))
def test_scheduled_article_publication_starts_a_new_cache_generation(cities):
    """Nobody saves anything when a scheduled article goes live; the cache must turn anyway."""
    # Morning, so that the next boundary is the article and not midnight.
    goes_live = timezone.now() + dt.timedelta(hours=2)
    ArticleFactory(published_at=goes_live)
    cache.delete(VERSION_KEY)
    before = current_state()

    assert before["valid_until"] == pytest.approx(goes_live.timestamp())
    with time_machine.travel(goes_live - dt.timedelta(minutes=1)):
        assert current_state()["token"] == before["token"]
    with time_machine.travel(goes_live + dt.timedelta(seconds=1)):
        assert current_state()["token"] != before["token"]


def test_pages_still_render_and_content_still_saves_when_redis_is_down(client, cities, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "operations.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }

    for _ in range(2):
        page = client.get(HOME_EN)
        assert page.status_code == 200
        assert "Harbourton" in page.content.decode()
        assert page.get("X-Page-Cache") != "hit"

    city = cities.network.cities.get(slug="harbourton")
    city.name_en = "Saved anyway"
    city.save()
    assert "Saved anyway" in client.get(HOME_EN).content.decode()


def test_the_page_cache_can_be_switched_off(client, cities, settings):
    settings.PAGE_CACHE_ENABLED = False

    client.get(HOME_EN)

    assert "X-Page-Cache" not in client.get(HOME_EN)


def test_unlisted_pages_are_never_cached(client, cities, coordinator):
    login = reverse("account_login")

    client.get(login)

    assert "X-Page-Cache" not in client.get(login)


def test_a_person_with_an_expired_session_cookie_gets_a_fresh_page(client, cities):
    client.get(HOME_EN)
    client.cookies["sessionid"] = "expired-or-forged"

    page = client.get(HOME_EN)

    assert page.status_code == 200
    assert "X-Page-Cache" not in page
