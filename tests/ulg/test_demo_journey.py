"""The issue's "done when", on the seeded demo network: Manresa's coordinator builds the
register, holds a ULG meeting, records who came and an action for the police, sees the action
in the workspace, and the public Manresa page shows the group by sector without personal data."""

import datetime as dt
import zoneinfo

import pytest
import time_machine

from cities.models import City
from meetings.models import Meeting
from portal.seed import load_data, seed_demo_users, seed_network
from ulg.models import Organisation, Outcome

pytestmark = pytest.mark.django_db

MADRID = zoneinfo.ZoneInfo("Europe/Madrid")
PASSWORD = "citisense-demo"


@pytest.fixture
def demo(settings):
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = False
    # A day while the network runs; the seed's demo closing date keeps the demo writable later.
    with time_machine.travel(dt.datetime(2026, 5, 12, 19, 0, tzinfo=MADRID), tick=False):
        data = load_data()
        seed_network(data=data)
        seed_demo_users(data=data, password=PASSWORD)
        yield


def test_manresas_coordinator_runs_the_local_group(client, demo):
    response = client.post(
        "/en/accounts/login/",
        {"login": "coordinator.manresa@citisense.example", "password": PASSWORD},
    )
    assert response.status_code == 302
    manresa = City.objects.get(slug="manresa")
    assert not Organisation.objects.filter(city=manresa).exists()
    assert Organisation.objects.exclude(is_demo=True).count() == 0  # seeded ones are demo

    for name, sector, contact in (
        ("Municipal police", "police", "Ada Agent"),
        ("Historic centre traders", "business", "Bru Botiguer"),
    ):
        response = client.post(
            "/en/workspace/ulg/organisations/new/",
            {
                "city": manresa.pk,
                "name": name,
                "sector": sector,
                "joined_on": "2026-05-01",
                "listed_publicly": "on" if sector == "police" else "",
                "contact_name": contact,
                "contact_email": f"{contact.split()[0].lower()}@example.org",
            },
        )
        assert response.status_code == 302, response.content.decode()[:3000]
    police, traders = Organisation.objects.filter(city=manresa).order_by("name").reverse()

    response = client.post(
        "/en/workspace/meetings/new/",
        {
            "kind": "local_ulg",
            "title_en": "ULG meeting on the historic centre",
            "title_el": "",
            "agenda_en": "Night-time safety in the old town.",
            "agenda_el": "",
            "start": "2026-05-12T17:00",
            "end": "2026-05-12T18:30",
            "timezone": "Europe/Madrid",
            "host_city": manresa.pk,
            "venue_en": "Civic centre",
            "venue_el": "",
            "online_url": "",
            "is_public": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting = Meeting.objects.get(title_en="ULG meeting on the historic centre")

    response = client.post(
        f"/en/workspace/ulg/meetings/{meeting.pk}/attendance/",
        {"people": 12, "organisations": [police.pk, traders.pk], "sector_police": 2},
    )
    assert response.status_code == 302
    response = client.post(
        f"/en/workspace/ulg/meetings/{meeting.pk}/outcomes/",
        {
            "kind": "action",
            "text": "Walk the old town at night with the traders",
            "owner_organisation": police.pk,
            "due_date": "2026-06-15",
        },
    )
    assert response.status_code == 302
    client.post(
        f"/en/workspace/ulg/meetings/{meeting.pk}/outcomes/",
        {"kind": "decision", "text": "Shops keep their window lights on until midnight"},
    )
    assert Outcome.objects.get(meeting=meeting, kind="action").owner_organisation == police

    workspace = client.get("/en/workspace/").content.decode()
    assert "Walk the old town at night with the traders" in workspace
    assert "Municipal police" in workspace

    client.logout()
    html = client.get("/en/cities/manresa/").content.decode()
    assert "2 organisations take part." in html
    assert "Police" in html and "Business" in html
    assert "Municipal police" in html  # agreed to be listed
    assert "Historic centre traders" not in html
    assert "1 URBACT Local Group meeting held." in html
    assert "Shops keep their window lights on until midnight" in html
    for private in ("Ada Agent", "Bru Botiguer", "@example.org", "Walk the old town"):
        assert private not in html
