"""When public pages change by the clock alone, without any save to signal it."""

from datetime import datetime, timedelta

from django.apps import apps
from django.db.models import Min, Q
from django.utils import timezone


def next_midnight(now: datetime) -> datetime:
    """Dates shown as "overdue" or "today" turn over at local midnight."""
    local = timezone.localtime(now)
    tomorrow = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return tomorrow


def next_scheduled_article(now: datetime) -> datetime | None:
    Article = apps.get_model("news", "Article")
    return (
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )


def next_meeting_change(now: datetime) -> datetime | None:
    """A meeting moves from "upcoming" to "now" to "past" at its start and its end."""
    Meeting = apps.get_model("meetings", "Meeting")
    moments = Meeting.objects.aggregate(
        start=Min("start", filter=Q(start__gt=now)), end=Min("end", filter=Q(end__gt=now))
    )
    found = [moment for moment in moments.values() if moment is not None]
    return min(found) if found else None


BOUNDARIES = (next_midnight, next_scheduled_article, next_meeting_change)


def next_content_change(now: datetime | None = None) -> datetime:
    now = now or timezone.now()
    found = [moment for moment in (boundary(now) for boundary in BOUNDARIES) if moment]
    return min(found)
