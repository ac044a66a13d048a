"""Lead staff of one network are nobody in another's admin.

Network A holds a row of every kind the admin shows (the write-rule walk's world, and the
rest); network B's lead staff then walk every registered ModelAdmin: no change list, search,
list filter, form choice, autocomplete, page by id, history, admin log line or "recent action"
shows them one of A's rows. A superuser still sees them all.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.admin.models import ADDITION, LogEntry
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from cities.admin_scope import NetworkScopedAdmin
from cities.closure import DocumentKeeping, NetworkClosure
from cities.hosts import NetworkHost
from cities.models import City, FactSource, Membership
from common.languages import localized_fields
from indicators.models import Measurement, Series
from meetings.models import AgendaItem
from networks.models import StandardQuestion, StandardStep
from notifications.models import NotificationPreferences, OutboundEmail
from portal.seed import ensure_lead_staff_group
from registrations.models import Question
from reports.models import ReportTransition
from tests.factories import (
    ArticleFactory,
    CityFactory,
    MembershipFactory,
    NetworkFactory,
    UserFactory,
    activate_totp,
)
from tests.foundation.test_write_rule import World
from ulg.models import Attendance, SectorAttendance

pytestmark = pytest.mark.django_db

#: A's names: not one of them may appear on a page B's lead staff open.
MARK = "Alphaville"


def _fill_network_a(world: World) -> None:
    """Rows of the kinds the write-rule world does not make, all in network A."""
    network, host = world.network, world.host
    for city in City.objects.filter(network=network):
        for column in localized_fields("name"):
            setattr(city, column, f"{MARK} {city.slug}")
        city.save()
    world.host_coordinator.full_name = f"{MARK} Coordinator"
    world.host_coordinator.save()
    MembershipFactory(
        user=UserFactory(email="lead-a@example.org", full_name=f"{MARK} Lead", is_staff=True),
        city=host,
        role=Membership.Role.LEAD_STAFF,
    )
    NetworkHost.objects.create(network=network, host="alpha.example", is_primary=True)
    StandardStep.objects.create(network=network, phase="adapt", title="Alpha step")
    StandardQuestion.objects.create(network=network, label="Alpha question")
    FactSource.objects.create(
        network=network, fact="period", title="Alpha source", read_on=timezone.localdate()
    )
    AgendaItem.objects.create(meeting=world.meeting, title="Alpha welcome")
    attendance = Attendance.objects.create(meeting=world.held, people=5)
    SectorAttendance.objects.create(attendance=attendance, sector="residents", people=2)
    Question.objects.create(registration_settings=world.setup, label="Alpha question")
    ReportTransition.objects.create(report=world.submitted, to_status="submitted")
    Measurement.objects.create(
        series=Series.objects.get(city=host),
        value=Decimal("3"),
        measured_on=timezone.localdate(),
    )
    ArticleFactory(network=network, cities=[host])
    NotificationPreferences.objects.create(user=world.host_coordinator)
    OutboundEmail.objects.create(
        network=network,
        kind="meeting_invitation",
        recipient=world.host_coordinator,
        to_email=world.host_coordinator.email,
        language="en",
        subject="Alpha reminder",
        body_text="Alpha",
    )
    from practices.models import StepComment

    StepComment.objects.create(step=world.step, author=world.stranger, body="Alpha comment")
    closure = NetworkClosure.objects.create(
        network=network, closed_at=timezone.now(), final_story="Alpha story"
    )
    DocumentKeeping.objects.create(
        closure=closure,
        city=host,
        place="Alpha archive",
        kept_until=timezone.localdate() + dt.timedelta(days=3650),
        contact_role="Clerk",
    )
    activate_totp(world.host_coordinator)  # an allauth authenticator
    from allauth.account.models import EmailAddress

    EmailAddress.objects.get_or_create(
        user=world.host_coordinator, email=world.host_coordinator.email
    )


@pytest.fixture
def network_a_rows():
    """Every row in the database once network A is filled: all of them are A's."""
    network = NetworkFactory(slug="citisense", name=f"{MARK} Network")
    world = World(network)
    _fill_network_a(world)
    practice = world.step.transfer.practice
    LogEntry.objects.log_actions(
        user_id=world.host_coordinator.pk,
        queryset=[practice],
        action_flag=ADDITION,
        change_message="",
        single_object=True,
    )
    rows = {
        model: set(model._base_manager.values_list("pk", flat=True))
        for model in admin.site._registry
    }
    return world, rows


@pytest.fixture
def lead_b(network_a_rows):
    network = NetworkFactory(name="Network Beta")
    NetworkHost.objects.create(network=network, host="b.example", is_primary=True)
    lead_city = CityFactory(network=network, role="lead_partner")
    user = UserFactory(email="lead-b@example.org", full_name="Beta Lead", is_staff=True)
    user.groups.add(ensure_lead_staff_group())
    MembershipFactory(user=user, city=lead_city, role=Membership.Role.LEAD_STAFF)
    activate_totp(user)
    return user


def _url(model, view: str, *args) -> str | None:
    try:
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)
    except NoReverseMatch:
        return None


def _is_gone(response) -> bool:
    """Django's answer for an id it does not find: back to the index, "doesn't exist" (or a
    refusal that every id gets, as deleting from a read-only record)."""
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response["Location"] == reverse("admin:index")
    )


REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_lead_staff_of_network_b_see_none_of_network_a_in_any_admin(
    client, network_a_rows, lead_b, model
):
    _world, rows = network_a_rows
    model_admin = admin.site._registry[model]
    client.force_login(lead_b)
    client.cookies["django_language"] = "en"
    changelist = client.get(_url(model, "changelist"))
    if not isinstance(model_admin, NetworkScopedAdmin):
        # The deployment's own tables (groups, the site): not lead staff's at all.
        assert changelist.status_code == 403
        return
    assert rows[model], f"network A has no {model._meta.label}: the walk would prove nothing"
    if changelist.status_code == 403:
        return  # lead staff have no permission on it (e-mail addresses, registrations)
    assert changelist.status_code == 200
    shown = set(changelist.context["cl"].queryset.values_list("pk", flat=True))
    assert not shown & rows[model]
    assert MARK not in changelist.content.decode()  # rows, filters, counts
    searched = client.get(_url(model, "changelist"), {"q": "Alpha"})
    assert not set(searched.context["cl"].queryset.values_list("pk", flat=True)) & rows[model]
    for pk in sorted(rows[model])[:3]:
        for view in ("change", "delete", "history"):
            response = client.get(_url(model, view, pk))
            assert _is_gone(response), (view, pk, response.status_code)
        history = getattr(model, "history", None)
        if history is not None and _url(model, "simple_history", pk, 1):
            version = history.filter(pk=pk).values_list("history_id", flat=True).first()
            if version:
                response = client.get(_url(model, "simple_history", pk, version))
                assert _is_gone(response), ("version", pk, response.status_code)
    add = client.get(_url(model, "add"))
    if add.status_code == 200:
        for name, field in add.context["adminform"].form.fields.items():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and queryset.model in rows:
                offered = set(queryset.values_list("pk", flat=True))
                assert not offered & rows[queryset.model], f"{name} offers network A's rows"


def test_a_superuser_still_sees_every_network(client, network_a_rows, lead_b):
    _world, rows = network_a_rows
    root = UserFactory(email="root@example.org", is_staff=True, is_superuser=True)
    activate_totp(root)
    client.force_login(root)
    for model in (City, Membership, LogEntry):
        response = client.get(_url(model, "changelist"))
        assert rows[model] <= set(response.context["cl"].queryset.values_list("pk", flat=True))


def test_autocomplete_and_recent_actions_show_no_other_network(client, network_a_rows, lead_b):
    world, _rows = network_a_rows
    # Lead B once recorded something about A's practice (say, before the roles changed).
    LogEntry.objects.log_actions(
        user_id=lead_b.pk,
        queryset=[world.step.transfer.practice],
        action_flag=ADDITION,
        change_message="",
        single_object=True,
    )
    client.force_login(lead_b)
    client.cookies["django_language"] = "en"
    index = client.get(reverse("admin:index"))
    assert list(index.context["log_entries"].filter(user=lead_b)) == []
    assert str(world.step.transfer.practice) not in index.content.decode()
    found = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "cities", "model_name": "membership", "field_name": "user", "term": ""},
    )
    ids = {int(item["id"]) for item in found.json()["results"]}
    assert ids == {lead_b.pk}
    found = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "cities", "model_name": "membership", "field_name": "city", "term": MARK},
    )
    assert found.json()["results"] == []


def test_another_networks_object_cannot_be_chosen_in_a_form(client, network_a_rows, lead_b):
    """Posting A's city into B's lead staff's form is refused and creates nothing."""
    world, _rows = network_a_rows
    client.force_login(lead_b)
    before = Membership.objects.count()
    response = client.post(
        _url(Membership, "add"),
        {"user": lead_b.pk, "city": world.host.pk, "role": Membership.Role.CITY_COORDINATOR},
        HTTP_HOST="b.example",
    )
    assert response.status_code == 200
    assert "city" in response.context["adminform"].form.errors
    assert Membership.objects.count() == before


def test_lead_staff_read_their_own_networks_audit_lines_only(client, network_a_rows, lead_b):
    from operations.models import AuditEvent

    client.force_login(lead_b)
    response = client.get(_url(AuditEvent, "changelist"))
    lines = response.context["cl"].queryset
    # B's role changes, and the changes of B's people's accounts (their staff status).
    assert set(lines.values_list("network_id", flat=True)) == {
        Membership.objects.get(user=lead_b).city.network_id,
        None,
    }
    assert set(lines.filter(network=None).values_list("target_user", flat=True)) == {lead_b.pk}
