"""A resident without an account registers, confirms by email, cancels; a coordinator checks
somebody in at the door. Debian's Chromium against the live server."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cities.models import Membership
from meetings.models import Meeting
from notifications.models import Kind, OutboundEmail
from registrations.models import Question, Registration, RegistrationSettings
from tests.browser.a11y import assert_accessible
from tests.factories import CityFactory, MeetingFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def open_session(network):
    city = CityFactory(network=network, name_en="Piraeus", name_el="Πειραιάς", slug="piraeus")
    meeting = MeetingFactory(
        network=network,
        kind=Meeting.Kind.LOCAL_ULG,
        host_city=city,
        slug="open-session",
        title_el="Ανοιχτή συνάντηση για την ασφάλεια της γειτονιάς",
        title_en="Open session on neighbourhood safety",
        start=timezone.now() + dt.timedelta(days=10),
    )
    setup = RegistrationSettings.objects.create(
        meeting=meeting, is_open=True, places=20, ask_organisation=True
    )
    Question.objects.create(
        registration_settings=setup,
        kind=Question.Kind.CHOICE,
        label_el="Με ποια ιδιότητα έρχεστε;",
        label_en="In which capacity are you coming?",
        choices_el="Κάτοικος\nΚαταστηματάρχης",
        choices_en="Resident\nShop owner",
        required=True,
    )
    return meeting


def emailed_link(address: str, kind: str) -> str:
    email = OutboundEmail.objects.get(to_email=address, kind=kind)
    return re.search(r"https?://\S+?(/el/registrations/\S+/)", email.body_text).group(1)


def register_in_greek(page, meeting, *, name: str, email: str) -> None:
    page.goto(f"/el/meetings/{meeting.slug}/")
    page.get_by_role("link", name="Εγγραφή", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Εγγραφή στη συνάντηση")
    assert_accessible(page)
    page.get_by_label("Το όνομά σας").fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Φορέας").fill("Σύλλογος κατοίκων")
    page.get_by_label("Κάτοικος").check()
    page.get_by_label("Διάβασα τη δήλωση απορρήτου").check()
    page.get_by_role("button", name="Εγγραφή").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ελέγξτε το email σας")


def test_a_resident_registers_confirms_and_cancels(new_context, open_session, screenshot):
    page = new_context(locale="el-GR").new_page()
    register_in_greek(page, open_session, name="Ελένη Παππά", email="eleni@example.org")
    screenshot(page, "sent")

    page.goto(emailed_link("eleni@example.org", Kind.REGISTRATION_CONFIRM))
    page.get_by_role("button", name="Επιβεβαίωση της εγγραφής μου").click()
    expect(page.get_by_role("status")).to_contain_text("η θέση σας κρατήθηκε")
    registration = Registration.objects.get(email="eleni@example.org")
    expect(page.locator(".check-in-code")).to_have_text(registration.check_in_code)
    qr = page.get_by_role("img", name=re.compile(registration.check_in_code))
    expect(qr).to_be_visible()
    # Drawn by this server (the page may load nothing from elsewhere), and it did load.
    page.wait_for_function(
        "image => image.complete && image.naturalWidth > 0", arg=qr.element_handle()
    )
    assert_accessible(page)
    screenshot(page, "confirmed")
    # The confirmation email carries the same personal page and the calendar file. (Its signed
    # address may differ from the one just shown by its timestamp, so open it and compare.)
    page.goto(emailed_link("eleni@example.org", Kind.REGISTRATION_CONFIRMED))
    expect(page.locator(".check-in-code")).to_have_text(registration.check_in_code)
    assert OutboundEmail.objects.get(kind=Kind.REGISTRATION_CONFIRMED).attachment_name

    page.get_by_role("button", name="Ακύρωση της εγγραφής μου").click()
    expect(page.get_by_role("status")).to_contain_text("Η εγγραφή σας ακυρώθηκε")
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_a_coordinator_checks_a_registrant_in_at_the_door(
    new_context, open_session, sign_in_as, screenshot
):
    visitor = new_context(locale="el-GR").new_page()
    register_in_greek(visitor, open_session, name="Νίκος Γεωργίου", email="nikos@example.org")
    visitor.goto(emailed_link("nikos@example.org", Kind.REGISTRATION_CONFIRM))
    visitor.get_by_role("button", name="Επιβεβαίωση της εγγραφής μου").click()
    code = visitor.locator(".check-in-code").inner_text()

    coordinator = UserFactory(email="ulg@piraeus.example", preferred_language="en")
    MembershipFactory(
        user=coordinator, city=open_session.host_city, role=Membership.Role.ULG_COORDINATOR
    )
    context = new_context()
    sign_in_as(context, coordinator)
    door = context.new_page()
    door.goto("/en/workspace/registrations/")
    door.get_by_role("link", name="Door list").click()
    door.get_by_label("Check-in code").fill(code.lower())
    door.get_by_role("button", name="Check in by code").click()
    expect(door.get_by_role("status")).to_contain_text("Νίκος Γεωργίου is checked in.")
    expect(door.get_by_role("list", name="Counts")).to_contain_text("1 checked in")
    assert_accessible(door)
    screenshot(door, "door")

    door.get_by_role("link", name="Settings").click()
    expect(door.get_by_label("Question in Greek").first).to_have_value("Με ποια ιδιότητα έρχεστε;")
    assert_accessible(door)
    screenshot(door, "settings")
