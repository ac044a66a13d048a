"""No lost updates: the second of two overlapping saves is refused and told what changed."""

import threading

import pytest
from django.db import connection, transaction
from django.urls import reverse

from common.locking import StaleError
from practices.models import TransferStep
from tests.workspace.helpers import html, in_days, save_step, snapshot, step_edit_data

pytestmark = pytest.mark.django_db


def edit_url(obj, view="workspace:step_edit") -> str:
    return reverse(view, kwargs={"pk": obj.pk})


def opened_form_data(client, step) -> dict:
    """What a browser would post back: the form as it was loaded, version included."""
    response = client.get(edit_url(step))
    form = response.context["form"]
    return {name: form[name].value() or "" for name in form.fields}


def test_second_save_is_refused_with_what_the_other_person_changed(
    client, coordinator, lead_staff, step
):
    from django.test import Client

    other = Client()
    client.force_login(coordinator)
    other.force_login(lead_staff)
    mine = opened_form_data(client, step)
    theirs = opened_form_data(other, step)

    first = other.post(f"/en{edit_url(step)[3:]}", {**theirs, "progress": 60, "notes": "Lead"})
    assert first.status_code == 302

    before = snapshot()
    second = client.post(f"/en{edit_url(step)[3:]}", {**mine, "progress": 45, "notes": "Mine"})
    assert second.status_code == 409  # the one conflict response (common.locking)
    page = html(second)
    assert "Your changes were not saved" in page
    assert lead_staff.get_full_name() in page
    assert "40% → 60%" in page
    assert "Lead" in page
    assert snapshot() == before
    step.refresh_from_db()
    assert (step.progress, step.notes, step.version) == (60, "Lead", 2)

    # The re-displayed form keeps the person's values on the current version: saving again is
    # a deliberate choice, and then it goes through.
    form = second.context["form"]
    assert form["progress"].value() == "45"
    assert str(form["version"].value()) == "2"
    again = client.post(edit_url(step), {**mine, "progress": 45, "notes": "Mine", "version": 2})
    assert again.status_code == 302
    step.refresh_from_db()
    assert (step.progress, step.notes, step.version) == (45, "Mine", 3)


def test_conflict_message_is_translated(client, coordinator, lead_staff, step):
    save_step(step, lead_staff, version=1, status="in_progress", progress=55)
    client.force_login(coordinator)
    response = client.post(f"/el{edit_url(step)[3:]}", step_edit_data(step, progress=70))
    assert "Οι αλλαγές σας δεν αποθηκεύτηκαν" in html(response)
    step.refresh_from_db()
    assert step.progress == 55


def test_service_refuses_a_stale_version(coordinator, step):
    save_step(step, coordinator, version=1, status="in_progress", progress=50)
    with pytest.raises(StaleError):
        save_step(step, coordinator, version=1, status="in_progress", progress=10)
    assert TransferStep.objects.get(pk=step.pk).progress == 50


def test_deliverable_conflict_keeps_the_first_save(client, coordinator, lead_staff, deliverable):
    from django.test import Client

    other = Client()
    client.force_login(coordinator)
    other.force_login(lead_staff)
    url = edit_url(deliverable, "workspace:deliverable_edit")
    data = {"status": "in_progress", "due_date": deliverable.due_date.isoformat(), "version": 1}
    assert other.post(url, {**data, "status": "done"}).status_code == 302
    response = client.post(url, {**data, "status": "blocked"})
    assert response.status_code == 409
    assert "Your changes were not saved" in html(response) or "δεν αποθηκεύτηκαν" in html(response)
    deliverable.refresh_from_db()
    assert deliverable.status == "done"


def test_an_admin_save_also_moves_the_version_on(client, coordinator, lead_staff, step):
    client.force_login(coordinator)
    mine = opened_form_data(client, step)
    admin = client.__class__()
    admin.force_login(lead_staff)
    response = admin.post(
        reverse("admin:practices_transferstep_change", args=[step.pk]),
        {
            "transfer": step.transfer_id,
            "phase": step.phase,
            "title_el": step.title,
            "title_en": step.title,
            "due_date": in_days(12),
            "status": "in_progress",
            "progress": 65,
            "notes": "",
            "order": step.order,
            "evidence-TOTAL_FORMS": 0,
            "evidence-INITIAL_FORMS": 0,
            "comments-TOTAL_FORMS": 0,
            "comments-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, html(response)[:3000]
    refused = client.post(edit_url(step), {**mine, "progress": 30})
    assert refused.status_code == 409
    step.refresh_from_db()
    assert step.progress == 65


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_never_both_win(coordinator, lead_staff, step):
    """Two saves from version 1 overlap in time: one commits, the other is refused, even though
    the second starts while the first has not yet committed."""
    first_saved = threading.Event()
    results: dict[str, object] = {}

    def save(name, user, progress, wait_before_commit):
        try:
            with transaction.atomic():
                save_step(step, user, version=1, progress=progress, notes=name)
                if wait_before_commit:
                    first_saved.set()
                    # Hold the row lock while the other save tries its conditional UPDATE.
                    threading.Event().wait(0.5)
            results[name] = "saved"
        except StaleError:
            results[name] = "refused"
        finally:
            connection.close()

    first = threading.Thread(target=save, args=("first", coordinator, 60, True))
    first.start()
    assert first_saved.wait(5)
    second = threading.Thread(target=save, args=("second", lead_staff, 30, False))
    second.start()
    first.join(10)
    second.join(10)
    assert results == {"first": "saved", "second": "refused"}
    fresh = TransferStep.objects.get(pk=step.pk)
    assert (fresh.progress, fresh.notes, fresh.version) == (60, "first", 2)
