"""Read-side queries for meetings on the public site: public meetings of the current network."""

from django.db.models import QuerySet
from django.utils import timezone

from cities.models import City, Network

from .models import Meeting


def public_meetings(*, network: Network | None) -> QuerySet[Meeting]:
    if network is None:
        return Meeting.objects.none()
    return Meeting.objects.public().filter(network=network).select_related("host_city")


def upcoming_public_meetings(*, network: Network | None, limit: int | None = None) -> list:
    meetings = public_meetings(network=network).upcoming(timezone.now())
    return list(meetings[:limit] if limit else meetings)


def past_public_meetings(*, network: Network | None) -> list[Meeting]:
    return list(public_meetings(network=network).past(timezone.now()))


def meetings_hosted_by(*, city: City) -> list[Meeting]:
    return list(
        Meeting.objects.public()
        .filter(network_id=city.network_id, host_city=city)
        .select_related("host_city")
        .order_by("-start")
    )


def public_meeting(*, network: Network | None, slug: str) -> Meeting | None:
    return (
        public_meetings(network=network).prefetch_related("agenda_items").filter(slug=slug).first()
    )
