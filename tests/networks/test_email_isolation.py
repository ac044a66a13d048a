"""Email per network: each network's reminders and digests follow its own lifecycle, every
email is composed for its network (links, List-Unsubscribe, calendar attachment, subject, sender,
footer) and recorded with it, and a person working in two networks gets each network's digest
on its own. (Signed links and invitations: test_email_links.py.)"""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from cities.models import Membership
from meetings.reminders import queue_meeting_reminders
from notifications.emails import ComposedEmail
from notifications.models import OutboundEmail
from notifications.services import queue_email
from practices.digests import queue_daily_digests, queue_weekly_digests
from tests.factories import (
    CityFactory,
    MeetingFactory,
    MembershipFactory,
    ParticipationFactory,
    TransferStepFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)
URL = re.compile(r"https?://[^\s\"'<>]+")


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://portal.example"  # network A's address (it claims no host)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def run(job, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return job(**kwargs)

    return run


def conclude(network) -> None:
    """The network ended ten days ago (its final reporting is still open)."""
    today = timezone.localdate()
    network.start_date, network.end_date = today - 800 * DAY, today - 10 * DAY
    network.save()


def every_link(message) -> list[str]:
    """Every address a person could follow from the message: text, HTML, headers and the
    calendar attachment (its URL and UID)."""
    parts = [message.body, *(body for body, _type in message.alternatives)]
    parts += [str(value) for value in message.extra_headers.values()]
    for _name, content, _mimetype in message.attachments:
        unfolded = content.replace("\r\n ", "")
        parts.append(unfolded)
        parts += [f"https://{host}" for host in re.findall(r"^UID:[^@\s]+@(\S+)", unfolded, re.M)]
    return [url.rstrip(".,;)>") for part in parts for url in URL.findall(part)]


def assert_of_network(message, network) -> None:
    links = every_link(message)
    assert links, message.body
    assert all(link.startswith(network.address) for link in links), (network.address, links)
    assert message.subject.startswith(f"[{network.name}] ")
    assert message.from_email.startswith(f"{network.name} <")
    assert network.name in message.body  # the footer names the network


def messages_to(address: str) -> list:
    return [message for message in mail.outbox if message.to == [address]]


def invited_a_month_ago(meeting, email: str) -> None:
    participation = ParticipationFactory(meeting=meeting, user=UserFactory(email=email))
    type(participation).objects.filter(pk=participation.pk).update(
        invited_at=timezone.now() - 30 * DAY
    )


# --- The lifecycle is each network's own ---------------------------------------------------------


def test_a_running_networks_reminders_go_out_while_a_concluded_one_sends_none(
    run, network_a, network_b
):
    conclude(network_a)
    start = timezone.now() + 7 * DAY - dt.timedelta(hours=1)
    meeting_a = MeetingFactory(network=network_a, start=start, title_en="Meeting of A")
    meeting_b = MeetingFactory(network=network_b, start=start, title_en="Meeting of B")
    invited_a_month_ago(meeting_a, "in-a@example.org")
    invited_a_month_ago(meeting_b, "in-b@example.org")

    assert run(queue_meeting_reminders) == 1
    assert [m.to for m in mail.outbox] == [["in-b@example.org"]]
    reminder = mail.outbox[0]
    assert "Meeting of B" in reminder.subject
    assert_of_network(reminder, network_b)
    assert "List-Unsubscribe" in reminder.extra_headers
    assert OutboundEmail.objects.get().network == network_b


def test_daily_digests_of_a_concluded_network_stop_while_the_running_ones_go_on(
    run, network_a, network_b
):
    conclude(network_a)
    person = UserFactory(email="both@example.org")
    for network, title in [(network_a, "Step of A"), (network_b, "Step of B")]:
        city = CityFactory(network=network)
        MembershipFactory(user=person, city=city, role=Membership.Role.CITY_COORDINATOR)
        TransferStepFactory(transfer__city=city, title=title, due_date=timezone.localdate())

    assert run(queue_daily_digests) == 1
    (digest,) = mail.outbox
    assert "Step of B" in digest.body and "Step of A" not in digest.body
    assert_of_network(digest, network_b)


# --- Digests per network ------------------------------------------------------------------------


def test_a_coordinator_in_two_networks_gets_each_networks_digest_on_its_own(
    run, network_a, network_b
):
    person = UserFactory(email="both@example.org")
    for network, title in [(network_a, "Step of A"), (network_b, "Step of B")]:
        city = CityFactory(network=network, name_en=f"City of {network.name}")
        MembershipFactory(user=person, city=city, role=Membership.Role.CITY_COORDINATOR)
        TransferStepFactory(transfer__city=city, title=title, due_date=timezone.localdate())

    assert run(queue_daily_digests) == 2
    digests = {message.subject.split("]")[0].strip("["): message for message in mail.outbox}
    assert set(digests) == {network_a.name, network_b.name}
    digest_a, digest_b = digests[network_a.name], digests[network_b.name]
    assert "Step of A" in digest_a.body and "Step of B" not in digest_a.body
    assert "Step of B" in digest_b.body and "Step of A" not in digest_b.body
    assert_of_network(digest_a, network_a)
    assert_of_network(digest_b, network_b)
    # Running the job again sends neither again.
    assert run(queue_daily_digests) == 0
    assert len(mail.outbox) == 2


def test_lead_staff_of_two_networks_get_each_networks_weekly_digest_on_its_own(
    run, network_a, network_b
):
    person = UserFactory(email="lead-both@example.org")
    for network, title in [(network_a, "Late step of A"), (network_b, "Late step of B")]:
        lead_city = CityFactory(network=network)
        MembershipFactory(user=person, city=lead_city, role=Membership.Role.LEAD_STAFF)
        TransferStepFactory(
            transfer__city=CityFactory(network=network),
            title=title,
            due_date=timezone.localdate() - 3 * DAY,
        )

    assert run(queue_weekly_digests) == 2
    for message in mail.outbox:
        network = network_a if message.subject.startswith(f"[{network_a.name}]") else network_b
        other = network_b if network == network_a else network_a
        assert f"Late step of {network.name[-1]}" in message.body
        assert f"Late step of {other.name[-1]}" not in message.body
        assert_of_network(message, network)
    conclude(network_a)
    mail.outbox.clear()
    OutboundEmail.objects.all().delete()
    assert run(queue_weekly_digests) == 1
    assert mail.outbox[0].subject.startswith(f"[{network_b.name}] ")


# --- Emails of an action, and the outbox's rule --------------------------------------------------


def test_a_meeting_invitation_is_its_networks_email_with_its_calendar_at_its_address(
    network_a, network_b, django_capture_on_commit_callbacks
):
    from meetings.emails import queue_invitations

    meeting = MeetingFactory(network=network_b, title_en="Kick-off of B")
    participation = ParticipationFactory(meeting=meeting, user=UserFactory(email="p@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        queue_invitations(meeting=meeting, participations=[participation])
    (message,) = mail.outbox
    assert_of_network(message, network_b)
    (attachment,) = message.attachments
    assert "@b.example" in attachment[1] and "portal.example" not in attachment[1]
    assert OutboundEmail.objects.get().network == network_b


def test_a_closed_network_queues_nothing_while_the_other_still_does(network_a, network_b, lead_b):
    from cities.closure import NetworkClosure

    NetworkClosure.objects.create(network=network_a, closed_at=timezone.now(), final_story="Done.")
    network_a = type(network_a).objects.get(pk=network_a.pk)
    composed = ComposedEmail(
        to_email="x@example.org", language="en", subject="Hi", text="Hi", html=""
    )
    key = {"kind": "account", "recipient": None, "composed": composed}
    assert queue_email(network=network_a, object_key="a", occasion="1", **key) is None
    assert queue_email(network=network_b, object_key="b", occasion="1", **key) is not None
    assert list(OutboundEmail.objects.values_list("network", flat=True)) == [network_b.pk]
