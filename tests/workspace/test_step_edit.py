"""Updating a step: the happy path, and every kind of bad input refused with nothing saved."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.workspace.helpers import html, in_days, snapshot, step_edit_data

pytestmark = pytest.mark.django_db


def edit_url(step) -> str:
    return reverse("workspace:step_edit", kwargs={"pk": step.pk})


def test_coordinator_updates_a_step(client, coordinator, step):
    client.force_login(coordinator)
    due = in_days(20)
    response = client.post(
        edit_url(step),
        step_edit_data(step, progress=75, due_date=due, notes="Workshop held with the ULG."),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:step_detail", kwargs={"pk": step.pk})
    step.refresh_from_db()
    assert (step.progress, step.due_date.isoformat(), step.notes) == (
        75,
        due,
        "Workshop held with the ULG.",
    )
    assert step.version == 2
    assert step.updated_by == coordinator


def test_marking_done_at_100_is_accepted(client, coordinator, step):
    client.force_login(coordinator)
    response = client.post(edit_url(step), step_edit_data(step, status="done", progress=100))
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.status == "done"


BAD_INPUTS = [
    ({"progress": 101}, "progress", "Βεβαιωθείτε ότι η τιμή είναι μικρότερη ή ίση από 100."),
    ({"progress": -1}, "progress", "Βεβαιωθείτε ότι η τιμή είναι μεγαλύτερη ή ίση από 0."),
    ({"progress": "lots"}, "progress", "Εισάγετε έναν ακέραιο"),
    (
        {"status": "done", "progress": 60},
        "progress",
        "Ένα βήμα που έχει ολοκληρωθεί πρέπει να έχει πρόοδο 100%.",
    ),
    (
        {"status": "in_progress", "progress": 100},
        "status",
        "Ένα βήμα με πρόοδο 100% πρέπει να σημειωθεί ως ολοκληρωμένο.",
    ),
    ({"status": "finished"}, "status", "Βεβαιωθείτε ότι έχετε επιλέξει μία έγκυρη επιλογή"),
    ({"due_date": "2031-13-45"}, "due_date", "Εισάγετε μια έγκυρη ημερομηνία"),
]


@pytest.mark.parametrize(("overrides", "field", "greek_message"), BAD_INPUTS)
def test_bad_input_is_refused_in_greek_and_nothing_is_saved(
    client, coordinator, step, overrides, field, greek_message
):
    client.force_login(coordinator)
    before = snapshot()
    response = client.post(
        f"/el{edit_url(step)[3:]}", step_edit_data(step, **overrides), HTTP_ACCEPT_LANGUAGE="el"
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert greek_message in html(response)
    assert snapshot() == before


@pytest.mark.parametrize("when", ["before", "after"])
def test_due_date_outside_the_network_period_is_refused(client, coordinator, step, network, when):
    client.force_login(coordinator)
    day = (
        network.start_date - dt.timedelta(days=1)
        if when == "before"
        else network.end_date + dt.timedelta(days=1)
    )
    before = snapshot()
    response = client.post(edit_url(step), step_edit_data(step, due_date=day.isoformat()))
    assert response.status_code == 200
    assert "due_date" in response.context["form"].errors
    assert "within the network period" in html(response) or "περίοδο του δικτύου" in html(response)
    assert snapshot() == before


def test_english_error_under_english_prefix(client, coordinator, step):
    client.force_login(coordinator)
    response = client.post(
        f"/en{edit_url(step)[3:]}", step_edit_data(step, status="done", progress=60)
    )
    assert "A step marked done must be at 100% progress." in html(response)


def test_missing_version_is_refused(client, coordinator, step):
    client.force_login(coordinator)
    before = snapshot()
    data = step_edit_data(step, progress=70)
    del data["version"]
    response = client.post(edit_url(step), data)
    assert response.status_code == 200
    assert snapshot() == before


def test_edit_form_offers_only_the_network_period(client, coordinator, step, network):
    client.force_login(coordinator)
    page = html(client.get(edit_url(step)))
    assert f'min="{network.start_date.isoformat()}"' in page
    assert f'max="{network.end_date.isoformat()}"' in page
    assert 'name="version"' in page and 'type="hidden"' in page


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"progress": 150}, "progress"),
        ({"status": "done", "progress": 10}, "progress"),
        ({"due_date": "2001-01-01"}, "due_date"),
        ({"title": ""}, "title"),
    ],
)
def test_adding_a_step_with_bad_input_saves_nothing(
    client, coordinator, transfer, overrides, field
):
    client.force_login(coordinator)
    data = {
        "transfer": transfer.pk,
        "phase": "adapt",
        "title": "A new step",
        "due_date": in_days(10),
        "status": "planned",
        "progress": 0,
        "notes": "",
    }
    data.update(overrides)
    before = snapshot()
    response = client.post(reverse("workspace:step_add"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert snapshot() == before


@pytest.mark.parametrize(
    ("overrides", "field"),
    [({"due_date": "2001-01-01"}, "due_date"), ({"status": "nearly"}, "status")],
)
def test_deliverable_bad_input_saves_nothing(client, coordinator, deliverable, overrides, field):
    client.force_login(coordinator)
    data = {
        "status": "in_progress",
        "due_date": deliverable.due_date.isoformat(),
        "version": deliverable.version,
    }
    data.update(overrides)
    before = snapshot()
    response = client.post(
        reverse("workspace:deliverable_edit", kwargs={"pk": deliverable.pk}), data
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert snapshot() == before


@pytest.mark.parametrize("language", ["el", "en", "lv", "hu", "it", "nl", "es", "ca"])
@pytest.mark.parametrize("progress", [101, -1, "lots", ""])
def test_each_error_is_said_once_in_every_language(client, coordinator, step, language, progress):
    """Django's field message alone, not beside a second one of the model's for the same error."""
    client.force_login(coordinator)
    response = client.post(
        f"/{language}{edit_url(step)[3:]}",
        step_edit_data(step, progress=progress, status="done"),
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 200
    messages = response.context["form"].errors["progress"]
    assert len(messages) == 1, messages
    assert html(response).count("<li>" + messages[0]) == 1
