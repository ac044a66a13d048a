"""Two public sites in one portal, each with one of every kind of public object.

Network A (served on every host nobody claims, the test client's "testserver") and network B
("b.example") hold the same kinds of objects. Every visible text of a network carries its own
word ("Aquamarine" for A, "Burgundy" for B), so a page that shows anything of the other network
names the other's word. Both networks use the same slugs for their city "geel", practice
"council", meeting "kick-off" and article "launch" (slugs are unique within a network only);
each also has objects whose slugs only it uses (``solo_*``), for the "404 on the other host"
checks.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone

from cities.models import City, FactSource, Network
from indicators.models import Indicator, Measurement, Series
from meetings.models import Meeting
from outputs import services as output_services
from outputs.models import PublishedOutput
from practices import services as practice_services
from registrations import services as registration_services
from registrations.models import Registration, RegistrationSettings
from tests.factories import (
    ArticleFactory,
    CityFactory,
    DeliverableFactory,
    MeetingFactory,
    PracticeFactory,
    TransferFactory,
    TransferStepFactory,
    UserFactory,
)
from tests.networks.conftest import B_HOST
from tests.workspace import files

A_WORD = "Aquamarine"
B_WORD = "Burgundy"
#: The addresses of the two sites (the test settings' SITE_URL is A's; B's adds its port).
A_ADDRESS = "http://127.0.0.1:8000"
B_ADDRESS = f"http://{B_HOST}:8000"


@dataclass
class Site:
    network: Network
    word: str
    tag: str  # the start of the slugs only this network uses
    host: dict  # the test client's keyword arguments for a request to this site
    address: str
    city: City
    solo_city: City
    practice: object
    solo_practice: object
    meeting: Meeting
    solo_meeting: Meeting
    article: object
    solo_article: object
    output: PublishedOutput
    indicator: Indicator
    source: FactSource
    registration: Registration

    @property
    def names(self) -> list[str]:
        """What a visitor reads of this network's objects, one text per kind."""
        return [
            self.city.name_en,
            self.solo_city.name_en,
            self.practice.title_en,
            self.solo_practice.title_en,
            self.meeting.title_en,
            self.solo_meeting.title_en,
            self.article.title_en,
            self.solo_article.title_en,
        ]


def build_site(network: Network, word: str, tag: str, *, host: dict, address: str) -> Site:
    today = timezone.localdate()
    CityFactory(
        network=network,
        slug="lead",
        name_en=f"{word} Lead",
        name_el=f"{word} Πόλη",
        role="lead_partner",
    )
    city = CityFactory(
        network=network, slug="geel", name_en=f"Geel {word}", name_el=f"Γκέελ {word}"
    )
    solo_city = CityFactory(
        network=network, slug=f"{tag}-town", name_en=f"{word} Town", name_el=f"{word} Πόλη"
    )
    practice = PracticeFactory(
        network=network, slug="council", title_en=f"{word} council", title_el=f"{word} συμβούλιο"
    )
    solo_practice = PracticeFactory(
        network=network,
        slug=f"{tag}-survey",
        title_en=f"{word} survey",
        title_el=f"{word} έρευνα",
    )
    for partner, done in ((city, practice), (solo_city, solo_practice)):
        transfer = TransferFactory(city=partner, practice=done)
        TransferStepFactory(transfer=transfer, title=f"{word} step", progress=40)
    start = (timezone.now() + dt.timedelta(days=20)).replace(microsecond=0)
    meeting = MeetingFactory(
        network=network,
        slug="kick-off",
        title_en=f"{word} kick-off",
        title_el=f"{word} έναρξη",
        host_city=city,
        start=start,
    )
    solo_meeting = MeetingFactory(
        network=network,
        kind=Meeting.Kind.LOCAL_ULG,
        slug=f"{tag}-assembly",
        title_en=f"{word} assembly",
        title_el=f"{word} συνέλευση",
        host_city=solo_city,
        start=start + dt.timedelta(days=1),
    )
    RegistrationSettings.objects.create(meeting=solo_meeting, is_open=True, places=20)
    registration = registration_services.register(
        meeting=solo_meeting,
        name=f"{word} Visitor",
        email=f"{tag}@example.org",
        language="en",
    )
    article = ArticleFactory(
        network=network,
        slug="launch",
        title_en=f"{word} launch",
        title_el=f"{word} εκκίνηση",
        summary_en=f"The {word} network starts.",
        cities=[city],
        published_at=timezone.now() - dt.timedelta(days=2),
    )
    solo_article = ArticleFactory(
        network=network,
        slug=f"{tag}-story",
        title_en=f"{word} story",
        title_el=f"{word} ιστορία",
        summary_en=f"A story of {word}.",
        published_at=timezone.now() - dt.timedelta(days=3),
    )
    publisher = UserFactory(email=f"publisher-{tag}@example.org", is_superuser=True)
    deliverable = DeliverableFactory(city=city, kind="final_investment_plan")
    upload = practice_services.upload_deliverable_file(
        deliverable=deliverable, user=publisher, upload=files.pdf(f"{tag}-plan.pdf", size=2048)
    )
    output = output_services.publish(
        user=publisher,
        upload=upload,
        title={"el": f"{word} σχέδιο", "en": f"{word} plan"},
        document_language="en",
        published_on=today,
    )
    indicator = Indicator.objects.create(
        network=network,
        slug="safety",
        name_en=f"{word} safety index",
        name_el=f"{word} δείκτης",
        unit_en="%",
        unit_el="%",
        direction=Indicator.Direction.HIGHER,
    )
    series = Series.objects.create(
        indicator=indicator,
        city=city,
        baseline_value=Decimal("40"),
        baseline_date=today - dt.timedelta(days=200),
        baseline_source=f"{word} household survey",
        target_value=Decimal("55"),
    )
    Measurement.objects.create(series=series, measured_on=today - dt.timedelta(days=10), value=47)
    source = FactSource.objects.create(
        network=network,
        fact=FactSource.Fact.TOTAL_BUDGET,
        title=f"{word} approved budget",
        read_on=today,
    )
    return Site(
        network=network,
        word=word,
        tag=tag,
        host=host,
        address=address,
        city=city,
        solo_city=solo_city,
        practice=practice,
        solo_practice=solo_practice,
        meeting=meeting,
        solo_meeting=solo_meeting,
        article=article,
        solo_article=solo_article,
        output=output,
        indicator=indicator,
        source=source,
        registration=registration,
    )


@pytest.fixture
def sites(network_a, network_b, on_b):
    """``(A, B)``: the two sites, each fully built."""
    a = build_site(network_a, A_WORD, "a", host={}, address=A_ADDRESS)
    b = build_site(network_b, B_WORD, "b", host=on_b, address=B_ADDRESS)
    return a, b


@pytest.fixture(params=["A looks at B", "B looks at A"])
def pair(request, sites):
    """``(here, there)``: the site a visitor is on and the other network, both ways round."""
    a, b = sites
    return (a, b) if request.param == "A looks at B" else (b, a)
