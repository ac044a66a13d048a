"""The emails of URBACT Local Group meetings: the reminder to record a meeting's attendance and
outcomes (a job registered with the outbox), and the open actions each city's daily digest
lists. See ``UlgConfig.ready``."""

import datetime as dt
from functools import partial

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from cities.models import Network
from common.languages import absolute
from meetings.formatting import LONG_DATE, meeting_when
from notifications.emails import ComposedEmail, compose
from notifications.jobs import queue_safely
from notifications.models import Kind
from notifications.services import existing_keys

from . import selectors
from .privacy import owner_for

FOLDER = "ulg/email"


def closeout_url(meeting_id: int) -> str:
    return absolute(reverse("ulg:closeout", args=[meeting_id]))


def closeout_reminder(
    user, *, meeting, missing_attendance: bool, missing_outcomes: bool
) -> ComposedEmail:
    def build() -> dict:
        return {
            "meeting": meeting,
            "when": meeting_when(meeting),
            "host_city": meeting.host_city.name if meeting.host_city_id else "",
            "missing_attendance": missing_attendance,
            "missing_outcomes": missing_outcomes,
            "closeout_url": closeout_url(meeting.pk),
        }

    return compose(
        recipient=user,
        network=meeting.network,
        template="meeting_closeout",
        build=build,
        folder=FOLDER,
    )


def queue_closeout_reminders(*, now: dt.datetime | None = None) -> int:
    """Remind the organiser, once, of a meeting that ended ``CLOSEOUT_REMINDER_DAYS`` ago with
    no attendance or no outcome recorded (as long as its network's final reporting is open)."""
    now = now or timezone.now()
    ended_before = now - dt.timedelta(days=settings.CLOSEOUT_REMINDER_DAYS)
    meetings = list(
        selectors.meetings_missing_closeout(
            ended_before=ended_before,
            ended_after=ended_before - dt.timedelta(days=settings.CLOSEOUT_REMINDER_WINDOW_DAYS),
        )
    )
    existing = existing_keys(
        kind=Kind.MEETING_CLOSEOUT, object_keys=[f"meeting:{m.pk}" for m in meetings]
    )
    today = timezone.localdate(now)
    # Each meeting's own network decides (its final reporting), asked once per network.
    networks = (
        Network.objects.with_closure().with_address().in_bulk({m.network_id for m in meetings})
    )
    queued = 0
    for meeting in meetings:
        meeting.network = networks[meeting.network_id]
        if meeting.network.is_closed or not meeting.network.is_open_for_coordinators_on(today):
            continue
        object_key = f"meeting:{meeting.pk}"
        missing_attendance, missing_outcomes = selectors.closeout_gaps(meeting)
        for organiser in selectors.meeting_organisers(meeting):
            if (object_key, organiser.pk, "closeout") in existing:
                continue
            queued += bool(
                queue_safely(
                    network=meeting.network,
                    kind=Kind.MEETING_CLOSEOUT,
                    object_key=object_key,
                    recipient=organiser,
                    occasion="closeout",
                    compose=partial(
                        closeout_reminder,
                        organiser,
                        meeting=meeting,
                        missing_attendance=missing_attendance,
                        missing_outcomes=missing_outcomes,
                    ),
                )
            )
    return queued


# --- The open actions in a city's daily digest ------------------------------------------------


def open_actions(*, city_ids, today: dt.date) -> dict[int, list]:
    return selectors.open_actions_by_city(city_ids=city_ids)


def action_rows(actions, *, user, today: dt.date) -> list[dict]:
    """The digest's rows for the recipient ``user``, in the active (their) language; an owner
    who is a person is named as the personal-data rule allows."""
    return [
        {
            "title": action.text,
            "owner": owner_for(user, action),
            "due_date": date_format(action.due_date, LONG_DATE),
            "days_late": (today - action.due_date).days if action.due_date < today else 0,
            "meeting": action.meeting.title,
            "url": closeout_url(action.meeting_id),
        }
        for action in actions
    ]
