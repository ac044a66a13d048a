import datetime as dt
import io
import re
import zoneinfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from icalendar import Calendar

from meetings.models import Participation
from notifications.models import NotificationPreferences
from notifications.tokens import unsubscribe_token
from practices.digests import queue_daily_digests
from tests.factories import (
    DeliverableFactory,
    MeetingFactory,
    ParticipationFactory,
    TransferStepFactory,
)

from .conftest import NOW, SITE

pytestmark = pytest.mark.django_db

ROME = zoneinfo.ZoneInfo("Europe/Rome")
DAY = dt.timedelta(days=1)


def preferences_of(user) -> NotificationPreferences:
    return NotificationPreferences.objects.get(user=user)


# --- The settings page ------------------------------------------------------------------------


def test_a_coordinator_switches_the_daily_digest_off_and_sees_only_their_choices(
    client, coordinator, django_assert_max_num_queries
):
    client.force_login(coordinator)
    url = reverse("notifications:preferences")
    with django_assert_max_num_queries(12):
        page = client.get(url).content.decode()
    assert 'name="daily_digest"' in page
    assert 'name="meeting_reminders"' in page
    assert 'name="weekly_digest"' not in page  # only lead staff receive it
    response = client.post(url, {"meeting_reminders": "on"})
    assert response.status_code == 302
    choices = preferences_of(coordinator)
    assert (choices.meeting_reminders, choices.daily_digest, choices.weekly_digest) == (
        True,
        False,
        True,
    )


def test_lead_staff_see_the_weekly_digest_choice_in_greek(client, lead_staff):
    client.force_login(lead_staff)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert 'name="weekly_digest"' in page
    assert "Εβδομαδιαία σύνοψη του δικτύου" in page
    assert "Προσωπική ροή ημερολογίου" in page


def test_the_settings_page_needs_a_sign_in(client):
    response = client.get(reverse("notifications:preferences"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# --- Unsubscribe ------------------------------------------------------------------------------


@pytest.fixture
def digest_with_unsubscribe(clock, city, coordinator, on_commit):
    TransferStepFactory(transfer__city=city, due_date=NOW.date() + DAY)
    on_commit(queue_daily_digests)
    (message,) = mail.outbox
    return message


def test_the_unsubscribe_link_asks_before_it_acts_and_needs_no_sign_in(
    client, coordinator, digest_with_unsubscribe
):
    link = re.search(
        rf"{SITE}(/en/account/notifications/unsubscribe/\S+/)", digest_with_unsubscribe.body
    )
    path = link.group(1)
    page = client.get(path)
    assert page.status_code == 200
    assert not NotificationPreferences.objects.filter(user=coordinator).exists()
    assert client.post(path).status_code == 200
    assert preferences_of(coordinator).daily_digest is False
    assert preferences_of(coordinator).meeting_reminders is True


def test_one_click_unsubscribe_from_the_mail_app_works_without_csrf_token(
    coordinator, digest_with_unsubscribe, on_commit, clock
):
    from django.test import Client

    header = digest_with_unsubscribe.extra_headers["List-Unsubscribe"]
    path = header[1:-1].removeprefix(SITE)
    mail_app = Client(enforce_csrf_checks=True)
    response = mail_app.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert preferences_of(coordinator).daily_digest is False
    clock.shift(DAY)
    mail.outbox.clear()
    on_commit(queue_daily_digests)
    assert mail.outbox == []


def test_a_forged_unsubscribe_token_is_refused(client, network, coordinator):
    good = unsubscribe_token(user_id=coordinator.pk, kind="daily_digest", network=network)
    forged = good.replace(good[:6], "eyJ1Ij", 1)[:-3] + "abc"
    assert client.post(reverse("notifications:unsubscribe", args=[forged])).status_code == 404
    wrong_kind = unsubscribe_token(
        user_id=coordinator.pk, kind="meeting_invitation", network=network
    )
    assert client.post(reverse("notifications:unsubscribe", args=[wrong_kind])).status_code == 404
    assert not NotificationPreferences.objects.filter(user=coordinator).exists()


# --- The personal calendar feed ---------------------------------------------------------------


@pytest.fixture
def feed_content(clock, network, city, coordinator, lead_staff):
    """Meetings of the network on both sides of the spring daylight-saving change, and due
    dates."""
    winter = MeetingFactory(
        network=network,
        title_en="Winter meeting",
        start=dt.datetime(2026, 3, 27, 9, 30, tzinfo=ROME),
        end=dt.datetime(2026, 3, 27, 12, 30, tzinfo=ROME),
        timezone="Europe/Rome",
    )
    summer = MeetingFactory(
        network=network,
        title_en="Summer-time meeting",
        start=dt.datetime(2026, 3, 30, 9, 30, tzinfo=ROME),
        end=dt.datetime(2026, 3, 30, 12, 30, tzinfo=ROME),
        timezone="Europe/Rome",
    )
    declined = MeetingFactory(network=network, title_en="Declined meeting")
    not_mine = MeetingFactory(network=network, title_en="Somebody else's meeting")
    for meeting in (winter, summer):
        ParticipationFactory(meeting=meeting, user=coordinator)
    ParticipationFactory(meeting=declined, user=coordinator, rsvp=Participation.RSVP.DECLINED)
    ParticipationFactory(meeting=not_mine, user=lead_staff)
    step = TransferStepFactory(transfer__city=city, title="Open the help desk")
    deliverable = DeliverableFactory(city=city)
    TransferStepFactory(title="Another city's step")
    return {"step": step, "deliverable": deliverable}


def feed_url_of(client, user) -> str:
    """The feed address the settings page shows, after asking for a new one."""
    client.force_login(user)
    client.post(reverse("notifications:calendar_feed_settings"), {"action": "regenerate"})
    page = client.get(reverse("notifications:preferences")).content.decode()
    return re.search(rf'class="feed-url">{SITE}(\S+\.ics)<', page).group(1)


def test_the_personal_feed_lists_my_meetings_and_my_citys_due_dates_with_the_right_times(
    client, coordinator, feed_content, django_assert_max_num_queries
):
    url = feed_url_of(client, coordinator)
    client.logout()  # calendar apps do not sign in
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    events = {str(event["summary"]): event for event in calendar.walk("VEVENT")}
    assert events["Winter meeting"].decoded("dtstart").utcoffset() == dt.timedelta(hours=1)
    assert events["Summer-time meeting"].decoded("dtstart").utcoffset() == dt.timedelta(hours=2)
    assert events["Summer-time meeting"].decoded("dtstart") == dt.datetime(
        2026, 3, 30, 9, 30, tzinfo=ROME
    )
    assert "Declined meeting" not in events
    assert "Somebody else's meeting" not in events
    step = feed_content["step"]
    due = events[f"Due: Open the help desk ({step.transfer.city.name_en})"]
    assert due.decoded("dtstart") == step.due_date
    assert any(summary.startswith("Due: Draft investment plan") for summary in events)
    assert not any("Another city's step" in summary for summary in events)
    assert b"BEGIN:VTIMEZONE" in response.content


def test_the_feed_speaks_the_persons_language(client, network, lead_staff, feed_content):
    ParticipationFactory(
        meeting=MeetingFactory(network=network, title_el="Συνάντηση στον Πειραιά"),
        user=lead_staff,
    )
    url = feed_url_of(client, lead_staff)
    calendar = Calendar.from_ical(client.get(url.replace("/el/", "/en/")).content)
    assert "Συνάντηση στον Πειραιά" in {str(e["summary"]) for e in calendar.walk("VEVENT")}


def test_a_new_feed_address_replaces_the_old_one_and_the_feed_can_be_switched_off(
    client, coordinator, feed_content
):
    first = feed_url_of(client, coordinator)
    second = feed_url_of(client, coordinator)
    assert first != second
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert f"{SITE}{second}" in page
    client.post(reverse("notifications:calendar_feed_settings"), {"action": "revoke"})
    assert client.get(second).status_code == 404
    assert preferences_of(coordinator).calendar_token is None


def test_a_guessed_feed_address_is_not_found(client, coordinator, feed_content):
    feed_url_of(client, coordinator)
    assert client.get(reverse("notifications:calendar_feed", args=["guess"])).status_code == 404


# --- The management command -------------------------------------------------------------------


def test_send_reminders_runs_every_job_once_and_again_sends_nothing(
    clock, city, coordinator, lead_staff, on_commit
):
    clock.move_to(NOW - 30 * DAY)
    meeting = MeetingFactory(start=NOW + 7 * DAY - dt.timedelta(hours=1))
    ParticipationFactory(meeting=meeting, user=coordinator)
    clock.move_to(NOW)
    TransferStepFactory(transfer__city=city, due_date=NOW.date() - DAY)
    out = io.StringIO()
    on_commit(call_command, "send_reminders", stdout=out)
    assert "meeting reminders: 1" in out.getvalue()
    assert "daily digests: 1" in out.getvalue()
    assert "weekly digests: 1" in out.getvalue()
    assert len(mail.outbox) == 3
    on_commit(call_command, "send_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 3
