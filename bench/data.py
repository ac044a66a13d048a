"""Builds benchmark data: a multiple of one network's size, written with bulk inserts.

``build(scale=20)`` writes about 120 cities, 40 practices, 20,000 steps, 2,000 articles,
1,000 meetings and 500 people in a few seconds. Calling it again with another ``tag`` grows the
same network, which is how the query-count test compares 1x with a larger network.

Bulk inserts send no signals: callers that serve pages afterwards empty the page cache themselves
(``caching.versioning.bump_content_version``).
"""

import datetime as dt
import itertools
import math
import zlib
from dataclasses import asdict, dataclass
from decimal import Decimal

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from cities.models import City, Membership, Network
from common.languages import translations
from meetings.models import AgendaItem, Meeting, Participation
from news.models import Article
from portal.search_index import indexed_models, refresh_documents
from practices.models import Deliverable, Phase, Practice, Transfer, TransferStep
from practices.progress import refresh_tallies

from . import data_more
from .text import Writer

BENCH_EMAIL_DOMAIN = "bench.example"


@dataclass(frozen=True)
class Size:
    """One network's size: the CITISENSE network with a few years of working data."""

    cities: int = 6
    practices: int = 2
    steps: int = 1000
    articles: int = 100
    meetings: int = 50
    people: int = 25
    practices_per_city: int = 8

    def times(self, scale: int) -> "Size":
        return Size(
            cities=self.cities * scale,
            practices=self.practices * scale,
            steps=self.steps * scale,
            articles=self.articles * scale,
            meetings=self.meetings * scale,
            people=self.people * scale,
            practices_per_city=self.practices_per_city,
        )


ONE_NETWORK = Size()

COUNTRIES = [
    ("GR", "Europe/Athens"),
    ("IT", "Europe/Rome"),
    ("LV", "Europe/Riga"),
    ("HU", "Europe/Budapest"),
    ("BE", "Europe/Brussels"),
    ("ES", "Europe/Madrid"),
]
PHASES = [Phase.UNDERSTAND, Phase.ADAPT, Phase.REUSE]


def _english_greek(name: str, english: str, greek: str) -> dict[str, str]:
    """The English and Greek columns of ``name``: the writer writes those two languages."""
    return translations(name, {"en": english, "el": greek})


def _between(writer: Writer, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=writer.random.randint(0, (end - start).days))


@transaction.atomic
def build(*, scale: int = 20, tag: str = "a", seed: int = 8, network: str = "") -> dict:
    """Adds ``scale`` networks' worth of data to the default network (or to the network with
    the slug ``network``, made with a host name of its own); returns what it wrote."""
    size = ONE_NETWORK.times(scale)
    writer = Writer(seed=zlib.crc32(f"{seed}:{tag}:{scale}".encode()))
    network = data_more.network(writer, network)
    has_lead = City.objects.filter(network=network, role=City.Role.LEAD_PARTNER).exists()
    first_order = City.objects.filter(network=network).count()

    cities = []
    for number in range(size.cities):
        country, zone = COUNTRIES[number % len(COUNTRIES)]
        name_en, name_el = writer.town(first_order + number + 1)
        description_en, description_el = writer.paragraph(5)
        ulg_en, ulg_el = writer.paragraph(2)
        lead = not has_lead and number == 0
        cities.append(
            City(
                network=network,
                slug=f"{tag}-city-{number + 1}",
                **_english_greek("name", name_en, name_el),
                **_english_greek("description", description_en, description_el),
                **_english_greek("ulg_description", ulg_en, ulg_el),
                country=country,
                timezone=zone,
                role=City.Role.LEAD_PARTNER if lead else City.Role.PARTNER,
                population=writer.random.randint(8_000, 900_000),
                latitude=Decimal(writer.random.randint(36_000, 57_000)) / 1000,
                longitude=Decimal(writer.random.randint(-8_000, 27_000)) / 1000,
                budget=Decimal(writer.random.choice([70_000, 90_000, 110_000])),
                erdf_rate=Decimal("80.00"),
                order=first_order + number,
            )
        )
    cities = City.objects.bulk_create(cities)

    practices = []
    first_practice = Practice.objects.filter(network=network).count()
    for number in range(size.practices):
        title_en, title_el = writer.practice(first_practice + number + 1)
        summary_en, summary_el = writer.sentence()
        description_en, description_el = writer.paragraph(4)
        practices.append(
            Practice(
                network=network,
                slug=f"{tag}-practice-{number + 1}",
                **_english_greek("title", title_en, title_el),
                **_english_greek("summary", summary_en, summary_el),
                **_english_greek("description", description_en, description_el),
                layer=list(Practice.Layer)[number % len(Practice.Layer)],
                order=first_practice + number,
            )
        )
    Practice.objects.bulk_create(practices)
    all_practices = list(Practice.objects.filter(network=network).order_by("order", "id"))

    people = _people(size, tag, cities, network)
    coordinators = {
        m.city_id: m.user
        for m in Membership.objects.filter(
            city__in=cities, role=Membership.Role.CITY_COORDINATOR
        ).select_related("user")
    }

    transfers = []
    for index, city in enumerate(cities):
        count = min(size.practices_per_city, len(all_practices))
        for offset in range(count):
            practice = all_practices[(index + offset) % len(all_practices)]
            notes_en, notes_el = writer.sentence()
            transfers.append(
                Transfer(
                    city=city,
                    practice=practice,
                    **_english_greek("adaptation_notes", notes_en, notes_el),
                )
            )
    transfers = Transfer.objects.bulk_create(transfers)
    city_of = {city.pk: city for city in cities}

    steps = []
    per_transfer = math.ceil(size.steps / len(transfers))
    for number in range(size.steps):
        transfer = transfers[number % len(transfers)]
        order = number // len(transfers)
        status = writer.random.choice(list(TransferStep.Status))
        progress = {
            TransferStep.Status.PLANNED: 0,
            TransferStep.Status.DONE: 100,
        }.get(status, writer.random.randint(5, 95))
        title_en, title_el = writer.title()
        greek = city_of[transfer.city_id].country == "GR"
        steps.append(
            TransferStep(
                transfer=transfer,
                phase=PHASES[order * len(PHASES) // per_transfer],
                order=order,
                title=title_el if greek else title_en,
                due_date=_between(writer, network.start_date, network.end_date),
                status=status,
                progress=progress,
                notes=writer.sentence()[1 if greek else 0],
                updated_by=coordinators.get(transfer.city_id),
            )
        )
    bulk_create_with_history(
        steps, TransferStep, batch_size=2000, custom_historical_attrs={"network_id": network.pk}
    )

    deliverables = []
    for city in cities:
        for kind in (
            Deliverable.Kind.DRAFT_INVESTMENT_PLAN,
            Deliverable.Kind.FINAL_INVESTMENT_PLAN,
        ):
            deliverables.append(
                Deliverable(
                    network=network,
                    city=city,
                    kind=kind,
                    phase=Phase.ADAPT if "draft" in kind else Phase.REUSE,
                    due_date=_between(writer, network.start_date, network.end_date),
                    status=writer.random.choice(list(Deliverable.Status)),
                )
            )
    bulk_create_with_history(deliverables, Deliverable, batch_size=2000)

    meetings = _meetings(writer, size, tag, network, cities, people)
    articles = _articles(writer, size, tag, network, cities)
    measurements = data_more.indicators(writer, tag, network, cities)
    registrations = data_more.registrations(writer, meetings)
    # Bulk inserts send no post_save: recount the progress tallies and store search documents.
    refresh_tallies([transfer.pk for transfer in transfers])
    for model in indexed_models():
        refresh_documents(model)
    return {
        "network": network.slug,
        "size": asdict(size),
        "cities": len(cities),
        "practices": len(practices),
        "transfers": len(transfers),
        "steps": len(steps),
        "deliverables": len(deliverables),
        "people": len(people),
        "meetings": len(meetings),
        "articles": articles,
        "measurements": measurements,
        "registrations": registrations,
    }


def _people(size: Size, tag: str, cities: list[City], network: Network) -> list:
    User = get_user_model()
    password = make_password(None)  # unusable: benchmark sessions are created directly
    first_build = not Membership.objects.filter(
        city__network=network, role=Membership.Role.LEAD_STAFF
    ).exists()
    users = [
        User(
            email=f"{tag}-person-{number + 1}@{BENCH_EMAIL_DOMAIN}",
            full_name=f"Person {tag.upper()}{number + 1}",
            preferred_language="el" if number % 3 == 0 else "en",
            password=password,
            is_staff=first_build and number == 0,
        )
        for number in range(max(size.people, len(cities) + 2))
    ]
    users = User.objects.bulk_create(users)
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
    )
    memberships = [
        Membership(user=user, city=city, role=Membership.Role.CITY_COORDINATOR)
        for user, city in zip(users[2:], cities, strict=False)
    ]
    memberships += [
        Membership(user=user, city=city, role=Membership.Role.ULG_COORDINATOR)
        for user, city in zip(users[2 + len(cities) :], cities[::2], strict=False)
    ]
    if first_build:
        from portal.seed import ensure_lead_staff_group

        users[0].groups.add(ensure_lead_staff_group())
        # Staff reach the workspace only with an authenticator app (operations.middleware).
        TOTP.activate(users[0], generate_totp_secret())
        lead_city = City.objects.get(network=network, role=City.Role.LEAD_PARTNER)
        memberships.append(
            Membership(user=users[0], city=lead_city, role=Membership.Role.LEAD_STAFF)
        )
        memberships.append(
            Membership(user=users[1], city=lead_city, role=Membership.Role.LEAD_EXPERT)
        )
    Membership.objects.bulk_create(memberships)
    return users


def _meetings(writer, size, tag, network, cities, people) -> list[Meeting]:
    start = timezone.make_aware(dt.datetime.combine(network.start_date, dt.time(9)))
    span = (network.end_date - network.start_date).days
    meetings = []
    kinds = list(Meeting.Kind)
    for number in range(size.meetings):
        host = writer.random.choice(cities)
        begins = start + dt.timedelta(days=writer.random.randint(0, span - 2))
        title_en, title_el = writer.title()
        agenda_en, agenda_el = writer.paragraph(3)
        venue_en, venue_el = writer.pick([("City Hall", "Δημαρχείο"), ("Library", "Βιβλιοθήκη")])
        meetings.append(
            Meeting(
                network=network,
                kind=kinds[number % len(kinds)],
                slug=f"{tag}-meeting-{number + 1}",
                **_english_greek("title", title_en, title_el),
                **_english_greek("agenda", agenda_en, agenda_el),
                **_english_greek("venue", venue_en, venue_el),
                start=begins,
                end=begins + dt.timedelta(hours=writer.random.choice([2, 6, 30])),
                timezone=host.timezone,
                host_city=host,
                is_public=number % 5 != 0,
                status=Meeting.Status.CANCELLED if number % 20 == 0 else Meeting.Status.SCHEDULED,
            )
        )
    meetings = Meeting.objects.bulk_create(meetings, batch_size=500)
    items = []
    for meeting in meetings:
        for order in range(3):
            title_en, title_el = writer.title()
            items.append(
                AgendaItem(
                    meeting=meeting,
                    order=order,
                    starts_at=dt.time(9 + 2 * order),
                    **_english_greek("title", title_en, title_el),
                )
            )
    AgendaItem.objects.bulk_create(items)
    invitations = itertools.cycle(people)
    Participation.objects.bulk_create(
        Participation(meeting=meeting, user=next(invitations))
        for meeting in meetings
        for _ in range(min(5, len(people)))
    )
    return meetings


def _articles(writer, size, tag, network, cities) -> int:
    now = timezone.now()
    start = timezone.make_aware(dt.datetime.combine(network.start_date, dt.time(10)))
    seconds = int((now - start).total_seconds())
    articles = []
    for number in range(size.articles):
        title_en, title_el = writer.title()
        summary_en, summary_el = writer.sentence()
        body_en, body_el = writer.body(writer.random.randint(3, 6))
        if number % 30 == 29:
            status, published = Article.Status.DRAFT, None
        elif number % 30 == 28:  # scheduled for later
            status, published = Article.Status.PUBLISHED, now + dt.timedelta(days=number % 9 + 1)
        else:
            status = Article.Status.PUBLISHED
            published = start + dt.timedelta(seconds=writer.random.randint(0, seconds))
        articles.append(
            Article(
                network=network,
                slug=f"{tag}-news-{number + 1}",
                **_english_greek("title", title_en, title_el),
                **_english_greek("summary", summary_en, summary_el),
                **_english_greek("body", body_en, body_el),
                status=status,
                published_at=published,
            )
        )
    # Batches: a row has a column per language of each translated field and search document.
    articles = Article.objects.bulk_create(articles, batch_size=500)
    Through = Article.cities.through
    Through.objects.bulk_create(
        Through(article_id=article.pk, city_id=city.pk)
        for article in articles
        for city in writer.random.sample(cities, k=min(2, len(cities)))
    )
    return len(articles)
