"""Places, the waiting list and promotion under concurrency: real threads, real PostgreSQL.

Each thread has its own database connection and runs a whole request (its own transaction,
as in production), so these tests prove the row lock, not a lucky order.
"""

import threading

import pytest
from django.db import connection
from django.test import Client

from notifications.models import Kind, OutboundEmail
from registrations import services
from registrations.models import Registration
from registrations.tokens import confirm_token, manage_token

Status = Registration.Status


def run_at_once(actions) -> list:
    barrier = threading.Barrier(len(actions))
    results, errors = [None] * len(actions), []

    def run(index, action):
        try:
            barrier.wait(timeout=30)
            results[index] = action()
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(index, action)) for index, action in enumerate(actions)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    return results


def pending(meeting, count: int) -> list[Registration]:
    return [
        services.register(
            meeting=meeting,
            name=f"Person {n}",
            email=f"person{n}@example.org",
            language="el" if n % 2 else "en",
        )
        for n in range(count)
    ]


def post(path: str):
    return lambda: Client().post(path).status_code


def register_form(meeting, n: int):
    question = meeting.registration_settings.questions.get()
    data = {
        "name": f"Person {n}",
        "email": f"person{n}@example.org",
        "consent": "on",
        f"question_{question.pk}": "By bus",
    }
    return lambda: Client().post(f"/en/meetings/{meeting.slug}/register/", data).status_code


@pytest.mark.django_db(transaction=True)
def test_thirty_simultaneous_registrations_for_ten_places(open_meeting, settings):
    settings.REGISTRATION_LIMIT_PER_IP = 100  # every thread comes from the same address
    setup = open_meeting.registration_settings
    setup.places = 10
    setup.save()

    statuses = run_at_once([register_form(open_meeting, n) for n in range(30)])
    assert statuses == [302] * 30
    registrations = list(Registration.objects.filter(status=Status.PENDING))
    assert len(registrations) == 30
    assert len({r.check_in_code for r in registrations}) == 30
    assert OutboundEmail.objects.filter(kind=Kind.REGISTRATION_CONFIRM).count() == 30

    # Only a confirmed address takes a place: 30 people open their links at the same moment.
    statuses = run_at_once(
        [
            post(f"/en/registrations/confirm/{confirm_token(registration_id=r.pk)}/")
            for r in registrations
        ]
    )

    assert statuses == [302] * 30
    rows = Registration.objects.filter(meeting=open_meeting)
    assert rows.filter(status=Status.CONFIRMED).count() == 10
    assert rows.filter(status=Status.WAITING).count() == 20
    assert rows.filter(status=Status.PENDING).count() == 0
    # Each person was told once, whichever way it went.
    confirmed_emails = OutboundEmail.objects.filter(kind=Kind.REGISTRATION_CONFIRMED)
    assert confirmed_emails.count() == 30
    # The waiting list is in the order of confirmation, with places for the first ten.
    ordered = list(rows.exclude(status=Status.CANCELLED).order_by("confirmed_at", "id"))
    assert [r.status for r in ordered] == [Status.CONFIRMED] * 10 + [Status.WAITING] * 20


def full_meeting(meeting, *, places: int, waiting: int):
    setup = meeting.registration_settings
    setup.places = places
    setup.save()
    registrations = pending(meeting, places + waiting)
    for registration in registrations:
        services.confirm(registration_id=registration.pk)
    return registrations[:places], registrations[places:]


def cancel_path(registration) -> str:
    token = manage_token(registration_id=registration.pk, code=registration.check_in_code)
    return f"/en/registrations/r/{token}/cancel/"


@pytest.mark.django_db(transaction=True)
def test_two_cancellations_at_the_same_moment_promote_two_people_once_each(open_meeting):
    holders, waiting = full_meeting(open_meeting, places=3, waiting=3)

    run_at_once([post(cancel_path(holders[0])), post(cancel_path(holders[1]))])

    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses[waiting[0].email] == Status.CONFIRMED
    assert statuses[waiting[1].email] == Status.CONFIRMED
    assert statuses[waiting[2].email] == Status.WAITING
    promoted = OutboundEmail.objects.filter(kind=Kind.REGISTRATION_PROMOTED)
    assert sorted(promoted.values_list("to_email", flat=True)) == sorted(
        [waiting[0].email, waiting[1].email]
    )


@pytest.mark.django_db(transaction=True)
def test_one_place_cancelled_twice_at_once_promotes_one_person_once(open_meeting):
    holders, waiting = full_meeting(open_meeting, places=2, waiting=2)

    run_at_once([post(cancel_path(holders[0])) for _ in range(4)])

    assert Registration.objects.filter(status=Status.CONFIRMED).count() == 2
    assert Registration.objects.get(email=waiting[1].email).status == Status.WAITING
    promoted = OutboundEmail.objects.filter(kind=Kind.REGISTRATION_PROMOTED)
    assert list(promoted.values_list("to_email", flat=True)) == [waiting[0].email]


@pytest.mark.django_db
def test_promotion_email_goes_once_even_when_the_place_changes_hands_again(open_meeting):
    holders, waiting = full_meeting(open_meeting, places=1, waiting=2)
    services.cancel(registration=holders[0])
    promoted = Registration.objects.get(pk=waiting[0].pk)
    assert promoted.status == Status.CONFIRMED
    # Calling the promotion again (a retried request, a second worker) sends nothing more.
    services.cancel(registration=holders[0])
    assert OutboundEmail.objects.filter(kind=Kind.REGISTRATION_PROMOTED).count() == 1
    services.cancel(registration=promoted)
    assert Registration.objects.get(pk=waiting[1].pk).status == Status.CONFIRMED
    assert OutboundEmail.objects.filter(kind=Kind.REGISTRATION_PROMOTED).count() == 2


@pytest.mark.django_db
def test_more_places_admit_people_from_the_waiting_list(open_meeting, client, lead_staff):
    _holders, waiting = full_meeting(open_meeting, places=1, waiting=2)
    client.force_login(lead_staff)
    from registrations.forms import QuestionFormSet

    formset = QuestionFormSet(instance=open_meeting.registration_settings, prefix="questions")
    data = {
        "is_open": "on",
        "places": "2",
        **{
            f"questions-{key}": value
            for key, value in {
                "TOTAL_FORMS": formset.initial_form_count(),
                "INITIAL_FORMS": formset.initial_form_count(),
                "MIN_NUM_FORMS": 0,
                "MAX_NUM_FORMS": 1000,
            }.items()
        },
    }
    for index, form in enumerate(formset.initial_forms):
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if value not in (None, False):
                data[f"questions-{index}-{name}"] = value
    response = client.post(f"/en/workspace/registrations/{open_meeting.pk}/settings/", data)
    assert response.status_code == 302, response.content.decode()
    assert Registration.objects.get(pk=waiting[0].pk).status == Status.CONFIRMED
    assert Registration.objects.get(pk=waiting[1].pk).status == Status.WAITING
