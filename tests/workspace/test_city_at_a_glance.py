"""A coordinator sees their whole city on one page, opening with a summary: each transfer's
progress and overdue steps, and the next five things due. Nobody else's rows are in it."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from tests.factories import DeliverableFactory, PracticeFactory, TransferFactory
from tests.factories import TransferStepFactory as Step

pytestmark = pytest.mark.django_db

HOME = "/en/workspace/"


def _day(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


@pytest.fixture
def city_with_ten_transfers(city, network):
    transfers = []
    for number in range(10):
        practice = PracticeFactory(network=network, title_en=f"Practice no. {number}")
        transfer = TransferFactory(city=city, practice=practice)
        Step(transfer=transfer, title=f"Done {number}", status="done", progress=100)
        Step(transfer=transfer, title=f"Due {number}", due_date=_day(number + 1), progress=20)
        transfers.append(transfer)
    late = Step(transfer=transfers[0], title="Late one", progress=10)
    type(late).objects.filter(pk=late.pk).update(due_date=_day(-3))
    DeliverableFactory(city=city, network=network, title="Plan due soon", due_date=_day(2))
    return transfers


@pytest.fixture
def someone_elses_rows(other_city, network):
    practice = PracticeFactory(network=network, title_en="Their practice")
    transfer = TransferFactory(city=other_city, practice=practice)
    Step(transfer=transfer, title="Their step due tomorrow", due_date=_day(1))
    DeliverableFactory(city=other_city, network=network, title="Their plan", due_date=_day(1))


def test_the_whole_city_is_on_one_page_with_its_summary(
    client, coordinator, city_with_ten_transfers, someone_elses_rows
):
    client.force_login(coordinator)

    html = client.get(HOME).content.decode()

    assert html.count('<article class="transfer-card"') == 10
    assert 'rel="next"' not in html
    summary = html[html.index('id="summary-title"') : html.index('id="steps-title"')]
    rows = re.findall(r'<tr><th scope="row"><a href="#transfer-(\d+)">', summary)
    assert sorted(map(int, rows)) == sorted(t.pk for t in city_with_ten_transfers)
    # The first transfer: one step done of three (100 + 20 + 10) / 3 = 43 %, one overdue.
    first = city_with_ten_transfers[0]
    row = summary[summary.index(f'href="#transfer-{first.pk}"') :].split("</tr>")[0]
    assert "43%" in row
    assert '<span class="badge overdue">1</span>' in row
    next_due = summary[summary.index('id="next-due-title"') :]
    items = re.findall(r"<li>.*?</li>", next_due)
    assert len(items) == 5
    assert "Due 0" in items[0]
    assert "Plan due soon" in items[1] or "Plan due soon" in items[2]
    assert "Late one" not in next_due  # overdue is counted per transfer, not "next"


def test_a_coordinator_never_sees_another_citys_rows(
    client, coordinator, city_with_ten_transfers, someone_elses_rows
):
    client.force_login(coordinator)

    html = client.get(HOME).content.decode()
    # Practices are the network's: the practice filter offers them all, the rows do not.
    summary = html[html.index('id="summary-title"') : html.index('id="filter-title"')]
    rows = summary + html[html.index('id="steps-title"') :]

    for theirs in ("Their practice", "Their step due tomorrow", "Their plan", "Othertown"):
        assert theirs not in rows
    assert "Othertown" not in html


def test_beyond_twelve_transfers_the_list_is_paged(client, coordinator, city, network):
    for number in range(13):
        practice = PracticeFactory(network=network, title_en=f"Practice no. {number}")
        Step(transfer=TransferFactory(city=city, practice=practice))
    client.force_login(coordinator)

    first = client.get(HOME).content.decode()
    second = client.get(HOME, {"page": 2}).content.decode()

    assert first.count('<article class="transfer-card"') == 12
    assert second.count('<article class="transfer-card"') == 1
    assert 'rel="next"' in first
