"""Every service that writes refuses a person outside its scope, and changes nothing.

The services are discovered: every public function of every app's ``services`` module must
either be walked here (called by a coordinator of another city, who was even invited to the host
city's meeting) or be named in ``EXEMPT`` with the reason it is not under the write rule. A new
service without either fails ``test_every_service_is_walked_or_exempt``.
"""

import datetime as dt
import importlib
import inspect

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from cities.models import Membership
from tests.factories import (
    CityFactory,
    MembershipFactory,
    UserFactory,
)

from .write_rule_world import World, database_state, service_cases

pytestmark = pytest.mark.django_db

#: Public functions of the services modules that are not under the write rule, and why.
EXEMPT = {
    # Visitors and invitees acting for themselves: no account, or their own answer.
    "accounts.services.accept_invitation": "the invitee sets a password; the emailed token is "
    "the proof",
    "meetings.services.respond": "an invitee's own answer, also from the signed link of the "
    "email (no sign-in): the participation is theirs",
    "registrations.services.register": "a visitor registers for a public meeting, no account",
    "registrations.services.confirm": "the visitor's confirmation link (signed) is the proof",
    "registrations.services.cancel": "the registrant's personal link (signed) is the proof",
    "registrations.services.delete_registration": "the registrant's personal link (signed)",
    # Scheduled jobs: nobody acts.
    "registrations.services.purge_personal_data": "the daily retention job deletes what the "
    "retention rule says, for every meeting",
    # Hooks of the Django admin, which saved the row under its own model permissions (staff).
    "meetings.services.record_revision": "the admin's save of a meeting: raises SEQUENCE and "
    "tells invitees; the workspace calls it only from the checked services",
    "meetings.services.send_invitations": "emails invitees the admin added; the workspace "
    "calls it only from the checked invite()",
    # Reads and pure helpers in the services modules: they write nothing.
    "accounts.services.hash_token": "pure function",
    "accounts.services.invitation_for_token": "reads",
    "accounts.services.invitation_lifetime": "pure function",
    "meetings.services.snapshot": "pure function",
    "meetings.services.unique_slug": "reads",
    "registrations.services.normalised_email": "pure function",
    "reports.services.missing_sections": "reads the report's text (the submit step asks it)",
    "networks.copying.standard_steps_of": "reads",
    "networks.copying.standard_questions_of": "reads",
}
#: Writing modules that are not called ``services``.
MORE_SERVICE_MODULES = ["networks.copying"]
#: Whole modules outside the rule: a person's own things, and the outbox's plumbing.
EXEMPT_MODULES = {
    "notifications.services": "the outbox (queued by services that checked already) and each "
    "person's own choices, feed and unsubscribing",
    "privacy.services": "a person deletes their own account",
}


def _services_functions() -> set[str]:
    found = set()
    names = [f"{config.name}.services" for config in apps.get_app_configs()]
    for name in [*names, *MORE_SERVICE_MODULES]:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        if module.__name__ in EXEMPT_MODULES:
            continue
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module.__name__ and not name.startswith("_"):
                found.add(f"{module.__name__}.{name}")
    return found


@pytest.fixture
def world(network):
    return World(network)


def test_every_service_is_walked_or_exempt(world):
    walked = set(service_cases(world, world.stranger))
    discovered = _services_functions()
    assert discovered - walked - set(EXEMPT) == set(), "a service nobody checked"
    assert walked - discovered == set(), "a walked service that no longer exists"
    assert set(EXEMPT) <= discovered, "an exemption for a service that no longer exists"


def test_a_coordinator_of_another_city_is_refused_by_every_service_and_nothing_changes(world):
    before = database_state()
    allowed = []
    for name, call in service_cases(world, world.stranger).items():
        try:
            call()
        except PermissionDenied:
            pass
        else:
            allowed.append(name)
        assert database_state() == before, f"{name} changed the database"
    assert allowed == []


def test_after_final_reporting_closes_the_host_coordinator_is_refused_too(world):
    """The closing date is part of the one rule: the host's own coordinator only reads."""
    from reports.services import ReportStateError

    world.network.start_date = timezone.localdate() - dt.timedelta(days=800)
    world.network.end_date = timezone.localdate() - dt.timedelta(days=200)
    world.network.save()
    before = database_state()
    for name in (
        "ulg.services.add_organisation",
        "meetings.services.cancel_meeting",
        "indicators.services.set_baseline",
        "practices.services.update_step",
        "registrations.services.check_in",
    ):
        with pytest.raises(PermissionDenied):
            service_cases(world, world.host_coordinator)[name]()
    # Their own report says why, rather than refusing a stranger.
    with pytest.raises(ReportStateError):
        service_cases(world, world.host_coordinator)["reports.services.save_report"]()
    assert database_state() == before


def test_once_the_network_is_closed_lead_staff_are_refused_too(world, lead_staff):
    from cities.closure import NetworkClosure

    NetworkClosure.objects.create(
        network=world.network, closed_at=timezone.now(), closed_by=lead_staff, final_story="Done"
    )
    before = database_state()
    cases = service_cases(world, lead_staff)
    for name in (
        "ulg.services.add_organisation",
        "meetings.services.cancel_meeting",
        "meetings.services.create_meeting",
        "indicators.services.set_baseline",
        "practices.services.update_step",
        "reports.services.create_period",
        "outputs.services.unpublish",
        "registrations.services.check_in",
    ):
        with pytest.raises(PermissionDenied):
            cases[name]()
    assert database_state() == before


def test_the_host_coordinator_passes_the_same_checks(world):
    """The walk refuses for the right reason: the host city's coordinator may do these."""
    cases = service_cases(world, world.host_coordinator)
    cases["ulg.services.update_organisation"]()
    cases["meetings.services.update_meeting"]()
    cases["registrations.services.check_in"]()
    cases["indicators.services.set_baseline"]()
    world.organisation.refresh_from_db()
    world.meeting.refresh_from_db()
    world.registration.refresh_from_db()
    assert world.organisation.name == "Renamed"
    assert world.meeting.title_en == "Renamed"
    assert world.registration.checked_in_by == world.host_coordinator


@pytest.fixture
def lead_of_another_network(world):
    """Lead staff of a second network, who are nobody in the world's network."""
    from tests.factories import NetworkFactory

    other_network = NetworkFactory(name="Another network")
    lead_city = CityFactory(network=other_network, slug="elsewhere", role="lead_partner")
    user = UserFactory(email="lead-elsewhere@example.org", is_staff=True)
    MembershipFactory(user=user, city=lead_city, role=Membership.Role.LEAD_STAFF)
    return user


def test_lead_staff_of_another_network_are_refused_by_every_service_and_nothing_changes(
    world, lead_of_another_network
):
    """Roles are per network: lead staff of one network are nobody in another's cities and
    get nothing from its services. Every service is tried (each in a savepoint rolled back
    afterwards), so that the failure lists them all."""
    before = database_state()
    allowed, changed = [], []
    for name, call in service_cases(world, lead_of_another_network).items():
        with transaction.atomic():
            try:
                call()
            except PermissionDenied:
                pass
            else:
                allowed.append(name)
            if database_state() != before:
                changed.append(name)
            transaction.set_rollback(True)
    assert allowed == [], f"not refused: {', '.join(allowed)}"
    assert changed == [], f"changed the database: {', '.join(changed)}"
