"""The network page: the matrix's cells (a transfer's progress, steps done and overdue steps, or
a dash), its pages, and the longest overdue steps and deliverables with how many there are."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import (
    CityFactory,
    DeliverableFactory,
    PracticeFactory,
    TransferFactory,
    TransferStepFactory,
)
from tests.workspace.helpers import html

pytestmark = pytest.mark.django_db


def _matrix(page: str) -> str:
    return page[page.index('id="matrix-title"') : page.index("</table>")]


def test_a_cell_shows_progress_steps_done_and_overdue_steps(client, lead_staff, transfer):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    TransferStepFactory(transfer=transfer, progress=25, status="in_progress", due_date=yesterday)
    TransferStepFactory(transfer=transfer, phase="reuse", progress=100, status="done")
    TransferStepFactory(transfer=transfer, phase="adapt", progress=0, status="planned")
    TransferStepFactory(transfer=transfer, progress=0, status="planned", due_date=yesterday)
    client.force_login(lead_staff)
    matrix = _matrix(html(client.get("/en/workspace/network/")))
    # (25 + 100 + 0 + 0) / 4 = 31.25 %
    assert '<progress value="31" max="100" aria-hidden="true"></progress> <strong>31%</strong>' in (
        matrix
    )
    assert '<div class="small muted">1 of 4 steps done</div>' in matrix
    assert '<span class="badge overdue">2 overdue</span>' in matrix


def test_halves_round_up_and_a_practice_not_taken_on_is_a_dash(
    client, lead_staff, transfer, other_transfer
):
    TransferStepFactory(transfer=transfer, progress=25, status="in_progress")
    TransferStepFactory(transfer=transfer, progress=100, status="done")
    unrelated = PracticeFactory(network=transfer.city.network)
    TransferStepFactory(transfer=TransferFactory(city=other_transfer.city, practice=unrelated))
    client.force_login(lead_staff)
    matrix = _matrix(html(client.get("/en/workspace/network/")))
    assert "<strong>63%</strong>" in matrix  # 62.5 %
    assert "badge overdue" not in matrix
    assert matrix.count('<span class="visually-hidden">Not transferred</span>') == 1
    # A transfer without steps: nothing done of nothing.
    assert "<strong>0%</strong>" in matrix
    assert "0 of 0 steps done" in matrix


def test_the_matrix_pages_its_cities_and_keeps_the_other_parameters(
    client, lead_staff, network, practice
):
    for number in range(31):
        city = CityFactory(network=network, slug=f"city-{number:02}", name_en=f"Town {number:02}")
        TransferFactory(city=city, practice=practice)
    client.force_login(lead_staff)

    first = html(client.get("/en/workspace/network/", {"x": "a&b"}))
    second = html(client.get("/en/workspace/network/", {"page": 2}))

    assert _matrix(first).count('<th scope="row">') == 30
    assert '<span aria-current="page">Page 1 of 2</span>' in first
    assert '<a href="?x=a%26b&amp;page=2" rel="next">Next page</a>' in first
    assert 'rel="prev"' not in first
    assert _matrix(second).count('<th scope="row">') == 1
    assert "Town 30" in _matrix(second)
    assert '<a href="?page=1" rel="prev">Previous page</a>' in second
    assert 'rel="next"' not in second


def test_the_longest_overdue_are_listed_with_how_many_there_are(client, lead_staff, transfer, city):
    today = timezone.localdate()
    for days in range(1, 13):
        late = today - dt.timedelta(days=days)
        TransferStepFactory(transfer=transfer, status="planned", due_date=late)
        # A deliverable of each kind per city: each of another city.
        elsewhere = CityFactory(network=city.network)
        DeliverableFactory(city=elsewhere, title=f"Report {days:02}", due_date=late)
    TransferStepFactory(transfer=transfer, status="done", progress=100, due_date=today)
    DeliverableFactory(city=city, title="Not yet due", due_date=today)
    client.force_login(lead_staff)

    page = html(client.get("/en/workspace/network/"))
    lists = page[page.index('id="overdue-title"') :]

    assert lists.count('href="/en/workspace/steps/') == 10
    assert "see all 12 overdue steps" in lists
    assert lists.count('href="/en/workspace/deliverables/') == 10
    assert "see all 12 overdue deliverables" in lists
    # The longest overdue first.
    assert "Report 12" in lists and "Report 03" in lists and "Report 02" not in lists
    assert "Not yet due" not in lists
