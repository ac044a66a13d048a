"""schema.org ``Event`` of a public meeting, as search engines read it (JSON-LD)."""

from django.urls import reverse
from django.utils.html import strip_tags

from common.languages import absolute

from .models import Meeting

SCHEMA = "https://schema.org/"


def _when(meeting: Meeting, moment) -> str:
    """As precise as the meeting's date is known: a time, a day, or only a month."""
    local = moment.astimezone(meeting.tzinfo)
    if meeting.has_times:
        return local.isoformat(timespec="minutes")
    if meeting.has_days:
        return local.date().isoformat()
    return local.strftime("%Y-%m")


def event(meeting: Meeting, *, organiser: str = "") -> dict:
    page = absolute(reverse("meetings:detail", args=[meeting.slug]))
    online, place = bool(meeting.online_url), bool(meeting.venue)
    if online and place:
        mode = "MixedEventAttendanceMode"
    elif online:
        mode = "OnlineEventAttendanceMode"
    else:
        mode = "OfflineEventAttendanceMode"
    locations = []
    if place:
        venue = {"@type": "Place", "name": meeting.venue}
        if meeting.host_city_id:
            city = meeting.host_city
            venue["address"] = {
                "@type": "PostalAddress",
                "addressLocality": city.name,
                "addressCountry": city.country.code,
            }
        locations.append(venue)
    if online:
        # The meeting's page, not its private link: that goes to those invited.
        locations.append({"@type": "VirtualLocation", "url": page})
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": page,
        "url": page,
        "name": meeting.title,
        "startDate": _when(meeting, meeting.start),
        "endDate": _when(meeting, meeting.end),
        "eventStatus": SCHEMA + ("EventCancelled" if meeting.is_cancelled else "EventScheduled"),
        "eventAttendanceMode": SCHEMA + mode,
        "location": locations[0] if len(locations) == 1 else locations,
    }
    if not locations:
        del data["location"]
    if organiser:
        data["organizer"] = {"@type": "Organization", "name": organiser}
    if meeting.agenda:
        data["description"] = strip_tags(meeting.agenda)[:500]
    return data
