"""Demo content: one public meeting open to registration, marked as demo in its title."""

import datetime as dt
import zoneinfo

from django.utils import timezone

from cities.models import City, Network
from meetings.models import Meeting

from .models import Question, RegistrationSettings

DEMO_SLUG = "demo-open-ulg-session"
VENUE_ZONE = "Europe/Athens"

QUESTIONS = [
    {
        "order": 1,
        "kind": Question.Kind.CHOICE,
        "required": True,
        "label_el": "Με ποια ιδιότητα έρχεστε;",
        "label_en": "In which capacity are you coming?",
        "choices_el": "Κάτοικος\nΚαταστηματάρχης\nΦοιτητής ή φοιτήτρια\nΆλλο",
        "choices_en": "Resident\nShop owner\nStudent\nOther",
    },
    {
        "order": 2,
        "kind": Question.Kind.SHORT_TEXT,
        "required": False,
        "label_el": "Ποιο σημείο της γειτονιάς σας θέλετε να συζητήσουμε;",
        "label_en": "Which spot in your neighbourhood would you like us to discuss?",
    },
]


def seed_open_meeting(*, network: Network, now: dt.datetime | None = None) -> Meeting:
    """Three weeks from today at 18:00 in the venue, 25 places; safe to run again."""
    now = now or timezone.now()
    zone = zoneinfo.ZoneInfo(VENUE_ZONE)
    day = (now.astimezone(zone) + dt.timedelta(days=21)).date()
    start = dt.datetime.combine(day, dt.time(18, 0), tzinfo=zone)
    host = (
        City.objects.filter(network=network, role=City.Role.LEAD_PARTNER).order_by("order").first()
    )
    meeting, _created = Meeting.objects.update_or_create(
        slug=DEMO_SLUG,
        defaults={
            "network": network,
            "kind": Meeting.Kind.LOCAL_ULG,
            "is_public": True,
            "host_city": host,
            "timezone": VENUE_ZONE,
            "start": start,
            "end": start + dt.timedelta(hours=2),
            "title_el": "[Demo] Ανοιχτή συνάντηση της τοπικής ομάδας για την ασφάλεια στη γειτονιά",
            "title_en": "[Demo] Open local group session on neighbourhood safety",
            "venue_el": "[Demo] Αίθουσα δημοτικού κτιρίου",
            "venue_en": "[Demo] Municipal building hall",
            "agenda_el": "Παράδειγμα για δοκιμή: κάτοικοι και επαγγελματίες συζητούν μαζί τι κάνει "
            "έναν δρόμο ασφαλή. Δεν πρόκειται για πραγματική εκδήλωση.",
            "agenda_en": "Example for trying the portal out: residents and businesses talk about "
            "what makes a street feel safe. This is not a real event.",
        },
    )
    setup, _created = RegistrationSettings.objects.update_or_create(
        meeting=meeting,
        defaults={"is_open": True, "places": 25, "ask_organisation": True},
    )
    for question in QUESTIONS:
        Question.objects.update_or_create(
            registration_settings=setup, order=question["order"], defaults=question
        )
    return meeting
