"""The personal calendar feed: a person's meetings and their cities' due dates."""

import datetime as dt

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cities.selectors import current_network
from common.languages import language_of
from meetings.calendars import AllDayEntry, build_calendar
from meetings.links import meeting_url

from . import selectors
from .links import deliverable_url, step_url

#: How far back the feed goes; older meetings have dropped out of people's calendars anyway.
HISTORY = dt.timedelta(days=365)


def personal_feed(user, *, now: dt.datetime | None = None) -> bytes:
    now = now or timezone.now()
    with translation.override(language_of(user)):
        meetings = list(selectors.feed_meetings(user=user, since=now - HISTORY))
        steps, deliverables = selectors.feed_due_items(user=user)
        entries = [
            AllDayEntry(
                uid=f"step-{step.pk}",
                day=step.due_date,
                summary=_("Due: %(title)s (%(city)s)")
                % {"title": step.title, "city": step.transfer.city.name},
                description=step.transfer.practice.title,
                url=step_url(step),
            )
            for step in steps
        ]
        entries += [
            AllDayEntry(
                uid=f"deliverable-{deliverable.pk}",
                day=deliverable.due_date,
                summary=_("Due: %(title)s (%(city)s)")
                % {
                    "title": deliverable.display_title,
                    "city": deliverable.city.name if deliverable.city_id else _("network"),
                },
                url=deliverable_url(deliverable),
            )
            for deliverable in deliverables
        ]
        network = current_network()
        name = _("%(network)s – %(name)s") % {
            "network": network.name if network else settings.SITE_URL,
            "name": user.get_full_name(),
        }
        return build_calendar(meetings, name=name, url_for=meeting_url, entries=entries)
