"""The world the write-rule walk acts in: two cities, a meeting, their rows, and every
service called once (``cases``) by a given person."""

import datetime as dt
from decimal import Decimal

from django.apps import apps
from django.core.files.base import ContentFile
from django.utils import timezone

from cities.models import Membership
from meetings.models import Meeting
from tests.factories import (
    CityFactory,
    DeliverableFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    OutcomeFactory,
    ParticipationFactory,
    TransferStepFactory,
    UserFactory,
)
from tests.workspace.files import pdf


def _stored(model, name: str, **fields):
    content = b"%PDF-1.4 " + name.encode()
    return model.objects.create(
        file=ContentFile(content, name=name),
        original_name=name,
        content_type="application/pdf",
        size=len(content),
        **fields,
    )


class World:
    """A host city with its data, and a coordinator of another city invited to its meeting."""

    def __init__(self, network):
        from indicators.models import Indicator, Series
        from outputs.models import PublishedOutput
        from practices.models import DeliverableUpload, StepEvidence
        from registrations.models import Registration, RegistrationSettings
        from reports.models import CityReport, ReportingPeriod

        self.network = network
        self.host = CityFactory(network=network, slug="host-town")
        self.other = CityFactory(network=network, slug="other-town")
        self.host_coordinator = UserFactory(email="host@example.org")
        MembershipFactory(
            user=self.host_coordinator, city=self.host, role=Membership.Role.CITY_COORDINATOR
        )
        self.stranger = UserFactory(email="stranger@example.org")
        MembershipFactory(
            user=self.stranger, city=self.other, role=Membership.Role.CITY_COORDINATOR
        )
        self.step = TransferStepFactory(
            transfer__city=self.host, transfer__practice__network=network
        )
        self.evidence = _stored(StepEvidence, "evidence.pdf", step=self.step)
        self.deliverable = DeliverableFactory(city=self.host, network=network)
        self.upload = _stored(DeliverableUpload, "plan.pdf", deliverable=self.deliverable)
        self.output = PublishedOutput.objects.create(
            upload=self.upload,
            title="Investment plan",
            document_language="en",
            published_on=timezone.localdate(),
        )
        self.meeting = MeetingFactory(
            network=network,
            kind=Meeting.Kind.LOCAL_ULG,
            host_city=self.host,
            start=timezone.now() + dt.timedelta(days=7),
        )
        self.held = MeetingFactory(
            network=network,
            kind=Meeting.Kind.LOCAL_ULG,
            host_city=self.host,
            start=timezone.now() - dt.timedelta(days=7),
        )
        ParticipationFactory(meeting=self.meeting, user=self.stranger)
        ParticipationFactory(meeting=self.held, user=self.stranger)
        self.organisation = OrganisationFactory(city=self.host, contact_name="Eleni Private")
        self.outcome = OutcomeFactory(meeting=self.held)
        self.setup = RegistrationSettings.objects.create(meeting=self.meeting, is_open=True)
        self.registration = Registration.objects.create(
            meeting=self.meeting,
            name="Visitor",
            email="visitor@example.org",
            email_key="visitor@example.org",
            language="en",
            check_in_code="ABC234",
            status=Registration.Status.CONFIRMED,
        )
        self.indicator = Indicator.objects.create(
            network=network, slug="safety", name="Safety", unit="%"
        )
        Series.objects.create(indicator=self.indicator, city=self.host)
        today = timezone.localdate()
        self.period = ReportingPeriod.objects.create(
            network=network,
            number=2,
            start_date=today - dt.timedelta(days=30),
            end_date=today,
            due_date=today + dt.timedelta(days=30),
        )
        earlier = ReportingPeriod.objects.create(
            network=network,
            number=1,
            start_date=network.start_date,
            end_date=today - dt.timedelta(days=31),
            due_date=today,
        )
        self.report = CityReport.objects.create(period=self.period, city=self.host)
        self.submitted = CityReport.objects.create(
            period=earlier,
            city=self.host,
            status=CityReport.Status.SUBMITTED,
            snapshot={},
            submitted_at=timezone.now(),
        )
        from accounts.models import Invitation

        self.invitation = Invitation.objects.create(
            user=self.host_coordinator,
            city=self.host,
            role=Membership.Role.CITY_COORDINATOR,
            email=self.host_coordinator.email,
        )


def service_cases(w: World, user) -> dict:
    """Each walked service, called on the host city's objects by ``user``."""
    from accounts import services as accounts
    from archive import services as archive
    from cities import services as cities
    from indicators import services as indicators
    from meetings import services as meetings
    from networks import copying
    from outputs import services as outputs
    from practices import services as practices
    from registrations import services as registrations
    from registrations.forms import QuestionFormSet, SettingsForm
    from reports import services as reports
    from ulg import services as ulg

    today = timezone.localdate()
    meeting_data = {"kind": Meeting.Kind.LOCAL_ULG, "host_city": w.host, "title_en": "Mine"}
    return {
        "archive.services.close_network": lambda: archive.close_network(
            network=w.network, user=user, final_story={"en": "Done"}
        ),
        "archive.services.reopen_network": lambda: archive.reopen_network(
            network=w.network, user=user, reason="More to report"
        ),
        "networks.copying.copy_structure": lambda: copying.copy_structure(
            source=w.network,
            user=user,
            name="Next",
            slug="next",
            start_date=today,
            end_date=today + dt.timedelta(days=900),
            lead_city_name="Mine",
            lead_city_country="GR",
        ),
        "accounts.services.invite": lambda: accounts.invite(
            email="new@example.org", city=w.host, role="city_coordinator", user=user
        ),
        "accounts.services.resend_invitation": lambda: accounts.resend_invitation(
            invitation=w.invitation, user=user
        ),
        "cities.services.set_closing_date": lambda: cities.set_closing_date(
            network=w.network, user=user, closing_date=w.network.end_date
        ),
        "practices.services.add_comment": lambda: practices.add_comment(
            step=w.step, user=user, body="Looks late"
        ),
        "practices.services.add_evidence": lambda: practices.add_evidence(
            step=w.step, user=user, upload=pdf()
        ),
        "practices.services.create_step": lambda: practices.create_step(
            transfer=w.step.transfer, user=user, phase="adapt", title="Mine", due_date=None
        ),
        "practices.services.delete_evidence": lambda: practices.delete_evidence(
            evidence=w.evidence, user=user
        ),
        "practices.services.update_deliverable": lambda: practices.update_deliverable(
            deliverable=w.deliverable,
            user=user,
            expected_version=w.deliverable.version,
            status="done",
            due_date=today,
        ),
        "practices.services.update_step": lambda: practices.update_step(
            step=w.step,
            user=user,
            expected_version=w.step.version,
            status="done",
            progress=100,
            due_date=today,
            notes="",
        ),
        "practices.services.upload_deliverable_file": lambda: practices.upload_deliverable_file(
            deliverable=w.deliverable, user=user, upload=pdf()
        ),
        "meetings.services.attach_minutes": lambda: meetings.attach_minutes(
            meeting=w.held, user=user, file=pdf("minutes.pdf")
        ),
        "meetings.services.cancel_meeting": lambda: meetings.cancel_meeting(
            meeting=w.meeting, user=user
        ),
        "meetings.services.create_meeting": lambda: meetings.create_meeting(
            network=w.network, user=user, data=meeting_data
        ),
        "meetings.services.invite": lambda: meetings.invite(
            meeting=w.meeting, user=user, cities=[w.other]
        ),
        "meetings.services.update_meeting": lambda: meetings.update_meeting(
            meeting=w.meeting, user=user, data={"title_en": "Renamed"}
        ),
        "ulg.services.add_organisation": lambda: ulg.add_organisation(
            user=user, city=w.host, data={"name": "Mine", "sector": "residents"}
        ),
        "ulg.services.add_outcome": lambda: ulg.add_outcome(
            user=user, meeting=w.held, data={"kind": "decision", "text": "Mine"}
        ),
        "ulg.services.record_attendance": lambda: ulg.record_attendance(
            user=user, meeting=w.held, people=3
        ),
        "ulg.services.remove_organisation": lambda: ulg.remove_organisation(
            user=user, organisation=w.organisation
        ),
        "ulg.services.remove_outcome": lambda: ulg.remove_outcome(user=user, outcome=w.outcome),
        "ulg.services.update_organisation": lambda: ulg.update_organisation(
            user=user, organisation=w.organisation, data={"name": "Renamed"}
        ),
        "ulg.services.update_outcome": lambda: ulg.update_outcome(
            user=user, outcome=w.outcome, data={"text": "Renamed"}
        ),
        "indicators.services.record_measurement": lambda: indicators.record_measurement(
            user=user, indicator=w.indicator, city=w.host, value=Decimal("1"), measured_on=today
        ),
        "indicators.services.set_baseline": lambda: indicators.set_baseline(
            user=user,
            indicator=w.indicator,
            city=w.host,
            baseline_value=Decimal("1"),
            baseline_date=today,
            baseline_source="Mine",
            target_value=None,
        ),
        "outputs.services.publish": lambda: outputs.publish(
            user=user,
            upload=w.upload,
            title={"el": "Δικό μου", "en": "Mine"},
            document_language="en",
            published_on=today,
        ),
        "outputs.services.unpublish": lambda: outputs.unpublish(user=user, output=w.output),
        "registrations.services.check_in": lambda: registrations.check_in(
            registration=w.registration, user=user
        ),
        "registrations.services.undo_check_in": lambda: registrations.undo_check_in(
            registration=w.registration, user=user
        ),
        "registrations.services.save_settings": lambda: registrations.save_settings(
            form=SettingsForm({"places": 1}, instance=w.setup, meeting=w.meeting),
            questions=QuestionFormSet(instance=w.setup, prefix="questions"),
            user=user,
        ),
        "reports.services.accept_report": lambda: reports.accept_report(
            report=w.submitted, user=user, expected_version=w.submitted.version
        ),
        "reports.services.create_period": lambda: reports.create_period(
            network=w.network,
            user=user,
            number=3,
            start_date=today + dt.timedelta(days=1),
            end_date=today + dt.timedelta(days=2),
            due_date=today + dt.timedelta(days=3),
        ),
        "reports.services.open_report": lambda: reports.open_report(
            period=w.period, city=w.host, user=user
        ),
        "reports.services.reopen_report": lambda: reports.reopen_report(
            report=w.submitted, user=user, expected_version=w.submitted.version, comment="More"
        ),
        "reports.services.save_report": lambda: reports.save_report(
            report=w.report,
            user=user,
            expected_version=w.report.version,
            achievements="Mine",
            difficulties="",
            next_steps="Mine",
        ),
        "reports.services.update_period": lambda: reports.update_period(
            period=w.period,
            user=user,
            number=2,
            start_date=w.period.start_date,
            end_date=w.period.end_date,
            due_date=w.period.due_date + dt.timedelta(days=1),
            is_demo=False,
        ),
    }


def database_state() -> dict:
    """Every row of every table the project's models own."""
    state = {}
    for model in apps.get_models():
        if model._meta.managed and not model._meta.proxy:
            state[model._meta.label] = list(model.objects.order_by("pk").values())
    return state
