"""The emails a coordinator gets about reports and meetings, in each of the eight languages:
written in the recipient's preferred language, from that language's own catalogue (not the
English source, not Django's Greek fallback)."""

import datetime as dt
import re
import zoneinfo

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.utils.translation import gettext, ngettext, override

from cities.models import Membership
from notifications.models import Kind, OutboundEmail
from reports import services as report_services
from reports.models import ReportingPeriod
from reports.reminders import queue_report_reminders
from tests.factories import MeetingFactory, MembershipFactory, ParticipationFactory, UserFactory

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
ATHENS = zoneinfo.ZoneInfo("Europe/Athens")
DUE = dt.date(2026, 5, 15)
PLACEHOLDER = re.compile(r"%\(\w+\)s")


def literal_parts(language: str, singular: str, plural: str | None = None, n: int = 1):
    """The words of a message in ``language``, without its placeholders."""
    with override(language):
        text = ngettext(singular, plural, n) if plural else gettext(singular)
    return [part.strip() for part in PLACEHOLDER.split(text) if part.strip()]


def written_in(text: str, language: str, singular: str, plural=None, n: int = 1) -> bool:
    own = literal_parts(language, singular, plural, n)
    if not all(part in text for part in own):
        return False
    # Not the English source, nor Greek (Django's fallback for a missing catalogue).
    for other in {"en", "el"} - {language}:
        foreign = literal_parts(other, singular, plural, n)
        if foreign != own and all(part in text for part in foreign):
            return False
    return True


def coordinator_speaking(language: str, city):
    person = UserFactory(email=f"coordinator-{language}@example.org", preferred_language=language)
    MembershipFactory(user=person, city=city, role=Membership.Role.CITY_COORDINATOR)
    return person


@pytest.fixture
def period(network):
    return ReportingPeriod.objects.create(
        network=network,
        number=2,
        start_date=DUE - dt.timedelta(days=120),
        end_date=DUE - dt.timedelta(days=15),
        due_date=DUE,
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_report_reminder_is_written_in_the_coordinators_language(language, city, period):
    person = coordinator_speaking(language, city)
    morning = dt.datetime.combine(DUE - dt.timedelta(days=7), dt.time(7, 15), tzinfo=ATHENS)
    with time_machine.travel(morning, tick=False):
        assert queue_report_reminders() == 1
    row = OutboundEmail.objects.get(kind=Kind.REPORT_REMINDER, recipient=person)
    assert row.language == language
    assert written_in(
        row.subject,
        language,
        "%(city)s: the report for Period %(number)s is due tomorrow",
        "%(city)s: the report for Period %(number)s is due in %(days)s days",
        7,
    )
    assert written_in(
        row.body_text,
        language,
        "The report of %(city)s for Period %(number)s is due on %(due)s and has not been "
        "submitted yet.",
    )
    assert f"/{language}/workspace/" in row.body_text


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_reopened_report_is_announced_in_the_coordinators_language(
    language, city, period, lead_staff, django_capture_on_commit_callbacks
):
    person = coordinator_speaking(language, city)
    morning = dt.datetime.combine(DUE - dt.timedelta(days=3), dt.time(9, 0), tzinfo=ATHENS)
    with time_machine.travel(morning, tick=False), django_capture_on_commit_callbacks(execute=True):
        report = report_services.open_report(period=period, city=city, user=person)
        report = report_services.save_report(
            report=report,
            user=person,
            expected_version=report.version,
            submit=True,
            achievements="Two playgrounds lit.",
            difficulties="",
            next_steps="Train the group.",
        )
        report_services.reopen_report(
            report=report,
            user=lead_staff,
            expected_version=report.version,
            comment="Add the photos.",
        )
    to_lead = OutboundEmail.objects.get(kind=Kind.REPORT_TRANSITION, recipient=lead_staff)
    assert to_lead.language == "el"  # lead staff read in their own language, not the city's
    row = OutboundEmail.objects.get(kind=Kind.REPORT_TRANSITION, recipient=person)
    assert row.language == language
    assert written_in(row.subject, language, "%(city)s, %(period)s: report reopened")
    assert written_in(
        row.body_text,
        language,
        "%(actor)s reopened the report of %(city)s for Period %(number)s: please change it and "
        "submit it again.",
    )
    assert "Add the photos." in row.body_text


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_meeting_invitation_is_written_in_the_invitees_language(
    language, network, django_capture_on_commit_callbacks
):
    from meetings import services as meeting_services

    titles = {"title_el": "Εργαστήριο", "title_en": "Transfer workshop"}
    titles[f"title_{language}"] = f"Workshop ({language})"
    meeting = MeetingFactory(network=network, **titles)
    person = UserFactory(email=f"guest-{language}@example.org", preferred_language=language)
    participation = ParticipationFactory(meeting=meeting, user=person)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_services.send_invitations(meeting=meeting, participations=[participation])
    (message,) = mail.outbox
    assert f"Workshop ({language})" in message.subject
    assert written_in(message.subject, language, "Invitation: %(title)s")
    assert written_in(
        message.body, language, "The attached file adds the meeting to your calendar."
    )
