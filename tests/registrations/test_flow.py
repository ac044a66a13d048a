"""A visitor registers without an account, confirms by email, gets the code, cancels."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from notifications.models import Kind, OutboundEmail
from registrations.models import Registration
from registrations.tokens import confirm_token

from .conftest import emails_to, link_in

pytestmark = pytest.mark.django_db

Status = Registration.Status

TEXT = {
    "en": {
        "form_title": "Register for this meeting",
        "choice": "By bus",
        "sent": "Check your email",
        "subject": "Confirm your registration: Open ULG session",
        "confirm_button": "Confirm my registration",
        "place": "Your place at Open ULG session",
        "kept": "your registration is confirmed and your place is kept",
        "code": "Your check-in code",
        "cancelled": "Your registration is cancelled",
    },
    "el": {
        "form_title": "Εγγραφή στη συνάντηση",
        "choice": "Με λεωφορείο",
        "sent": "Ελέγξτε το email σας",
        "subject": "Επιβεβαιώστε την εγγραφή σας: Ανοιχτή συνάντηση ULG",
        "confirm_button": "Επιβεβαίωση της εγγραφής μου",
        "place": "Η θέση σας στην εκδήλωση Ανοιχτή συνάντηση ULG",
        "kept": "η εγγραφή σας επιβεβαιώθηκε και η θέση σας κρατήθηκε",
        "code": "Ο κωδικός εισόδου σας",
        "cancelled": "Η εγγραφή σας ακυρώθηκε",
    },
}


def form_data(**extra) -> dict:
    return {
        "name": "Maria Papadopoulou",
        "email": "Maria@Example.org",
        "consent": "on",
        **extra,
    }


def question_field(meeting) -> str:
    return f"question_{meeting.registration_settings.questions.get().pk}"


@pytest.mark.parametrize("language", ["en", "el"])
def test_the_whole_flow_in_the_visitors_language(
    client, open_meeting, language, django_capture_on_commit_callbacks
):
    text = TEXT[language]
    page = client.get(f"/{language}/meetings/{open_meeting.slug}/")
    assert f"/{language}/meetings/{open_meeting.slug}/register/" in page.content.decode()

    form = client.get(f"/{language}/meetings/{open_meeting.slug}/register/")
    assert text["form_title"] in form.content.decode()
    assert text["choice"] in form.content.decode()

    field = question_field(open_meeting)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/{language}/meetings/{open_meeting.slug}/register/",
            form_data(**{field: text["choice"]}),
            follow=True,
        )
    assert text["sent"] in response.content.decode()
    registration = Registration.objects.get()
    assert registration.status == Status.PENDING
    assert registration.email_key == "maria@example.org"
    assert registration.answers == {field.removeprefix("question_"): text["choice"]}

    # Double opt-in: one email, in the page's language, and nothing counted yet.
    [request] = emails_to("Maria@Example.org")
    assert request.kind == Kind.REGISTRATION_CONFIRM
    assert request.language == language
    assert text["subject"] in request.subject
    assert request.recipient is None
    assert [message.to for message in mail.outbox] == [["Maria@Example.org"]]

    confirm_path = link_in(request, "confirm")
    page = client.get(confirm_path)
    assert text["confirm_button"] in page.content.decode()
    assert Registration.objects.get().status == Status.PENDING  # a GET changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm_path, follow=True)
    body = response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert text["kept"] in body
    assert text["code"] in body
    assert registration.check_in_code in body
    assert "qr.svg" in body

    [confirmed] = emails_to("Maria@Example.org", Kind.REGISTRATION_CONFIRMED)
    assert text["place"] in confirmed.subject
    assert registration.check_in_code in confirmed.body_text
    assert confirmed.attachment_name == "meeting.ics"
    [event] = Calendar.from_ical(confirmed.attachment_content).walk("VEVENT")
    assert event.decoded("DTSTART") == open_meeting.start
    manage_path = link_in(confirmed, "r")

    qr = client.get(f"{manage_path}qr.svg")
    assert qr.status_code == 200 and qr["Content-Type"] == "image/svg+xml"
    assert b"<svg" in qr.content
    assert client.get(f"{manage_path}qr.png").content.startswith(b"\x89PNG")
    ics = client.get(f"{manage_path}calendar.ics")
    assert ics["Content-Type"].startswith("text/calendar")

    # A reused confirmation link changes nothing and sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(confirm_path, follow=True)
    assert again.status_code == 200
    assert len(emails_to("Maria@Example.org", Kind.REGISTRATION_CONFIRMED)) == 1

    response = client.post(f"{manage_path}cancel/", follow=True)
    assert text["cancelled"] in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED


def register(client, meeting, **data):
    field = question_field(meeting)
    return client.post(
        f"/en/meetings/{meeting.slug}/register/", {**form_data(**{field: "On foot"}), **data}
    )


def test_an_invalid_email_or_missing_consent_is_refused_and_nothing_recorded(client, open_meeting):
    response = register(client, open_meeting, email="not-an-email")
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    too_long = register(client, open_meeting, email=f"{'a' * 250}@example.org")
    assert too_long.status_code == 200
    assert "Ensure this value has at most 254 characters" in too_long.content.decode()
    response = register(client, open_meeting, consent="")
    assert "Please accept the privacy notice to register." in response.content.decode()
    response = client.post(
        f"/el/meetings/{open_meeting.slug}/register/", form_data(consent="", email="x")
    )
    assert "Παρακαλούμε αποδεχτείτε τη δήλωση απορρήτου" in response.content.decode()
    assert not Registration.objects.exists()
    assert not OutboundEmail.objects.exists()


def test_a_required_question_must_be_answered(client, open_meeting):
    response = client.post(f"/en/meetings/{open_meeting.slug}/register/", form_data())
    assert "This field is required." in response.content.decode()
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"is_open": False}, "Registration for this meeting is closed."),
        (
            {"opens_at": dt.timedelta(days=2)},
            "Registration for this meeting is not open yet.",
        ),
        ({"closes_at": -dt.timedelta(hours=1)}, "Registration for this meeting has ended."),
    ],
)
def test_registering_when_closed_or_before_opening_is_refused(
    client, open_meeting, change, message
):
    setup = open_meeting.registration_settings
    for field, value in change.items():
        setattr(setup, field, timezone.now() + value if isinstance(value, dt.timedelta) else value)
    setup.save()
    assert message in client.get(f"/en/meetings/{open_meeting.slug}/register/").content.decode()
    response = register(client, open_meeting)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Registration.objects.exists()


def test_the_closed_message_is_translated(client, open_meeting):
    setup = open_meeting.registration_settings
    setup.is_open = False
    setup.save()
    page = client.get(f"/el/meetings/{open_meeting.slug}/register/")
    assert "Οι εγγραφές για αυτή τη συνάντηση είναι κλειστές." in page.content.decode()


def test_a_tampered_or_expired_link_gets_a_clear_page_and_changes_nothing(
    client, open_meeting, settings
):
    register(client, open_meeting)
    registration = Registration.objects.get()
    token = confirm_token(registration_id=registration.pk)

    tampered = client.post(f"/en/registrations/confirm/{token[:-2]}xx/")
    assert tampered.status_code == 404
    assert "This confirmation link is not valid." in tampered.content.decode()

    settings.REGISTRATION_CONFIRM_HOURS = 1
    with time_machine.travel(timezone.now() + dt.timedelta(hours=2)):
        expired = client.post(f"/el/registrations/confirm/{token}/")
    assert expired.status_code == 410
    assert "έχει λήξει" in expired.content.decode()

    manage = client.post("/en/registrations/r/not-a-real-token/cancel/")
    assert manage.status_code == 404
    assert "This link is not valid" in manage.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.PENDING


def test_the_same_email_holds_one_place_and_is_sent_its_link_again(
    client, open_meeting, django_capture_on_commit_callbacks
):
    register(client, open_meeting)
    registration = Registration.objects.get()
    client.post(f"/en/registrations/confirm/{confirm_token(registration_id=registration.pk)}/")

    response = register(client, open_meeting, email="maria@example.org ", name="Maria P.")
    assert response.status_code == 302  # the same "check your email" as anybody else
    assert Registration.objects.count() == 1
    assert Registration.objects.get().name == "Maria Papadopoulou"
    assert len(emails_to("Maria@Example.org", Kind.REGISTRATION_LINK)) == 1


def test_a_second_request_before_confirming_updates_the_pending_one(client, open_meeting):
    register(client, open_meeting)
    register(client, open_meeting, name="Maria P.")
    registration = Registration.objects.get()
    assert registration.name == "Maria P."
    assert registration.confirmation_requests == 2
    assert len(emails_to("Maria@Example.org", Kind.REGISTRATION_CONFIRM)) == 2


def test_the_honeypot_records_nothing_but_looks_the_same(client, open_meeting):
    response = register(client, open_meeting, website="http://spam.example")
    assert response.status_code == 302
    assert not Registration.objects.exists()
    assert not OutboundEmail.objects.exists()


def test_rate_limits_per_address_and_per_email(client, open_meeting, settings):
    settings.REGISTRATION_LIMIT_PER_EMAIL = 2
    settings.REGISTRATION_LIMIT_PER_IP = 4
    for _ in range(2):
        assert register(client, open_meeting).status_code == 302
    refused = register(client, open_meeting)
    assert refused.status_code == 429
    assert "Too many registrations for this email address" in refused.content.decode()
    assert register(client, open_meeting, email="other@example.org").status_code == 302
    refused = register(client, open_meeting, email="third@example.org")
    assert refused.status_code == 429
    assert "Too many registrations from your connection" in refused.content.decode()
    assert Registration.objects.count() == 2


def test_a_registrant_deletes_their_registration_and_its_emails(
    client, open_meeting, django_capture_on_commit_callbacks
):
    register(client, open_meeting)
    registration = Registration.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/registrations/confirm/{confirm_token(registration_id=registration.pk)}/")
    manage_path = link_in(emails_to("Maria@Example.org", Kind.REGISTRATION_CONFIRMED)[0], "r")
    page = client.get(manage_path)
    assert "Maria Papadopoulou" in page.content.decode()
    assert 'name="robots" content="noindex' in page.content.decode()

    response = client.post(f"{manage_path}delete/", follow=True)
    assert "Your registration and your details have been deleted." in response.content.decode()
    assert not Registration.objects.exists()
    assert not OutboundEmail.objects.filter(to_email="Maria@Example.org").exists()
    assert client.get(manage_path).status_code == 404


def test_a_private_meeting_has_no_registration_page(client, open_meeting):
    open_meeting.is_public = False
    open_meeting.save()
    assert client.get(f"/en/meetings/{open_meeting.slug}/register/").status_code == 404
