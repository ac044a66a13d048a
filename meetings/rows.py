"""Lists of meetings as plain rows (``meetings/_meeting_summaries.html``): the meetings list,
the home page and a city's page.

What every row repeats — the link pattern, the kinds' labels, the page's language — is looked
up once per list; each row's sentence and times are made here (see issue 26). The markup stays
in the template.
"""

from collections.abc import Iterable
from typing import TypedDict

from django.utils.translation import gettext
from modeltranslation.utils import get_language

from common.languages import supplying_language
from common.links import slug_linker

from .formatting import VenueTimes
from .models import Meeting


class MeetingRow(TypedDict):
    url: str
    title: str
    title_lang: str  # the language of the title when it is not the page's (a fallback), else ""
    cancelled: bool
    when: dict  # meetings.formatting.VenueTimes' parts
    kind: str
    venue: str
    venue_lang: str
    hosted_by: str  # "hosted by Piraeus", or "" without a host city


def _fallback(meeting: Meeting, field: str, language: str) -> str:
    supplied = supplying_language(meeting, field)
    return supplied if supplied != language else ""


def meeting_rows(meetings: Iterable[Meeting]) -> list[MeetingRow]:
    """One row per meeting, read as ``meetings.selectors.listed`` reads them."""
    language = get_language()
    link = slug_linker("meetings:detail")
    kinds = {value: str(label) for value, label in Meeting.Kind.choices}
    when = VenueTimes()  # each day, clock time and offset written once per list
    rows = []
    for meeting in meetings:
        host = meeting.host_city
        rows.append(
            MeetingRow(
                url=link(meeting.slug),
                title=meeting.title,
                title_lang=_fallback(meeting, "title", language),
                cancelled=meeting.is_cancelled,
                when=when(meeting),
                kind=kinds.get(meeting.kind, meeting.kind),
                venue=meeting.venue,
                venue_lang=_fallback(meeting, "venue", language) if meeting.venue else "",
                hosted_by=gettext("hosted by %(city)s") % {"city": host.name} if host else "",
            )
        )
    return rows
