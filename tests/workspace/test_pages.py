"""What the workspace pages show and that they load nothing inline (their query counts are
pinned in tests/performance)."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    TransferStepFactory,
)
from tests.workspace.helpers import coordinator_of, fill_network, html, save_step

pytestmark = pytest.mark.django_db


def test_home_groups_steps_by_phase_with_progress_bars_and_marks_overdue(
    client, coordinator, transfer
):
    TransferStepFactory(transfer=transfer, phase="reuse", title="Pilot in the old port")
    TransferStepFactory(
        transfer=transfer,
        phase="understand",
        title="Visit Piraeus",
        due_date=timezone.localdate() - dt.timedelta(days=2),
        progress=30,
    )
    client.force_login(coordinator)
    page = html(client.get("/en/workspace/"))
    page = page[page.index('id="steps-title"') :]
    assert page.index("Understand") < page.index("Visit Piraeus") < page.index("Re-use")
    assert page.index("Re-use") < page.index("Pilot in the old port")
    assert '<progress value="30" max="100"' in page
    assert 'class="is-overdue"' in page
    assert "Overdue" in page


def test_sorting_gives_a_flat_list(client, coordinator, transfer):
    today = timezone.localdate()
    late = TransferStepFactory(transfer=transfer, due_date=today + dt.timedelta(days=50))
    early = TransferStepFactory(transfer=transfer, phase="reuse", due_date=today)
    client.force_login(coordinator)
    response = client.get(reverse("workspace:home"), {"sort": "due_date"})
    assert [s["pk"] for s in response.context["steps"]] == [early.pk, late.pk]
    response = client.get(reverse("workspace:home"), {"sort": "-due_date"})
    assert [s["pk"] for s in response.context["steps"]] == [late.pk, early.pk]


def test_network_page_shows_every_city_and_practice(
    client, lead_staff, transfer, other_transfer, step, other_step
):
    client.force_login(lead_staff)
    response = client.get("/en/workspace/network/")
    page = html(response)
    for name in (transfer.city.name, other_transfer.city.name, transfer.practice.title):
        assert name in page
    assert reverse("workspace:export", kwargs={"fmt": "xlsx"}) in page


@pytest.mark.parametrize(
    "path",
    ["/el/workspace/", "/en/workspace/", "/el/workspace/network/", "/en/workspace/network/"],
)
def test_pages_have_no_inline_script_or_style(client, lead_staff, step, deliverable, path):
    client.force_login(lead_staff)
    page = html(client.get(path))
    assert "<script" not in page
    assert 'style="' not in page
    assert not re.search(r"\son[a-z]+=", page)


@pytest.fixture
def big_network(network):
    return fill_network(network)


def test_the_network_changes_show_an_edit_at_once(client, big_network, lead_staff):
    step = big_network[0].transfers.first().steps.first()
    client.force_login(lead_staff)
    before = client.get("/en/workspace/network/changes/").content.decode()
    assert "Harbour walk rehearsal" not in before

    save_step(step, lead_staff, notes="Harbour walk rehearsal")

    after = client.get("/en/workspace/network/changes/").content.decode()
    assert "<ins>Harbour walk rehearsal</ins>" in after


def test_sort_options_read_well_in_greek(client, coordinator, step):
    client.force_login(coordinator)
    page = html(client.get("/el/workspace/"))
    assert "Προθεσμία (φθίνουσα)" in page


def test_shared_step_lists_never_reach_someone_who_sees_other_cities(client, big_network):
    first, second = big_network[0], big_network[1]
    # People first: adding one is a save that would refresh every shared fragment anyway.
    people = [(city, coordinator_of(city)) for city in (first, second)]
    pages = {}
    for city, person in people:
        client.force_login(person)
        pages[city.pk] = client.get("/en/workspace/").content.decode()

    for city, other in ((first, second), (second, first)):
        shown = {int(pk) for pk in re.findall(r'id="transfer-(\d+)"', pages[city.pk])}
        assert shown and shown <= set(city.transfers.values_list("pk", flat=True))
        assert f">{other.name} · " not in pages[city.pk]
