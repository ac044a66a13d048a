"""The workspace shows the network of the host it is opened on: a person with roles in two
networks sees each on its own host and switches between them; someone with no role in the
host's network gets a clear page; lists and exports of one network name nothing of the other.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from cities.models import Membership
from tests.factories import MembershipFactory, UserFactory
from tests.networks.workspace.world import texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def both(a, b):
    """Coordinator of A's town and lead staff of network B."""
    person = UserFactory(email="both@example.org", full_name="Two Networks")
    MembershipFactory(user=person, city=a.city, role=Membership.Role.CITY_COORDINATOR)
    MembershipFactory(user=person, city=b.lead_city, role=Membership.Role.LEAD_STAFF)
    from tests.factories import activate_totp

    activate_totp(person)
    return person


WORKSPACE_LISTS = (
    "workspace:home",
    "ulg:register",
    "reports:index",
    "workspace_indicators:list",
    "workspace_meetings:list",
    "registrations_organise:list",
)


def _page(client, name, **host) -> str:
    response = client.get(reverse(name), **host)
    assert response.status_code == 200, name
    return response.content.decode()


def test_a_person_of_two_networks_sees_each_on_its_own_host(client, a, b, both, on_b):
    client.force_login(both)
    for name in WORKSPACE_LISTS:
        on_a_host, on_b_host = _page(client, name), _page(client, name, **on_b)
        for text in texts(b):
            assert text not in on_a_host, (name, text)
        for text in texts(a):
            assert text not in on_b_host, (name, text)
    # As coordinator of A's town they see its steps there; as lead staff of B, B's whole network.
    assert a.step.title in _page(client, "workspace:home")
    assert b.step.title in _page(client, "workspace:home", **on_b)
    # The whole-network pages are B's only: in A they are a coordinator.
    assert client.get(reverse("workspace:network")).status_code == 403
    network_page = _page(client, "workspace:network", **on_b)
    assert b.city.name_en in network_page and a.city.name_en not in network_page


def test_the_switcher_lists_the_persons_other_network(client, a, b, both, on_b, network_a):
    client.force_login(both)
    home = reverse("workspace:home")
    on_a_host = _page(client, "workspace:home")
    assert "Your other networks" in on_a_host
    assert f'href="{b.network.address}{home}"' in on_a_host
    assert "Network B" in on_a_host
    on_b_host = _page(client, "reports:index", **on_b)
    assert f'href="{network_a.address}{home}"' in on_b_host
    # Someone of one network only is offered no switch.
    client.force_login(a.coordinator)
    assert "Your other networks" not in _page(client, "workspace:home")


def test_the_switcher_costs_no_query_for_a_person_of_one_network(a, b, django_assert_num_queries):
    from cities.access import other_networks
    from cities.selectors import has_role_in

    assert has_role_in(a.coordinator, a.network)  # the memberships every page reads once
    with django_assert_num_queries(0):
        assert other_networks(a.coordinator, a.network) == []


def test_no_role_in_the_hosts_network_is_a_clear_page(client, a, b, on_b):
    """A's coordinator signed in on B's host: every workspace page is the "no role" page,
    linking to the public site and to A's workspace; nothing of B is shown."""
    client.force_login(a.coordinator)
    for name in (*WORKSPACE_LISTS, "workspace:network", "workspace:changes"):
        response = client.get(reverse(name), **on_b)
        assert response.status_code == 403, name
        page = response.content.decode()
        assert "You have no role in this network" in page
        assert "Network B" in page  # the page names the network it refuses
        assert f'href="{a.network.address}{reverse("workspace:home")}"' in page
        assert f'href="{reverse("portal:home")}"' in page
        for text in texts(b):
            assert text not in page


def test_no_role_anywhere_is_told_to_ask_for_an_invitation(client, a, b):
    client.force_login(UserFactory(email="nobody@example.org"))
    response = client.get(reverse("workspace:home"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "You have no role in this network" in page
    assert "ask its lead partner" in page
    assert "<html" in page and 'class="site-header"' in page  # a whole page of the site


def test_the_no_role_page_speaks_the_pages_language(client, a, b, on_b):
    client.force_login(a.coordinator)
    page = client.get("/el/workspace/", **on_b).content.decode()
    assert '<html lang="el">' in page
    with translation.override("el"):
        assert translation.gettext("You have no role in this network") in page


def test_superusers_work_in_every_network(client, a, b, on_b):
    admin = UserFactory(email="root@example.org", is_staff=True, is_superuser=True)
    from tests.factories import activate_totp

    activate_totp(admin)
    client.force_login(admin)
    page = _page(client, "workspace:home", **on_b)
    assert b.step.title in page and a.step.title not in page


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_from_bs_host_hold_no_row_of_a(client, a, b, on_b, fmt):
    from openpyxl import load_workbook

    client.force_login(b.lead)
    for name, kwargs in (
        ("workspace:export", {"fmt": fmt}),
        ("ulg:export", {"fmt": fmt}),
        ("registrations_organise:export", {"pk": b.meeting.pk, "fmt": fmt}),
    ):
        response = client.get(reverse(name, kwargs=kwargs), **on_b)
        assert response.status_code == 200, name
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if fmt == "csv":
            text = body.decode("utf-8-sig")
        else:
            import io

            book = load_workbook(io.BytesIO(body))
            text = "\n".join(
                str(cell)
                for sheet in book.worksheets
                for row in sheet.iter_rows(values_only=True)
                for cell in row
                if cell is not None
            )
        for found in texts(a):
            assert found not in text, (name, found)
    # And B's own rows are there: the export is not simply empty.
    csv = client.get(reverse("workspace:export", kwargs={"fmt": "csv"}), **on_b)
    assert b.step.title in csv.content.decode("utf-8-sig")


def test_network_report_of_b_names_no_city_of_a(client, a, b, on_b):
    client.force_login(b.lead)
    page = client.get(reverse("reports:period", args=[b.period.pk]), **on_b).content.decode()
    assert b.city.name_en in page and a.city.name_en not in page


def test_the_changes_list_is_the_networks_own(client, a, b, on_b):
    client.force_login(b.lead)
    page = client.get(reverse("workspace:changes"), **on_b).content.decode()
    assert b.step.title in page
    assert a.step.title not in page


def test_filters_offer_only_the_networks_cities_and_practices(client, a, b, on_b):
    client.force_login(b.lead)
    page = client.get(reverse("workspace:home"), **on_b).content.decode()
    assert f'value="{b.city.pk}"' in page
    assert f'value="{a.city.pk}"' not in page
    assert "Practice A" not in page
    # Another network's city chosen by hand is not a valid choice: no row of it comes back.
    response = client.get(reverse("workspace:home") + f"?city={a.city.pk}", **on_b)
    assert a.step.title not in response.content.decode()


def test_my_data_says_which_network_each_row_belongs_to(client, a, b, both, on_b):
    import json

    from practices import services
    from practices.models import TransferStep
    from tests.factories import ParticipationFactory

    ParticipationFactory(user=both, meeting=b.meeting, rsvp="attending")
    step = TransferStep.objects.get(pk=a.step.pk)
    services.update_step(
        step=step,
        user=both,
        expected_version=step.version,
        status="in_progress",
        progress=60,
        due_date=step.due_date,
        notes="",
    )
    client.force_login(both)
    # One export of the person, whichever host it is asked on: every network's rows, each named.
    data = json.loads(client.get(reverse("privacy:export"), **on_b).content)
    assert sorted(row["network"] for row in data["memberships"]) == ["Network A", "Network B"]
    assert [row["network"] for row in data["meeting_participations"]] == ["Network B"]
    step_changes = [c for c in data["changes_made"] if c["record"] == "practices.TransferStep"]
    assert step_changes and {c["network"] for c in step_changes} == {"Network A"}
    memberships = [c for c in data["changes_made"] if c["record"] == "cities.Membership"]
    assert all(c["network"] in ("Network A", "Network B") for c in memberships)
