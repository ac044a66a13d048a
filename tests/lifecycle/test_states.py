"""The network's lifecycle at four dates: pages, lists, exports and the matrix ask the network."""

import csv
import io

import pytest

from cities.models import Network

from .conftest import AFTER_CLOSING, AFTER_END, BEFORE_START, DURING

pytestmark = pytest.mark.django_db

UNFINISHED = "Not completed when the network ended"


@pytest.mark.parametrize(
    ("moment", "state"),
    [
        (BEFORE_START, Network.State.UPCOMING),
        (DURING, Network.State.RUNNING),
        (AFTER_END, Network.State.CONCLUDED),
        (AFTER_CLOSING, Network.State.CONCLUDED),
    ],
)
def test_public_pages_say_where_the_network_is(client, at, life, moment, state):
    at(moment)
    assert life.network.state_on() == state
    for language in ("en", "el"):
        page = client.get(f"/{language}/about/").content.decode()
        concluded = "has concluded" in page or "έχει ολοκληρωθεί" in page
        assert concluded == (state == Network.State.CONCLUDED)
    if state == Network.State.CONCLUDED:
        page = client.get("/en/").content.decode()
        assert "Ended network has concluded: it ran from January 2025 to December 2025." in page
        assert "What the network achieved" in page
    else:
        assert "Results: progress so far" in client.get("/en/").content.decode()


def test_an_unfinished_step_is_overdue_while_running(client, at, life):
    at(DURING)
    client.force_login(life.coordinator)
    page = client.get("/en/workspace/").content.decode()
    assert 'class="badge overdue"' in page
    assert 'class="badge unfinished"' not in page


@pytest.mark.parametrize("moment", [AFTER_END, AFTER_CLOSING])
def test_after_the_end_it_is_not_completed_rather_than_overdue(client, at, life, moment):
    at(moment)
    client.force_login(life.coordinator)
    page = client.get("/en/workspace/").content.decode()
    assert f'<span class="badge unfinished">{UNFINISHED}</span>' in page
    assert 'class="badge overdue"' not in page
    # The filters: nothing is overdue any more, the unfinished step is found.
    assert "Map the dark spots" not in client.get("/en/workspace/?overdue=on").content.decode()
    assert "Map the dark spots" in client.get("/en/workspace/?unfinished=on").content.decode()
    export = client.get("/en/workspace/export/csv/").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(export)))
    header = rows[1]
    row = next(r for r in rows if "Map the dark spots" in r)
    assert row[header.index("Overdue")] == "no"
    assert row[header.index(UNFINISHED)] == "yes"


def test_the_network_matrix_and_lists_after_the_end(client, at, life):
    at(AFTER_END)
    client.force_login(life.staff)
    page = client.get("/en/workspace/network/").content.decode()
    assert "1 not completed when the network ended" in page
    assert "Overdue across the network" not in page
    assert UNFINISHED in page


def test_a_second_network_keeps_its_own_state(client, at, life):
    from tests.factories import CityFactory, NetworkFactory, TransferFactory, TransferStepFactory

    at(AFTER_END)
    running = NetworkFactory(slug="running", start_date=AFTER_END.date().replace(month=1, day=1))
    other = CityFactory(network=running, slug="elsewhere")
    step = TransferStepFactory(
        transfer=TransferFactory(city=other), due_date=AFTER_END.date().replace(day=2)
    )
    assert life.network.is_concluded_on()
    assert running.is_running_on()
    assert step.is_overdue and not step.is_unfinished_at_end
    life.step.refresh_from_db()
    assert life.step.is_unfinished_at_end and not life.step.is_overdue
