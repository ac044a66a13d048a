"""Progress is read from per-transfer tallies; every way a step changes keeps them exact."""

from types import SimpleNamespace

import pytest
from django.db.models import Avg, Count, Q

from bench.data import build
from practices.models import Phase, Transfer, TransferStep
from practices.progress import progress_from_tallies, refresh_tallies, tally_fields, tally_sums
from tests.factories import TransferFactory, TransferStepFactory
from tests.workspace.helpers import save_step

pytestmark = pytest.mark.django_db


def counted_from_steps(transfer: Transfer) -> dict:
    """The tallies as the steps themselves say they should be."""
    steps = TransferStep.objects.filter(transfer=transfer)
    expected = {"tally_done": steps.filter(status=TransferStep.Status.DONE).count()}
    for phase in Phase:
        in_phase = steps.filter(phase=phase)
        expected[f"tally_steps_{phase.value}"] = in_phase.count()
        expected[f"tally_progress_{phase.value}"] = sum(in_phase.values_list("progress", flat=True))
    return expected


def stored(transfer: Transfer) -> dict:
    transfer.refresh_from_db()
    return {name: getattr(transfer, name) for name in tally_fields()}


def test_an_edit_through_the_workspace_updates_the_transfer_at_once(city, coordinator):
    transfer = TransferFactory(city=city)
    step = TransferStepFactory(transfer=transfer, phase=Phase.ADAPT, progress=20)
    TransferStepFactory(transfer=transfer, phase=Phase.ADAPT, progress=60)

    save_step(step, coordinator, status="done", progress=100)

    assert stored(transfer) == counted_from_steps(transfer)
    assert stored(transfer)["tally_progress_adapt"] == 160
    assert stored(transfer)["tally_done"] == 1


def test_deleting_a_step_and_moving_one_to_another_transfer_recount_both(city, client, lead_staff):
    first, second = TransferFactory(city=city), TransferFactory(city=city)
    moving = TransferStepFactory(transfer=first, progress=30)
    TransferStepFactory(transfer=first, progress=50)
    leaving = TransferStepFactory(transfer=second, progress=70)

    # Steps move between transfers in the admin only.
    client.force_login(lead_staff)
    response = client.post(
        f"/admin/practices/transferstep/{moving.pk}/change/",
        {
            "transfer": second.pk,
            "phase": moving.phase,
            "order": moving.order,
            # A step's title is translated: the admin asks for the Greek and English.
            "title_el": moving.title,
            "title_en": moving.title,
            "due_date": moving.due_date.isoformat(),
            "status": moving.status,
            "progress": moving.progress,
            "notes": "",
            "evidence-TOTAL_FORMS": 0,
            "evidence-INITIAL_FORMS": 0,
            "comments-TOTAL_FORMS": 0,
            "comments-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    leaving.delete()

    assert stored(first) == counted_from_steps(first)
    assert stored(second) == counted_from_steps(second)
    assert stored(second)["tally_progress_understand"] == 30


def test_the_averages_from_tallies_equal_the_averages_over_steps():
    build(scale=1)

    for transfer in Transfer.objects.all():
        assert stored(transfer) == counted_from_steps(transfer)
    totals = SimpleNamespace(**Transfer.objects.aggregate(**tally_sums("")))
    progress_from_tallies(totals)
    by_steps = TransferStep.objects.aggregate(
        overall=Avg("progress"),
        adapt=Avg("progress", filter=Q(phase=Phase.ADAPT)),
        steps=Count("pk"),
    )
    assert totals.progress_overall == pytest.approx(float(by_steps["overall"]))
    assert totals.progress_adapt == pytest.approx(float(by_steps["adapt"]))
    assert totals.step_count == by_steps["steps"]


def test_refresh_repairs_tallies_after_writes_that_send_no_signal(city):
    transfer = TransferFactory(city=city)
    TransferStepFactory(transfer=transfer, progress=40)
    TransferStep.objects.filter(transfer=transfer).update(progress=90)

    refresh_tallies([transfer.pk])

    assert stored(transfer)["tally_progress_understand"] == 90
