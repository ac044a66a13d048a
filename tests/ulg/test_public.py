"""The public city page shows the ULG by sector, and never a person's name or email."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meetings.models import Meeting
from tests.factories import MeetingFactory, OrganisationFactory, OutcomeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_of(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = False

    def read(city, language="en"):
        response = client.get(f"/{language}/cities/{city.slug}/")
        assert response.status_code == 200
        return response.content.decode()

    return read


def held(network, city, *, public: bool, title: str, kind=Meeting.Kind.LOCAL_ULG):
    start = timezone.now() - dt.timedelta(days=10)
    return MeetingFactory(
        network=network,
        kind=kind,
        host_city=city,
        title_en=title,
        is_public=public,
        start=start,
        end=start + dt.timedelta(hours=2),
    )


def test_the_city_page_shows_sectors_counts_and_only_agreed_names(
    page_of, network, city, police, residents
):
    OrganisationFactory(
        city=city,
        name="Former partner",
        sector="business",
        joined_on=timezone.localdate() - dt.timedelta(days=300),
        left_on=timezone.localdate() - dt.timedelta(days=30),
        listed_publicly=True,
    )
    public = held(network, city, public=True, title="Open ULG meeting")
    private = held(network, city, public=False, title="Closed ULG meeting")
    OutcomeFactory(meeting=public, kind="decision", text="Light the market square")
    OutcomeFactory(meeting=private, kind="decision", text="Internal budget line")
    OutcomeFactory(
        meeting=public,
        kind="action",
        text="Walk with the police",
        owner_person="Pere Private",
        due_date=timezone.localdate(),
        status="open",
    )
    html = page_of(city)
    assert "2 organisations take part." in html
    assert "Police" in html and "Residents" in html
    assert "Local police" in html  # agreed to be listed
    assert "Old town residents" not in html  # did not agree
    assert "Former partner" not in html  # left the group
    assert "2 URBACT Local Group meetings held." in html
    assert "Light the market square" in html
    assert "Internal budget line" not in html
    assert "Walk with the police" not in html
    for private_text in (
        "Marta Secret",
        "marta.secret@example.org",
        "Jordi Hidden",
        "jordi.hidden@example.org",
        "Pere Private",
        "@example.org",
    ):
        assert private_text not in html


def test_a_city_without_a_group_shows_no_empty_section(page_of, city):
    assert "Who takes part in the URBACT Local Group" not in page_of(city)


def test_demo_organisations_are_marked_as_demo(page_of, city):
    OrganisationFactory(city=city, name="Demo: youth NGO", is_demo=True, listed_publicly=True)
    assert "Demo data" in page_of(city)


def test_an_edit_in_the_register_shows_at_once_on_the_cached_page(client, settings, city, police):
    settings.PAGE_CACHE_ENABLED = True
    assert "Local police" in client.get(f"/en/cities/{city.slug}/").content.decode()
    police.listed_publicly = False
    police.save()
    assert "Local police" not in client.get(f"/en/cities/{city.slug}/").content.decode()


def test_the_ulg_section_costs_the_same_queries_however_big_the_group(
    client, settings, network, city, django_assert_num_queries
):
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = False
    path = f"/en/cities/{city.slug}/"
    OrganisationFactory(city=city, listed_publicly=True)
    OutcomeFactory(meeting=held(network, city, public=True, title="First"), text="One decision")
    client.get(path)
    with CaptureQueriesContext(connection) as small:
        client.get(path)
    for number in range(30):
        OrganisationFactory(city=city, sector="police", listed_publicly=bool(number % 2))
    for number in range(8):
        meeting = held(network, city, public=True, title=f"Meeting {number}")
        OutcomeFactory(meeting=meeting, text=f"Decision {number}")
    with django_assert_num_queries(len(small)):
        assert "Decision 7" in client.get(path).content.decode()
