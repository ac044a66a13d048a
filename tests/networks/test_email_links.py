"""Signed email links and invitations belong to one network: a link of network A opened on
network B's host is not found and changes nothing; on A's own host it works."""

import re

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from accounts import services as accounts
from accounts.models import Invitation, User
from cities.models import Membership
from meetings.models import Participation
from meetings.tokens import rsvp_token
from notifications.models import NotificationPreferences
from notifications.services import regenerate_calendar_token
from notifications.tokens import UNSUBSCRIBE, unsubscribe_token
from registrations.emails import send_confirmed
from registrations.models import Registration, RegistrationSettings
from tests.factories import MeetingFactory, MembershipFactory, ParticipationFactory, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Piraeus-harbour-2026"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://portal.example"  # network A's address (it claims no host)


def path_in(text: str, address: str, pattern: str) -> str:
    """The path of the first link to ``pattern`` in ``text``, which must start with
    ``address``."""
    match = re.search(rf"(https?://[^/\s]+)(/[a-z]{{2}}/{pattern})", text)
    assert match, text
    assert match.group(1) == address
    return match.group(2)


# --- Unsubscribe ----------------------------------------------------------------------------------


def test_an_unsubscribe_link_of_a_opened_on_bs_host_changes_nothing(
    client, network_a, network_b, on_b
):
    person = UserFactory()
    token = unsubscribe_token(user_id=person.pk, kind="daily_digest", network=network_a)
    path = reverse("notifications:unsubscribe", args=[token])
    assert client.get(path, **on_b).status_code == 404
    assert client.post(path, **on_b).status_code == 404
    assert not NotificationPreferences.objects.filter(user=person).exists()
    assert client.post(path).status_code == 200  # on A's own host
    assert NotificationPreferences.objects.get(user=person).daily_digest is False


def test_an_unsubscribe_link_from_before_networks_works_on_the_default_network_only(
    client, network_a, network_b, on_b
):
    person = UserFactory()
    old = UNSUBSCRIBE.dump(u=person.pk, k="weekly_digest")  # no network in it
    path = reverse("notifications:unsubscribe", args=[old])
    assert client.post(path, **on_b).status_code == 404
    assert client.post(path).status_code == 200
    assert NotificationPreferences.objects.get(user=person).weekly_digest is False


# --- A registrant's personal link -------------------------------------------------------------


@pytest.fixture
def registration_a(network_a, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(network=network_a, title_en="Open session of A")
    RegistrationSettings.objects.create(meeting=meeting, is_open=True)
    registration = Registration.objects.create(
        meeting=meeting,
        status=Registration.Status.CONFIRMED,
        name="Vera Visitor",
        email="vera@example.org",
        email_key="vera@example.org",
        language="en",
        check_in_code="K7Q2",
        confirmed_at=timezone.now(),
        place_since=timezone.now(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        send_confirmed(registration)
    return registration


def test_a_registrants_link_of_a_opened_on_bs_host_is_not_found_and_cancels_nothing(
    client, network_a, network_b, on_b, registration_a
):
    (message,) = mail.outbox
    manage = path_in(message.body, network_a.address, r"registrations/r/[^\s/]+/")
    assert client.get(manage, **on_b).status_code == 404
    assert client.post(f"{manage}cancel/", **on_b).status_code == 404
    assert client.get(f"{manage}calendar.ics", **on_b).status_code == 404
    registration_a.refresh_from_db()
    assert registration_a.status == Registration.Status.CONFIRMED
    assert client.get(manage).status_code == 200
    client.post(f"{manage}cancel/")
    registration_a.refresh_from_db()
    assert registration_a.status == Registration.Status.CANCELLED


# --- Answering a meeting invitation -------------------------------------------------------------


def test_an_rsvp_link_of_a_opened_on_bs_host_answers_nothing(client, network_a, network_b, on_b):
    participation = ParticipationFactory(meeting=MeetingFactory(network=network_a))
    token = rsvp_token(participation_id=participation.pk, answer="declined")
    path = reverse("workspace_meetings:rsvp_link", args=[token])
    assert client.get(path, **on_b).status_code == 404
    assert client.post(path, **on_b).status_code == 404
    participation.refresh_from_db()
    assert participation.rsvp == Participation.RSVP.INVITED
    assert client.post(path).status_code == 200
    participation.refresh_from_db()
    assert participation.rsvp == Participation.RSVP.DECLINED


# --- The personal calendar feed ---------------------------------------------------------------


def test_each_networks_calendar_feed_holds_its_meetings_and_works_on_its_host_only(
    client, network_a, network_b, city_a, city_b, on_b
):
    person = UserFactory(email="both@example.org")
    for city, title in [(city_a, "Meeting of A"), (city_b, "Meeting of B")]:
        MembershipFactory(user=person, city=city, role=Membership.Role.CITY_COORDINATOR)
        meeting = MeetingFactory(network=city.network, title_en=title)
        ParticipationFactory(meeting=meeting, user=person)
    regenerate_calendar_token(user=person)
    client.force_login(person)
    pages = {
        "a": client.get(reverse("notifications:preferences")).content.decode(),
        "b": client.get(reverse("notifications:preferences"), **on_b).content.decode(),
    }
    client.logout()  # calendar apps do not sign in
    feed_a = path_in(pages["a"], network_a.address, r"account/notifications/calendar/\S+\.ics")
    feed_b = path_in(pages["b"], network_b.address, r"account/notifications/calendar/\S+\.ics")
    in_a, in_b = client.get(feed_a).content.decode(), client.get(feed_b, **on_b).content.decode()
    assert "Meeting of A" in in_a and "Meeting of B" not in in_a
    assert "Meeting of B" in in_b and "Meeting of A" not in in_b
    assert f"{network_b.address}/" in in_b and "portal.example" not in in_b
    assert client.get(feed_a, **on_b).status_code == 404
    assert client.get(feed_b).status_code == 404


# --- Invitations ----------------------------------------------------------------------------------


def test_an_invitation_is_for_its_citys_network_and_accepted_on_its_host_only(
    client, network_a, network_b, city_b, lead_b, on_b
):
    with TestCase.captureOnCommitCallbacks(execute=True):
        accounts.invite(email="new@example.org", city=city_b, role="city_coordinator", user=lead_b)
    (message,) = mail.outbox
    assert message.subject.startswith(f"[{network_b.name}] ")
    assert message.from_email.startswith(f"{network_b.name} <")
    assert network_b.name in message.body
    links = re.findall(r"https?://[^\s\"'<>]+", message.body)
    assert links and all(link.startswith(network_b.address) for link in links)
    accept = path_in(message.body, network_b.address, r"accounts/invitation/[^\s/]+/")
    form = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}

    assert client.get(accept).status_code == 404  # on A's host
    assert client.post(accept, form).status_code == 404
    person = User.objects.get(email="new@example.org")
    assert not person.has_usable_password()
    assert not Invitation.objects.get(user=person).is_accepted

    assert client.get(accept, **on_b).status_code == 200
    assert client.post(accept, form, **on_b).status_code == 302
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)


def test_a_password_reset_asked_on_bs_host_is_bs_email(client, network_a, network_b, on_b):
    person = UserFactory(email="reset@example.org")
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post("/en/accounts/password/reset/", {"email": person.email}, **on_b)
    (message,) = mail.outbox
    assert message.subject.startswith(f"[{network_b.name}] ")
    assert network_b.name in message.body
    links = re.findall(r"https?://[^\s\"'<>]+", message.body)
    assert links and all(link.startswith(network_b.address) for link in links)
