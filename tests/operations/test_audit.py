"""Every change of a person's powers is logged with who made it, and lead staff can read it."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group
from django.urls import reverse

from cities.models import Membership
from operations.models import AuditEvent
from portal.seed import ensure_lead_staff_group
from tests.factories import MembershipFactory, UserFactory, activate_totp

pytestmark = pytest.mark.django_db
Action = AuditEvent.Action


def user_change_form(user, **changes) -> dict:
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "preferred_language": user.preferred_language,
        "is_active": "on" if user.is_active else "",
        "is_staff": "on" if user.is_staff else "",
        "is_superuser": "on" if user.is_superuser else "",
        "groups": [group.pk for group in user.groups.all()],
        "user_permissions": [],
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def test_granting_staff_group_and_membership_in_the_admin_is_logged(
    client, lead_staff, coordinator, lead_city
):
    client.force_login(lead_staff)
    group = ensure_lead_staff_group()
    AuditEvent.objects.all().delete()
    response = client.post(
        reverse("admin:accounts_user_change", args=[coordinator.pk]),
        user_change_form(
            coordinator,
            is_staff="on",
            groups=[group.pk],
            **{
                "memberships-TOTAL_FORMS": "1",
                "memberships-0-city": lead_city.pk,
                "memberships-0-role": Membership.Role.LEAD_STAFF,
            },
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    events = {event.action: event for event in AuditEvent.objects.all()}
    assert set(events) == {Action.STAFF_GRANTED, Action.GROUP_ADDED, Action.MEMBERSHIP_GRANTED}
    for event in events.values():
        assert event.actor == lead_staff
        assert event.actor_label == lead_staff.email
        assert event.target_user == coordinator
    assert events[Action.GROUP_ADDED].details == {"group": group.name}
    assert events[Action.MEMBERSHIP_GRANTED].details == {
        "city": lead_city.slug,
        "role": "lead_staff",
    }
    # Django's own admin log has the change too, and the membership keeps its history.
    assert LogEntry.objects.filter(
        user=lead_staff, object_id=str(coordinator.pk), action_flag=CHANGE
    ).exists()
    membership = Membership.objects.get(user=coordinator, city=lead_city)
    assert membership.history.get().history_user == lead_staff


def test_removing_staff_status_and_a_group_is_logged(client, lead_staff, city):
    group = ensure_lead_staff_group()
    colleague = UserFactory(email="colleague@example.org", is_staff=True)
    colleague.groups.add(group)
    MembershipFactory(user=colleague, city=city, role=Membership.Role.CITY_COORDINATOR)
    client.force_login(lead_staff)
    AuditEvent.objects.all().delete()
    response = client.post(
        reverse("admin:accounts_user_change", args=[colleague.pk]),
        user_change_form(colleague, is_staff="", groups=[]),
    )
    assert response.status_code == 302
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert actions == {Action.STAFF_REVOKED, Action.GROUP_REMOVED}
    assert set(AuditEvent.objects.values_list("actor", flat=True)) == {lead_staff.pk}


def test_changing_and_removing_a_membership_is_logged_with_history(
    client, lead_staff, coordinator, city
):
    membership = Membership.objects.get(user=coordinator)
    client.force_login(lead_staff)
    response = client.post(
        reverse("admin:cities_membership_change", args=[membership.pk]),
        {"user": coordinator.pk, "city": city.pk, "role": Membership.Role.ULG_COORDINATOR},
    )
    assert response.status_code == 302
    changed = AuditEvent.objects.get(action=Action.MEMBERSHIP_CHANGED)
    assert changed.actor == lead_staff
    assert changed.details["before"] == {"city": city.slug, "role": "city_coordinator"}
    assert changed.details["role"] == "ulg_coordinator"
    # The membership's history view in the admin names who changed it.
    response = client.get(reverse("admin:cities_membership_history", args=[membership.pk]))
    assert response.status_code == 200
    assert lead_staff.email in response.content.decode() or str(lead_staff) in (
        response.content.decode()
    )

    response = client.post(
        reverse("admin:cities_membership_delete", args=[membership.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    removed = AuditEvent.objects.get(action=Action.MEMBERSHIP_REMOVED)
    assert removed.actor == lead_staff and removed.target_user == coordinator
    history = list(Membership.history.filter(id=membership.pk).order_by("history_date"))
    assert [row.history_type for row in history][-2:] == ["~", "-"]
    assert all(row.history_user == lead_staff for row in history[-2:])


def test_changes_outside_a_request_are_logged_as_system(coordinator):
    group = Group.objects.create(name="Reviewers")
    group.user_set.add(coordinator)
    event = AuditEvent.objects.get(action=Action.GROUP_ADDED)
    assert event.actor is None and event.actor_label == ""
    assert event.target_user == coordinator


def test_creating_a_superuser_is_logged(db):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("root@example.org", "long-enough-password-1")
    actions = set(
        AuditEvent.objects.filter(target_label="root@example.org").values_list("action", flat=True)
    )
    assert actions == {Action.STAFF_GRANTED, Action.SUPERUSER_GRANTED}


def test_lead_staff_read_the_audit_log_but_nobody_edits_it(client, lead_staff, coordinator, city):
    MembershipFactory(user=coordinator, city=city, role=Membership.Role.ULG_COORDINATOR)
    event = AuditEvent.objects.filter(action=Action.MEMBERSHIP_GRANTED).first()
    client.force_login(lead_staff)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("admin:operations_auditevent_changelist"))
    assert response.status_code == 200
    assert "ULG coordinator" in response.content.decode()
    assert client.get(reverse("admin:operations_auditevent_add")).status_code == 403
    response = client.post(
        reverse("admin:operations_auditevent_change", args=[event.pk]), {"summary": "forged"}
    )
    assert response.status_code == 403
    assert (
        client.post(
            reverse("admin:operations_auditevent_delete", args=[event.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    event.refresh_from_db()
    assert event.summary != "forged"
    assert client.get(reverse("admin:admin_logentry_changelist")).status_code == 200


def test_other_staff_cannot_read_the_audit_log(client, lead_city):
    helper = UserFactory(email="helper@example.org", is_staff=True)
    activate_totp(helper)
    client.force_login(helper)
    assert client.get(reverse("admin:operations_auditevent_changelist")).status_code == 403
    assert client.get(reverse("admin:admin_logentry_changelist")).status_code == 403
