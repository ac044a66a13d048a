"""Two networks full of workspace data, for the isolation tests: every kind of object the
workspace shows, once in network A (served on the test client's own host) and once in
network B (served on "b.example")."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from cities.models import City, Membership, Network
from indicators import services as indicator_services
from indicators.models import Indicator, Measurement
from meetings.models import Meeting
from practices import services as practice_services
from practices.models import Deliverable, DeliverableUpload, StepEvidence, TransferStep
from registrations import services as registration_services
from registrations.models import Registration, RegistrationSettings
from reports import services as report_services
from reports.models import CityReport, ReportingPeriod
from tests.factories import (
    CityFactory,
    DeliverableFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    OutcomeFactory,
    PracticeFactory,
    TransferFactory,
    TransferStepFactory,
    UserFactory,
    activate_totp,
)
from tests.workspace import files
from ulg.models import Organisation, Outcome


@dataclass
class World:
    """One network's workspace objects, named after the network ("A" or "B")."""

    network: Network
    lead_city: City
    city: City
    lead: object
    coordinator: object
    step: TransferStep
    deliverable: Deliverable
    evidence: StepEvidence
    upload: DeliverableUpload
    organisation: Organisation
    meeting: Meeting
    outcome: Outcome
    registration: Registration
    period: ReportingPeriod
    report: CityReport
    indicator: Indicator
    measurement: Measurement


def lead_staff_of(city: City, email: str):
    user = UserFactory(email=email, is_staff=True)
    MembershipFactory(user=user, city=city, role=Membership.Role.LEAD_STAFF)
    activate_totp(user)  # staff without a second factor are sent to set one up
    return user


def build(network: Network, name: str) -> World:
    label = name.lower()
    lead_city = CityFactory(network=network, role="lead_partner", slug=f"lead-{label}")
    city = CityFactory(network=network, slug=f"town-{label}", name_en=f"Town {name}")
    lead = lead_staff_of(lead_city, f"lead-{label}@example.org")
    coordinator = UserFactory(email=f"coordinator-{label}@example.org")
    MembershipFactory(user=coordinator, city=city, role=Membership.Role.CITY_COORDINATOR)
    practice = PracticeFactory(network=network, title_en=f"Practice {name}")
    transfer = TransferFactory(city=city, practice=practice)
    step = TransferStepFactory(
        transfer=transfer, title=f"Step of network {name}", progress=30, status="in_progress"
    )
    deliverable = DeliverableFactory(city=city, network=network, title=f"Deliverable {name}")
    evidence = practice_services.add_evidence(
        step=step, user=coordinator, upload=files.pdf(f"evidence-{label}.pdf")
    )
    upload = practice_services.upload_deliverable_file(
        deliverable=deliverable, user=coordinator, upload=files.pdf(f"file-{label}.pdf")
    )
    practice_services.update_step(
        step=TransferStep.objects.get(pk=step.pk),
        user=coordinator,
        expected_version=TransferStep.objects.get(pk=step.pk).version,
        status="in_progress",
        progress=35,
        due_date=step.due_date,
        notes=f"Edited in network {name}",
    )
    organisation = OrganisationFactory(
        city=city, name=f"Organisation of network {name}", contact_email=f"c-{label}@example.org"
    )
    meeting = MeetingFactory(
        network=network,
        kind=Meeting.Kind.LOCAL_ULG,
        host_city=city,
        slug=f"meeting-{label}",
        title_en=f"Meeting of network {name}",
        start=timezone.now() - dt.timedelta(days=2),
        end=timezone.now() - dt.timedelta(days=2) + dt.timedelta(hours=2),
        created_by=coordinator,
    )
    outcome = OutcomeFactory(meeting=meeting, text=f"Outcome of network {name}")
    RegistrationSettings.objects.create(meeting=meeting, is_open=True, places=20)
    registration = registration_services.register(
        meeting=meeting,
        name=f"Registrant {name}",
        email=f"registrant-{label}@example.org",
        language="en",
        now=meeting.start - dt.timedelta(days=5),
    )
    registration, _changed = registration_services.confirm(
        registration_id=registration.pk, now=meeting.start - dt.timedelta(days=5)
    )
    today = timezone.localdate()
    period = ReportingPeriod.objects.create(
        network=network,
        number=1,
        start_date=today - dt.timedelta(days=60),
        end_date=today,
        due_date=today + dt.timedelta(days=7),
    )
    report = report_services.open_report(period=period, city=city, user=coordinator)
    indicator = Indicator.objects.create(
        network=network,
        slug=f"indicator-{label}",
        name_en=f"Indicator {name}",
        unit_en="%",
        direction=Indicator.Direction.HIGHER,
    )
    measurement = indicator_services.record_measurement(
        user=coordinator,
        indicator=indicator,
        city=city,
        value=Decimal("12"),
        measured_on=today - dt.timedelta(days=3),
        note=f"Measured in network {name}",
        evidence=files.pdf(f"measurement-{label}.pdf"),
    )
    return World(
        network=network,
        lead_city=lead_city,
        city=city,
        lead=lead,
        coordinator=coordinator,
        step=step,
        deliverable=deliverable,
        evidence=evidence,
        upload=upload,
        organisation=organisation,
        meeting=meeting,
        outcome=outcome,
        registration=registration,
        period=period,
        report=report,
        indicator=indicator,
        measurement=measurement,
    )


def texts(world: World) -> list[str]:
    """What would give a row of the world away in a page or a file."""
    return [
        world.step.title,
        world.deliverable.title,
        world.organisation.name,
        world.outcome.text,
        world.registration.name,
        world.meeting.title_en,
        world.city.name_en,
    ]
