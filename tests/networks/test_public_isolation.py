"""The public pages of one network never show another network's objects, and an address of
another network's object answers 404 — looked at from A's host and from B's, both ways round.

Every kind of public object is in both networks (``public_sites``): cities, practices with the
progress of their transfers, meetings and their registration forms, news, published outputs,
indicators and the sources of the network's facts.
"""

import pytest

from tests.networks import public_sites

pytestmark = pytest.mark.django_db

# The two sites' fixtures (tests/networks/public_sites.py).
sites, pair = public_sites.sites, public_sites.pair


def page(client, site, path: str, status: int = 200) -> str:
    response = client.get(path, **site.host)
    assert response.status_code == status, (path, response.status_code)
    return response.content.decode()


def test_each_list_shows_its_own_network_only(client, pair):
    here, there = pair
    expected = {
        "/en/": [here.article.title_en, here.meeting.title_en],
        "/en/cities/": [here.city.name_en, here.solo_city.name_en],
        "/en/practices/": [here.practice.title_en, here.solo_practice.title_en],
        "/en/meetings/": [here.meeting.title_en, here.solo_meeting.title_en],
        "/en/news/": [here.article.title_en, here.solo_article.title_en],
        "/en/outputs/": [here.output.title_en],
        "/en/results/": [here.indicator.name_en, here.output.title_en],
        "/en/progress/": [here.city.name_en, here.practice.title_en],
        "/en/about/": [here.source.title],
        "/en/open-data/": [here.output.title_en],
    }
    for path, names in expected.items():
        shown = page(client, here, path)
        for name in names:
            assert name in shown, (path, name)
        assert there.word not in shown, path


def test_the_same_slug_shows_each_networks_own_object(client, pair):
    here, there = pair
    for path, name in (
        ("/en/cities/geel/", here.city.name_en),
        ("/en/practices/council/", here.practice.title_en),
        ("/en/meetings/kick-off/", here.meeting.title_en),
        ("/en/news/launch/", here.article.title_en),
    ):
        shown = page(client, here, path)
        assert name in shown, path
        assert there.word not in shown, path


def test_the_city_page_lists_its_networks_news_meetings_and_indicators(client, pair):
    here, there = pair
    shown = page(client, here, "/en/cities/geel/")
    for name in (here.article.title_en, here.meeting.title_en, here.indicator.name_en):
        assert name in shown
    assert there.word not in shown


def test_another_networks_addresses_answer_404(client, pair):
    here, there = pair
    for path in (
        f"/en/cities/{there.solo_city.slug}/",
        f"/en/practices/{there.solo_practice.slug}/",
        f"/en/meetings/{there.solo_meeting.slug}/",
        f"/en/meetings/{there.solo_meeting.slug}/calendar.ics",
        f"/en/meetings/{there.solo_meeting.slug}/register/",
        f"/en/meetings/{there.solo_meeting.slug}/register/sent/",
        f"/en/news/{there.solo_article.slug}/",
        f"/en/outputs/{there.output.pk}/download/",
    ):
        shown = page(client, here, path, status=404)
        assert there.word not in shown, path
    # ... while on their own host they are there.
    assert there.solo_city.name_en in page(client, there, f"/en/cities/{there.solo_city.slug}/")
    response = client.get(f"/en/outputs/{there.output.pk}/download/", **there.host)
    assert response.status_code == 200


def test_the_registration_form_is_only_on_its_networks_host(client, pair):
    here, there = pair
    form = page(client, here, f"/en/meetings/{here.solo_meeting.slug}/register/")
    assert here.solo_meeting.title_en in form
    response = client.post(
        f"/en/meetings/{there.solo_meeting.slug}/register/",
        {"name": "Someone", "email": "someone@example.org"},
        **here.host,
    )
    assert response.status_code == 404
    assert not there.solo_meeting.registrations.filter(email="someone@example.org").exists()


def test_a_registrants_links_open_only_on_their_networks_host(client, pair):
    from registrations.tokens import confirm_token, manage_token

    here, there = pair
    registration = there.registration
    personal = manage_token(registration_id=registration.pk, code=registration.check_in_code)
    confirm = confirm_token(registration_id=registration.pk)
    for path in (
        f"/en/registrations/r/{personal}/",
        f"/en/registrations/r/{personal}/calendar.ics",
        f"/en/registrations/confirm/{confirm}/",
    ):
        shown = page(client, here, path, status=404)
        assert registration.name not in shown and there.word not in shown
    response = client.post(f"/en/registrations/r/{personal}/cancel/", **here.host)
    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.status != registration.Status.CANCELLED
    # The same links work on their own host.
    assert there.solo_meeting.title_en in page(client, there, f"/en/registrations/r/{personal}/")


def test_search_finds_the_served_networks_objects_only(client, pair):
    here, there = pair
    for word in ("launch", "council", "kick", "Geel", "plan"):
        shown = page(client, here, f"/en/search/?q={word}")
        assert here.word in shown, word
        assert there.word not in shown, word
    # Searching for the other network's own word finds nothing of it.
    shown = page(client, here, f"/en/search/?q={there.word}")
    for name in there.names:
        assert name not in shown


def test_links_in_the_page_head_use_the_networks_own_address(client, pair):
    here, there = pair
    shown = page(client, here, "/en/news/launch/")
    assert f'<link rel="canonical" href="{here.address}/en/news/launch/">' in shown
    assert f'hreflang="el" href="{here.address}/el/news/launch/"' in shown
    assert there.address not in shown
