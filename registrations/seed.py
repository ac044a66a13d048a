"""Demo content: one public meeting open to registration, from the data file's ``open_meeting``
(its texts and questions in each language given there, marked as demo in its title)."""

import datetime as dt
import zoneinfo

from django.utils import timezone

from cities.models import City, Network
from common.languages import localized_values
from meetings.models import Meeting

from .models import Question, RegistrationSettings

DEMO_SLUG = "demo-open-ulg-session"


def _lines(values: dict[str, list[str]] | None) -> dict[str, str]:
    """A choice's options, one a line, in each language given."""
    return {lang: "\n".join(options) for lang, options in (values or {}).items()}


def seed_open_meeting(*, network: Network, data: dict, now: dt.datetime | None = None):
    """``days_ahead`` from today at ``starts_at`` in the venue's zone, hosted by the lead
    partner; safe to run again. None when the data file describes no such meeting."""
    item = data.get("open_meeting")
    if not item:
        return None
    now = now or timezone.now()
    zone = zoneinfo.ZoneInfo(item["timezone"])
    day = (now.astimezone(zone) + dt.timedelta(days=item.get("days_ahead", 21))).date()
    start = dt.datetime.combine(day, dt.time.fromisoformat(item["starts_at"]), tzinfo=zone)
    host = (
        City.objects.filter(network=network, role=City.Role.LEAD_PARTNER).order_by("order").first()
    )
    slug = item.get("slug", DEMO_SLUG)
    if Meeting.objects.filter(slug=slug).exclude(network=network).exists():
        raise ValueError(f"The meeting slug “{slug}” belongs to another network.")
    meeting, _created = Meeting.objects.update_or_create(
        network=network,
        slug=slug,
        defaults={
            "kind": Meeting.Kind.LOCAL_ULG,
            "is_public": True,
            "is_demo": True,
            "host_city": host,
            "timezone": item["timezone"],
            "start": start,
            "end": start + dt.timedelta(minutes=item.get("minutes", 120)),
            "portal_translations": item.get("portal_translations", []),
            **localized_values("title", item["title"]),
            **localized_values("venue", item.get("venue")),
            **localized_values("agenda", item.get("agenda")),
        },
    )
    setup, _created = RegistrationSettings.objects.update_or_create(
        meeting=meeting,
        defaults={
            "is_open": True,
            "places": item.get("places"),
            "ask_organisation": item.get("ask_organisation", False),
        },
    )
    for question in item.get("questions", []):
        Question.objects.update_or_create(
            registration_settings=setup,
            order=question["order"],
            defaults={
                "kind": question["kind"],
                "required": question.get("required", False),
                "portal_translations": question.get("portal_translations", []),
                **localized_values("label", question["label"]),
                **localized_values("choices", _lines(question.get("choices"))),
            },
        )
    return meeting
