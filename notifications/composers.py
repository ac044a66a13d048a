"""The content of each kind of email. Everything here runs in the recipient's language."""

import datetime as dt

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from meetings.calendars import build_calendar
from meetings.formatting import LONG_DATE, meeting_place, meeting_when
from meetings.links import meeting_url
from meetings.tokens import rsvp_token

from .emails import Attachment, ComposedEmail, absolute, compose
from .links import deliverable_url, step_url
from .models import Kind


def _calendar_attachment(meeting, *, cancel: bool = False) -> Attachment | None:
    if not meeting.has_days:
        return None  # known only to the month: a calendar entry would invent its days
    data = build_calendar([meeting], name=meeting.title, url_for=meeting_url, cancel=cancel).decode(
        "utf-8"
    )
    return Attachment(name="meeting.ics", content=data, mimetype="text/calendar")


def _meeting_context(participation, **extra) -> dict:
    meeting = participation.meeting
    return {
        "meeting": meeting,
        "participation": participation,
        "when": meeting_when(meeting),
        "place": meeting_place(meeting),
        "meeting_url": meeting_url(meeting),
        "host_city": meeting.host_city.name if meeting.host_city_id else "",
        **extra,
    }


def _rsvp_links(participation) -> dict:
    def link(answer: str) -> str:
        token = rsvp_token(participation_id=participation.pk, answer=answer)
        return absolute(reverse("workspace_meetings:rsvp_link", args=[token]))

    return {"attend_url": link("attending"), "decline_url": link("declined")}


def invitation(participation) -> ComposedEmail:
    def build() -> dict:
        return _meeting_context(
            participation,
            **_rsvp_links(participation),
            attachment=_calendar_attachment(participation.meeting),
        )

    return compose(recipient=participation.user, template="meeting_invitation", build=build)


def meeting_changed(participation, *, changes: list) -> ComposedEmail:
    """``changes``: lazily translated names of what changed (time, place…)."""

    def build() -> dict:
        return _meeting_context(
            participation,
            changes=[str(label) for label in changes],
            **_rsvp_links(participation),
            attachment=_calendar_attachment(participation.meeting),
        )

    return compose(recipient=participation.user, template="meeting_changed", build=build)


def meeting_cancelled(participation) -> ComposedEmail:
    def build() -> dict:
        return _meeting_context(
            participation, attachment=_calendar_attachment(participation.meeting, cancel=True)
        )

    return compose(recipient=participation.user, template="meeting_cancelled", build=build)


def meeting_reminder(participation, *, days: int) -> ComposedEmail:
    def build() -> dict:
        extra = {"days": days}
        if participation.rsvp == participation.RSVP.INVITED:
            extra.update(_rsvp_links(participation))
        return _meeting_context(participation, **extra)

    return compose(
        recipient=participation.user,
        template="meeting_reminder",
        build=build,
        unsubscribe_kind=Kind.MEETING_REMINDER,
    )


def _due_row(item, *, today: dt.date, url: str, title: str, detail: str) -> dict:
    return {
        "title": title,
        "detail": detail,
        "due_date": date_format(item.due_date, LONG_DATE),
        "days_late": (today - item.due_date).days if item.due_date < today else 0,
        "status": item.get_status_display(),
        "url": url,
    }


def _due_rows(steps, deliverables, *, today: dt.date) -> list[dict]:
    rows = [
        _due_row(
            step,
            today=today,
            url=step_url(step),
            title=step.title,
            detail=step.transfer.practice.title,
        )
        for step in steps
    ]
    return rows + [
        _due_row(
            deliverable,
            today=today,
            url=deliverable_url(deliverable),
            title=deliverable.display_title,
            detail=_("Deliverable"),
        )
        for deliverable in deliverables
    ]


def _action_rows(actions, *, user, today: dt.date) -> list[dict]:
    from ulg.privacy import owner_for  # the one personal-data rule for action owners

    return [
        {
            "title": action.text,
            "owner": owner_for(user, action),
            "due_date": date_format(action.due_date, LONG_DATE),
            "days_late": (today - action.due_date).days if action.due_date < today else 0,
            "meeting": action.meeting.title,
            "url": absolute(reverse("ulg:closeout", args=[action.meeting_id])),
        }
        for action in actions
    ]


def daily_digest(user, *, cities: list, today: dt.date) -> ComposedEmail:
    """``cities``: CityDue entries of the person's cities with something due."""

    def build() -> dict:
        sections = [
            {
                "city": due.city.name,
                "rows": _due_rows(due.steps, due.deliverables, today=today),
                "actions": _action_rows(due.actions, user=user, today=today),
            }
            for due in cities
        ]
        return {
            "sections": sections,
            "count": sum(len(section["rows"]) + len(section["actions"]) for section in sections),
            "today": date_format(today, LONG_DATE),
        }

    return compose(
        recipient=user, template="daily_digest", build=build, unsubscribe_kind=Kind.DAILY_DIGEST
    )


def weekly_digest(user, *, weeks: list, since: dt.date, today: dt.date) -> ComposedEmail:
    """``weeks``: CityWeek entries with progress changes or overdue items."""

    def build() -> dict:
        sections = [
            {
                "city": week.city.name if week.city else _("Network-level deliverables"),
                "changes": week.changes,
                "overdue": _due_rows(week.overdue_steps, week.overdue_deliverables, today=today),
            }
            for week in weeks
        ]
        return {
            "sections": sections,
            "since": date_format(since, LONG_DATE),
            "today": date_format(today, LONG_DATE),
        }

    return compose(
        recipient=user, template="weekly_digest", build=build, unsubscribe_kind=Kind.WEEKLY_DIGEST
    )


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
            "closeout_url": absolute(reverse("ulg:closeout", args=[meeting.pk])),
        }

    return compose(recipient=user, template="meeting_closeout", build=build)
