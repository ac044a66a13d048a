"""More benchmark data: a further network, indicators with their measurements, and meeting
registrations.

One network measures a handful of indicators in each city about monthly, and a public meeting
draws a few dozen registrations; both grow with the cities and meetings (``bench.data.Size``).
Bulk inserts, like the rest of ``bench.data``.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from cities.hosts import NetworkHost
from cities.models import City, Network
from common.languages import translations
from indicators.models import Indicator, Measurement, Series
from meetings.models import Meeting
from registrations.models import Registration


def network(writer, slug: str = "") -> Network:
    """The default network, or the network ``slug`` (made, with a host name, when missing)."""
    network = Network.objects.filter(slug=slug).first() if slug else Network.objects.default()
    if network is not None:
        return network
    slug = slug or "benchmark-network"
    today = timezone.localdate()
    tagline_en, tagline_el = writer.sentence()
    description_en, description_el = writer.paragraph(4)
    network = Network.objects.create(
        name="Benchmark network" if slug == "benchmark-network" else f"Benchmark network {slug}",
        slug=slug,
        programme="URBACT IV",
        network_type=Network.Type.INNOVATION_TRANSFER,
        start_date=today - dt.timedelta(days=400),
        end_date=today + dt.timedelta(days=330),
        total_budget=Decimal("5000000.00"),
        **_english_greek("tagline", tagline_en, tagline_el),
        **_english_greek("description", description_en, description_el),
    )
    if slug != "benchmark-network":
        NetworkHost.objects.create(network=network, host=host_of(slug), is_primary=True)
    return network


def host_of(slug: str) -> str:
    """The host name a further benchmark network answers on."""
    return f"{slug}.localhost"


def _english_greek(name: str, english: str, greek: str) -> dict[str, str]:
    return translations(name, {"en": english, "el": greek})


#: Per network: the indicators every city measures, and how many times it has measured each.
INDICATORS = 5
MEASUREMENTS_PER_SERIES = 12
#: Per public meeting.
REGISTRATIONS_PER_MEETING = 10


def indicators(writer, tag: str, network: Network, cities: list[City]) -> int:
    """A few indicators for the network (once) and a series of measurements per city."""
    existing = list(Indicator.objects.filter(network=network).order_by("order"))
    if not existing:
        made = []
        for number in range(INDICATORS):
            name_en, name_el = writer.title()
            made.append(
                Indicator(
                    network=network,
                    slug=f"{tag}-indicator-{number + 1}",
                    **translations("name", {"en": name_en, "el": name_el}),
                    unit_one="%",
                    decimal_places=1,
                    order=number,
                )
            )
        existing = Indicator.objects.bulk_create(made)
    series = Series.objects.bulk_create(
        Series(
            indicator=indicator,
            city=city,
            baseline_value=Decimal(writer.random.randint(10, 60)),
            baseline_date=network.start_date,
            target_value=Decimal(writer.random.randint(60, 95)),
        )
        for indicator in existing
        for city in cities
    )
    span = max(1, (timezone.localdate() - network.start_date).days)
    step = max(1, span // MEASUREMENTS_PER_SERIES)
    measurements = [
        Measurement(
            series=one,
            value=Decimal(writer.random.randint(100, 990)) / 10,
            measured_on=network.start_date + dt.timedelta(days=step * number),
        )
        for one in series
        for number in range(MEASUREMENTS_PER_SERIES)
        if step * number <= span
    ]
    Measurement.objects.bulk_create(measurements, batch_size=2000)
    return len(measurements)


def registrations(writer, meetings: list[Meeting]) -> int:
    """Registrations for the public meetings: most confirmed, a few waiting or cancelled."""
    now = timezone.now()
    statuses = [Registration.Status.CONFIRMED] * 7 + [
        Registration.Status.PENDING,
        Registration.Status.WAITING,
        Registration.Status.CANCELLED,
    ]
    rows = []
    for meeting in meetings:
        if not meeting.is_public:
            continue
        for number in range(REGISTRATIONS_PER_MEETING):
            status = statuses[number % len(statuses)]
            email = f"guest-{meeting.pk}-{number + 1}@bench.example"
            rows.append(
                Registration(
                    meeting=meeting,
                    status=status,
                    name=f"Guest {number + 1}",
                    email=email,
                    email_key=email,
                    language=writer.random.choice(["el", "en"]),
                    check_in_code=f"{meeting.pk % 10_000:04d}{number:04d}",
                    created_at=now,
                    confirmed_at=now if status == Registration.Status.CONFIRMED else None,
                    cancelled_at=now if status == Registration.Status.CANCELLED else None,
                )
            )
    Registration.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
