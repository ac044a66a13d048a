"""Closing a network: refused with what is missing, then read-only for everyone (lead staff
included), silent and closed to registrations; reopening is a separate, recorded action."""

import datetime as dt

import pytest

from archive import services
from cities.models import Network, NetworkClosure
from cities.selectors import cities_writable_by, writable_city_ids
from indicators.models import Indicator, Measurement
from notifications.models import OutboundEmail
from practices.models import TransferStep
from registrations.models import Registration, RegistrationSettings
from reports.models import CityReport, ReportingPeriod
from tests.factories import DeliverableFactory, MeetingFactory
from tests.lifecycle.conftest import AFTER_CLOSING, AFTER_END

pytestmark = pytest.mark.django_db

CLOSE_FORM = {
    "final_story_el": "Το δίκτυο ολοκλήρωσε τη μεταφορά.",
    "final_story_en": "The network completed the transfer.",
    "prizes_en": "A mention at a demo fair.",
    "follow_up": "Next network https://example.org/next",
    "final_payment_date": "2026-03-20",
}


def close_form(life, **extra):
    data = dict(CLOSE_FORM)
    data.update(
        {
            f"city_{life.city.pk}_place": "Town hall archive",
            f"city_{life.city.pk}_until": "2031-12-31",
            f"city_{life.city.pk}_role": "Department of European Programmes",
        }
    )
    data.update(extra)
    return data


def edit(client, step, progress=70):
    return client.post(
        f"/en/workspace/steps/{step.pk}/edit/",
        {
            "status": "in_progress",
            "progress": progress,
            "due_date": "2025-05-01",
            "notes": "",
            "version": step.version,
        },
    )


def test_closing_before_final_reporting_closes_lists_what_is_missing(client, at, life):
    at(AFTER_END)
    period = ReportingPeriod.objects.create(
        network=life.network,
        number=1,
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2025, 12, 31),
        due_date=dt.date(2026, 1, 31),
    )
    CityReport.objects.create(period=period, city=life.city)
    client.force_login(life.staff)
    page = client.get("/en/workspace/closure/").content.decode()
    assert "The network cannot be closed yet:" in page
    response = client.post("/en/workspace/closure/close/", close_form(life))
    text = response.content.decode()
    assert response.status_code == 400
    assert "Final reporting is still open until 31 March 2026." in text
    assert f"The report of {life.city.name} for period 1 is still in draft." in text
    assert not NetworkClosure.objects.exists()


def test_close_then_nothing_is_writable_for_anyone_then_reopen_with_a_reason(client, at, life):
    at(AFTER_CLOSING)
    client.force_login(life.staff)
    response = client.post("/en/workspace/closure/close/", close_form(life), follow=True)
    assert "The network is closed: from now on it can only be read." in response.content.decode()
    closure = NetworkClosure.objects.get()
    assert closure.closed_by == life.staff
    assert closure.final_story_el == "Το δίκτυο ολοκλήρωσε τη μεταφορά."
    assert closure.links == [("Next network", "https://example.org/next")]
    keeping = closure.document_keeping.get()
    assert (keeping.city, keeping.contact_role) == (life.city, "Department of European Programmes")

    # Read-only for everyone, lead staff included.
    assert not cities_writable_by(life.staff).exists()
    assert writable_city_ids(life.coordinator) == []
    assert edit(client, life.step).status_code == 403
    assert TransferStep.objects.get(pk=life.step.pk).progress == 40
    deliverable = DeliverableFactory(city=life.city, due_date=dt.date(2025, 11, 30))
    response = client.post(
        f"/en/workspace/deliverables/{deliverable.pk}/edit/",
        {"status": "done", "due_date": "2025-11-30", "version": deliverable.version},
    )
    assert response.status_code == 403
    indicator = Indicator.objects.create(
        network=life.network, slug="trained", name_en="People trained", unit_en="people"
    )
    response = client.post(
        f"/en/workspace/indicators/{indicator.pk}/{life.city.pk}/",
        {"action": "measure", "value": "3", "measured_on": "2026-03-01"},
    )
    assert response.status_code in (403, 404)
    assert not Measurement.objects.exists()
    response = client.post(
        "/en/workspace/network/closing-date/", {"closing_date": "2026-06-30"}, follow=True
    )
    assert "The network is closed: nothing of it can be changed." in response.content.decode()
    assert Network.objects.get(pk=life.network.pk).closing_date is None
    # The public pages tell the final story and where the documents are kept.
    about = client.get("/en/about/").content.decode()
    assert "The network completed the transfer." in about
    assert "Department of European Programmes" in about
    assert "Το δίκτυο ολοκλήρωσε τη μεταφορά." in client.get("/el/results/").content.decode()

    # Reopening without a reason is refused and changes nothing.
    response = client.post("/en/workspace/closure/reopen/", {"reason": "  "})
    assert response.status_code == 400
    assert Network.objects.get(pk=life.network.pk).is_closed
    response = client.post(
        "/en/workspace/closure/reopen/", {"reason": "A partner's final figures were wrong."}
    )
    assert response.status_code == 302
    closure.refresh_from_db()
    assert closure.reopened_by == life.staff
    assert closure.reopen_reason == "A partner's final figures were wrong."
    page = client.get("/en/workspace/closure/").content.decode()
    assert "Reopened on" in page and "A partner&#x27;s final figures were wrong." in page
    assert edit(client, life.step).status_code == 302
    assert TransferStep.objects.get(pk=life.step.pk).progress == 70


def test_coordinators_cannot_close_or_reopen(client, at, life):
    at(AFTER_CLOSING)
    client.force_login(life.coordinator)
    assert client.get("/en/workspace/closure/").status_code == 403
    assert client.post("/en/workspace/closure/close/", close_form(life)).status_code == 403
    assert not NetworkClosure.objects.exists()


def test_a_personal_address_as_contact_is_refused(client, at, life):
    at(AFTER_CLOSING)
    client.force_login(life.staff)
    form = close_form(life, **{f"city_{life.city.pk}_role": "someone@example.org"})
    response = client.post("/en/workspace/closure/close/", form)
    assert response.status_code == 400
    assert "Give a role or office, not a personal email address." in response.content.decode()
    assert not NetworkClosure.objects.exists()


def test_a_closed_network_sends_no_email(at, life):
    at(AFTER_CLOSING)
    services.close_network(
        network=life.network, user=life.staff, final_story={"en": "Done.", "el": "Τέλος."}
    )
    from notifications.emails import ComposedEmail
    from notifications.services import queue_email

    composed = ComposedEmail(
        to_email="someone@example.org", language="en", subject="Hi", text="Hi", html=""
    )
    assert (
        queue_email(
            network=life.network,
            kind="test",
            object_key="x",
            recipient=life.coordinator,
            occasion="",
            composed=composed,
        )
        is None
    )
    assert not OutboundEmail.objects.exists()


def test_a_closed_network_accepts_no_registration(client, at, life):
    at(AFTER_CLOSING)
    meeting = MeetingFactory(network=life.network, slug="late-ulg", title_en="Late ULG session")
    RegistrationSettings.objects.create(meeting=meeting, is_open=True)
    form = {"name": "Vera Visitor", "email": "vera@example.org", "website": ""}
    services.close_network(
        network=life.network, user=life.staff, final_story={"en": "Done.", "el": "Τέλος."}
    )
    response = client.post(f"/en/meetings/{meeting.slug}/register/", form, follow=True)
    assert "Registration for this meeting is closed." in response.content.decode()
    assert not Registration.objects.exists()


def test_the_admin_changes_nothing_of_a_closed_network(client, at, life):
    at(AFTER_CLOSING)
    services.close_network(
        network=life.network, user=life.staff, final_story={"en": "Done.", "el": "Τέλος."}
    )
    client.force_login(life.staff)
    url = f"/admin/practices/transferstep/{life.step.pk}/change/"
    assert client.get(url).status_code == 200  # still readable
    response = client.post(url, {"title": "Changed in the admin", "progress": 90})
    assert response.status_code == 403
    # The admin speaks Greek.
    assert "Το δίκτυο έχει κλείσει: τίποτα σε αυτό δεν μπορεί να αλλάξει." in (
        response.content.decode()
    )
    assert TransferStep.objects.get(pk=life.step.pk).progress == 40
    response = client.post(f"/admin/cities/network/{life.network.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Network.objects.filter(pk=life.network.pk).exists()
