import datetime as dt
import re

import pytest
from django.utils import timezone

from meetings.models import Meeting
from notifications.models import OutboundEmail
from registrations.models import Question, RegistrationSettings
from tests.factories import MeetingFactory


@pytest.fixture
def open_meeting(network, city):
    meeting = MeetingFactory(
        network=network,
        kind=Meeting.Kind.LOCAL_ULG,
        host_city=city,
        slug="open-ulg-session",
        title_en="Open ULG session",
        title_el="Ανοιχτή συνάντηση ULG",
        start=(timezone.now() + dt.timedelta(days=14)).replace(microsecond=0),
    )
    setup = RegistrationSettings.objects.create(meeting=meeting, is_open=True, places=2)
    Question.objects.create(
        registration_settings=setup,
        order=1,
        kind=Question.Kind.CHOICE,
        label_en="How will you come?",
        label_el="Πώς θα έρθετε;",
        choices_en="On foot\nBy bus",
        choices_el="Με τα πόδια\nΜε λεωφορείο",
        required=True,
    )
    return meeting


def emails_to(address: str, kind: str | None = None) -> list[OutboundEmail]:
    rows = OutboundEmail.objects.filter(to_email=address).order_by("created_at", "id")
    if kind:
        rows = rows.filter(kind=kind)
    return list(rows)


def link_in(email: OutboundEmail, name: str) -> str:
    """The site-relative path of the first link to ``/<name>/`` in an email's text."""
    match = re.search(
        rf"https?://[^/\s]+(/[a-z]{{2}}/registrations/{name}/[^\s]+/)", email.body_text
    )
    assert match, email.body_text
    return match.group(1)
