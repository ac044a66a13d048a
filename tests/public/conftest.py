import datetime as dt
import zoneinfo
from types import SimpleNamespace

import pytest
from django.utils import timezone

from news.models import Article
from practices.models import Phase, TransferStep
from tests.factories import (
    ArticleFactory,
    CityFactory,
    MeetingFactory,
    PracticeFactory,
    TransferFactory,
    TransferStepFactory,
)

ROME = zoneinfo.ZoneInfo("Europe/Rome")


def add_steps(transfer, progress: dict[str, int]) -> None:
    for order, (phase, value) in enumerate(progress.items()):
        status = (
            TransferStep.Status.DONE
            if value == 100
            else TransferStep.Status.IN_PROGRESS
            if value
            else TransferStep.Status.PLANNED
        )
        TransferStepFactory(
            transfer=transfer, phase=phase, progress=value, status=status, order=order
        )


@pytest.fixture
def site(network, lead_city):
    """A small public site: two partners, one practice each, news in every state, meetings."""
    naples = CityFactory(
        network=network,
        slug="naples",
        name_el="Νάπολη",
        name_en="Naples",
        country="IT",
        timezone="Europe/Rome",
        population=913462,
        description_el="<p>Μεσογειακή μητρόπολη με πυκνό ιστορικό κέντρο.</p>",
        description_en="<p>A Mediterranean metropolis with a dense historic centre.</p>",
    )
    geel = CityFactory(network=network, slug="geel", name_el="Γκέελ", name_en="Geel", country="BE")
    council = PracticeFactory(
        network=network,
        slug="prevention-council",
        title_el="Συμβούλιο Πρόληψης",
        title_en="Prevention Council",
        summary_el="Πόλη, αστυνομία και κάτοικοι αποφασίζουν μαζί.",
        summary_en="City, police and residents decide together.",
        description_el="<p>Το συμβούλιο παρακολουθεί την ασφάλεια κάθε γειτονιάς.</p>",
        description_en="<p>The council follows the safety of every neighbourhood.</p>",
    )
    surveys = PracticeFactory(
        network=network,
        slug="fear-surveys",
        title_el="Έρευνες φόβου",
        title_en="Fear of crime surveys",
    )
    naples_council = TransferFactory(city=naples, practice=council)
    add_steps(naples_council, {Phase.UNDERSTAND: 100, Phase.ADAPT: 50, Phase.REUSE: 0})
    geel_surveys = TransferFactory(city=geel, practice=surveys)
    add_steps(geel_surveys, {Phase.UNDERSTAND: 100, Phase.ADAPT: 100, Phase.REUSE: 70})

    article = ArticleFactory(
        slug="safety-week",
        title_el="Εβδομάδα ασφάλειας στις γειτονιές",
        title_en="Safety week in the neighbourhoods",
        summary_el="Οι κάτοικοι της Νάπολης συζήτησαν για την ασφάλεια.",
        summary_en="Residents of Naples talked about safety.",
        body_el="<p>Συναντήσεις σε κάθε γειτονιά της πόλης.</p>",
        body_en="<p>Meetings in every neighbourhood of the city.</p>",
        published_at=dt.datetime(2026, 3, 5, 12, 0, tzinfo=dt.UTC),
        cities=[naples],
    )
    greek_only = ArticleFactory(
        slug="greek-only",
        title_el="Μόνο στα ελληνικά",
        title_en="",
        summary_el="Περίληψη χωρίς μετάφραση.",
        summary_en="",
        body_el="<p>Κείμενο χωρίς αγγλική μετάφραση.</p>",
        body_en="",
        published_at=dt.datetime(2025, 11, 20, 9, 0, tzinfo=dt.UTC),
    )
    draft = ArticleFactory(
        slug="draft-news",
        status=Article.Status.DRAFT,
        published_at=None,
        title_el="Πρόχειρο για την ασφάλεια",
        title_en="Draft about safety",
    )
    future = ArticleFactory(
        slug="future-news",
        published_at=timezone.now() + dt.timedelta(days=2),
        title_el="Μελλοντικό άρθρο για την ασφάλεια",
        title_en="Future article about safety",
    )
    start = (timezone.now() + dt.timedelta(days=30)).astimezone(ROME)
    start = start.replace(hour=9, minute=30, second=0, microsecond=0)
    meeting = MeetingFactory(
        network=network,
        slug="naples-transnational",
        title_el="Διακρατική συνάντηση στη Νάπολη",
        title_en="Transnational meeting in Naples",
        venue_el="Δημαρχείο Νάπολης",
        venue_en="Naples City Hall",
        agenda_el="<p>Επισκέψεις πεδίου και εργαστήρια.</p>",
        agenda_en="<p>Field visits and workshops.</p>",
        host_city=naples,
        timezone="Europe/Rome",
        start=start,
        end=start + dt.timedelta(hours=7),
    )
    past_meeting = MeetingFactory(
        network=network,
        slug="kick-off",
        title_el="Εναρκτήρια συνάντηση",
        title_en="Kick-off meeting",
        start=timezone.now() - dt.timedelta(days=200),
        end=timezone.now() - dt.timedelta(days=199),
    )
    private_meeting = MeetingFactory(
        network=network,
        slug="internal-call",
        title_el="Εσωτερική τηλεδιάσκεψη",
        title_en="Internal call",
        is_public=False,
    )
    return SimpleNamespace(
        network=network,
        lead_city=lead_city,
        naples=naples,
        geel=geel,
        council=council,
        surveys=surveys,
        article=article,
        greek_only=greek_only,
        draft=draft,
        future=future,
        meeting=meeting,
        past_meeting=past_meeting,
        private_meeting=private_meeting,
    )
