"""Every change to a step or deliverable is kept: who, when, old and new values."""

import pytest
from django.urls import reverse

from practices.models import TransferStep
from tests.workspace import files
from tests.workspace.helpers import html, save_step, step_edit_data
from workspace import views as workspace_views

pytestmark = pytest.mark.django_db


def test_history_records_who_and_what(client, coordinator, step):
    client.force_login(coordinator)
    client.post(
        reverse("workspace:step_edit", kwargs={"pk": step.pk}),
        step_edit_data(step, progress=70, notes="Survey done"),
    )
    latest = step.history.order_by("-history_date").first()
    assert latest.history_user == coordinator
    assert latest.history_type == "~"
    previous = latest.prev_record
    assert (previous.progress, latest.progress) == (40, 70)
    assert (previous.notes, latest.notes) == ("", "Survey done")


def test_step_page_shows_history_with_old_and_new_values(client, coordinator, lead_staff, step):
    save_step(step, lead_staff, version=1, status="blocked", progress=40)
    client.force_login(coordinator)
    page = html(client.get(f"/en/workspace/steps/{step.pk}/"))
    assert lead_staff.get_full_name() in page
    assert "Status: <del>In progress</del> → <ins>Blocked</ins>" in page
    greek = html(client.get(f"/el/workspace/steps/{step.pk}/"))
    assert "<del>Σε εξέλιξη</del> → <ins>Σε αναμονή</ins>" in greek


def test_deliverable_page_shows_who_uploaded_and_changed(client, coordinator, deliverable):
    client.force_login(coordinator)
    client.post(
        reverse("workspace:deliverable_upload", kwargs={"pk": deliverable.pk}),
        {"file": files.pdf("investment-plan.pdf")},
    )
    client.post(
        reverse("workspace:deliverable_edit", kwargs={"pk": deliverable.pk}),
        {"status": "done", "due_date": deliverable.due_date.isoformat(), "version": 2},
    )
    deliverable.refresh_from_db()
    assert deliverable.status == "done"
    assert [r.history_user for r in deliverable.history.order_by("history_date")][1:] == [
        coordinator,
        coordinator,
    ]
    page = html(client.get(f"/en/workspace/deliverables/{deliverable.pk}/"))
    assert "investment-plan.pdf" in page
    assert "File: <del>—</del> → <ins>a file</ins>" in page
    assert "Status: <del>Planned</del> → <ins>Done</ins>" in page
    assert coordinator.get_full_name() in page


def test_admin_shows_the_history(client, lead_staff, coordinator, step):
    save_step(step, coordinator, version=1, status="in_progress", progress=55)
    client.force_login(lead_staff)
    response = client.get(reverse("admin:practices_transferstep_history", args=[step.pk]))
    assert response.status_code == 200
    assert coordinator.email in html(response) or coordinator.get_full_name() in html(response)
    assert "55" in html(response)


def test_changes_across_the_network_page(client, lead_staff, coordinator, step):
    save_step(step, coordinator, version=1, status="in_progress", progress=65)
    client.force_login(lead_staff)
    assert "/en/workspace/network/changes/" in html(client.get("/en/workspace/network/"))
    page = html(client.get("/en/workspace/network/changes/"))
    assert "Changes across the network" in page
    assert coordinator.get_full_name() in page
    assert "40% → <ins>65%" in page or "<del>40%</del> → <ins>65%</ins>" in page


def test_changes_page_names_deliverables_and_deletions(
    client, lead_staff, coordinator, deliverable, step
):
    deliverable.title = "Local action plan draft"
    deliverable.save()
    title = step.title
    step.delete()
    client.force_login(lead_staff)
    page = html(client.get("/en/workspace/network/changes/"))
    assert "Local action plan draft" in page
    assert title in page
    assert "deleted" in page
    assert deliverable.city.name in page


def test_changes_page_goes_back_a_page_at_a_time(client, lead_staff, step, settings):
    per_page = workspace_views.CHANGES_PER_PAGE
    for progress in range(per_page + 5):
        save_step(step, lead_staff, progress=progress % 100)
    client.force_login(lead_staff)

    first = html(client.get("/en/workspace/network/changes/"))
    assert first.count("<li><p>") + first.count("<li>\n    <p>") == per_page
    assert "Older changes" in first and "Newer changes" not in first
    second = html(client.get("/en/workspace/network/changes/?page=2"))
    assert "Newer changes" in second and "Older changes" not in second
    assert "created" in second  # the oldest record: the step's creation

    for far in ("99", str(10**30)):
        beyond = html(client.get(f"/en/workspace/network/changes/?page={far}"))
        assert "There are no changes this far back." in beyond
    mistyped = html(client.get("/en/workspace/network/changes/?page=x"))
    assert mistyped.count("<time datetime=") == per_page and "Newer changes" not in mistyped


def test_a_steps_records_keep_its_network_however_the_step_is_written(lead_staff, step):
    from networks.models import StandardStep
    from tests.factories import CityFactory, PracticeFactory, TransferFactory

    network = step.transfer.city.network
    save_step(step, lead_staff, progress=70)
    # A new transfer gets its network's standard steps in one bulk write, which sends no signal.
    StandardStep.objects.create(network=network, phase="understand", title="Map the area")
    other = TransferFactory(
        city=CityFactory(network=network), practice=PracticeFactory(network=network)
    )
    records = TransferStep.history.filter(transfer__in=[step.transfer, other])
    assert records.count() >= 3
    assert set(records.values_list("network_id", flat=True)) == {network.pk}


def test_the_changes_list_keeps_to_its_network_when_another_is_busier(
    client, lead_staff, coordinator, step
):
    from tests.factories import (
        CityFactory,
        NetworkFactory,
        PracticeFactory,
        TransferFactory,
        TransferStepFactory,
    )

    save_step(step, coordinator, version=1, progress=65)
    elsewhere = NetworkFactory()
    transfer = TransferFactory(
        city=CityFactory(network=elsewhere), practice=PracticeFactory(network=elsewhere)
    )
    for number in range(workspace_views.CHANGES_PER_PAGE + 3):  # newer than every change here
        TransferStepFactory(transfer=transfer, title=f"Elsewhere step {number}")
    client.force_login(lead_staff)
    page = html(client.get("/en/workspace/network/changes/"))
    assert "Elsewhere step" not in page
    assert step.title in page and "<ins>65%</ins>" in page
