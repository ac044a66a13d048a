"""After `make run` a visitor finds one public meeting open to registration, marked as demo."""

import pytest
from django.core.management import call_command

from meetings.models import Meeting
from registrations.models import RegistrationSettings
from registrations.seed import DEMO_SLUG

pytestmark = pytest.mark.django_db


def test_the_demo_seed_opens_one_meeting_to_registration(settings, client):
    settings.DEBUG = True
    call_command("seed_demo", "--with-demo-users", verbosity=0)
    call_command("seed_demo", "--with-demo-users", verbosity=0)  # safe to run again

    meeting = Meeting.objects.get(slug=DEMO_SLUG)
    assert meeting.is_public and meeting.kind == Meeting.Kind.LOCAL_ULG
    # Marked as demo in each language's own words.
    assert meeting.title_en.startswith("[Demo]") and meeting.title_el.startswith("[Δείγμα]")
    assert meeting.is_demo
    setup = RegistrationSettings.objects.get(meeting=meeting)
    assert setup.window() == RegistrationSettings.Window.OPEN
    assert setup.questions.count() == 2

    page = client.get(f"/el/meetings/{DEMO_SLUG}/register/").content.decode()
    assert "Με ποια ιδιότητα έρχεστε;" in page
    assert (
        f"/en/meetings/{DEMO_SLUG}/register/"
        in client.get(f"/en/meetings/{DEMO_SLUG}/").content.decode()
    )


def test_without_demo_users_no_demo_meeting_is_seeded(client):
    call_command("seed_demo", verbosity=0)
    assert not Meeting.objects.filter(slug=DEMO_SLUG).exists()
