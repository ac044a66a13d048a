"""A signed-in person downloads what the portal holds about them, and can delete the account."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.urls import reverse

from cities.models import Membership
from news.models import Article
from operations.models import AuditEvent
from practices.models import TransferStep
from tests.factories import (
    ArticleFactory,
    MembershipFactory,
    ParticipationFactory,
    TransferFactory,
    TransferStepFactory,
    activate_totp,
)

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"


@pytest.fixture
def active_coordinator(coordinator, city):
    """A coordinator who has done some work: edited a step, answered an invitation, wrote."""
    transfer = TransferFactory(city=city)
    step = TransferStepFactory(transfer=transfer, title="Map the hot spots", progress=10)
    step._history_user = coordinator
    step.progress = 50
    step.updated_by = coordinator
    step.save()
    ParticipationFactory(user=coordinator, rsvp="attending")
    ArticleFactory(author=coordinator, slug="from-the-field")
    activate_totp(coordinator)
    return coordinator


def test_export_holds_everything_about_the_person_and_no_secrets(
    client, active_coordinator, city, django_assert_max_num_queries
):
    client.force_login(active_coordinator)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("privacy:export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="citisense-my-data-')
    data = json.loads(response.content)
    assert data["account"]["email"] == active_coordinator.email
    assert data["account"]["full_name"] == active_coordinator.full_name
    assert data["account"]["email_addresses"][0]["verified"] is True
    assert data["account"]["two_factor_authentication"][0]["type"] == "totp"
    (membership,) = data["memberships"]
    assert membership["city_slug"] == city.slug
    assert membership["role"] == "city_coordinator"
    assert membership["role_label"] and membership["since"]
    assert data["meeting_participations"][0]["answer"] == "attending"
    assert data["articles_written"][0]["slug"] == "from-the-field"
    step_changes = [c for c in data["changes_made"] if c["record"] == "practices.TransferStep"]
    assert [c["progress"] for c in step_changes] == [50]
    assert step_changes[0]["title"] == "Map the hot spots"
    assert data["powers_granted"][0]["action"] == "membership_granted"
    secret = Authenticator.objects.get(user=active_coordinator).data["secret"]
    assert secret not in response.content.decode()
    assert "password" not in data["account"]


def test_my_data_page_offers_download_and_deletion(client, coordinator):
    client.force_login(coordinator)
    html = client.get(reverse("privacy:my_data")).content.decode()
    assert reverse("privacy:export") in html
    assert reverse("privacy:delete_account") in html


def test_wrong_password_deletes_nothing(client, coordinator):
    client.force_login(coordinator)
    client.cookies["django_language"] = "el"
    response = client.post(
        reverse("privacy:delete_account"), {"password": "not-it", "confirm": "on"}
    )
    assert response.status_code == 200
    assert "Ο κωδικός πρόσβασης δεν είναι σωστός." in response.content.decode()
    assert get_user_model().objects.filter(pk=coordinator.pk).exists()


def test_the_confirmation_box_is_required(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("privacy:delete_account"), {"password": PASSWORD})
    assert response.status_code == 200
    assert response.context["form"].errors["confirm"]
    assert get_user_model().objects.filter(pk=coordinator.pk).exists()


def test_deleting_the_account_keeps_progress_and_history_anonymous(
    client, active_coordinator, city
):
    user_id = active_coordinator.pk
    email = active_coordinator.email
    step = TransferStep.objects.get(title="Map the hot spots")
    history_count = step.history.count()
    client.force_login(active_coordinator)
    response = client.post(
        reverse("privacy:delete_account"), {"password": PASSWORD, "confirm": "on"}
    )
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session

    assert not get_user_model().objects.filter(pk=user_id).exists()
    assert not EmailAddress.objects.filter(email=email).exists()
    assert not Membership.objects.filter(user_id=user_id).exists()
    assert not Authenticator.objects.filter(user_id=user_id).exists()
    # The work stays: the step, its progress, its whole history, without an author.
    step.refresh_from_db()
    assert step.progress == 50 and step.updated_by is None
    assert step.history.count() == history_count
    assert not step.history.filter(history_user_id=user_id).exists()
    assert step.history.filter(history_user__isnull=True).count() == history_count
    assert Article.objects.get(slug="from-the-field").author is None
    # Nothing in the audit log points at the person any more; the deletion itself is there.
    assert not AuditEvent.objects.filter(target_user_id=user_id).exists()
    assert not AuditEvent.objects.filter(target_label=email).exists()
    assert not AuditEvent.objects.filter(actor_label=email).exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ACCOUNT_DELETED).exists()


def test_staff_accounts_are_not_deleted_by_their_holder(client, lead_staff):
    client.force_login(lead_staff)
    html = client.get(reverse("privacy:my_data")).content.decode()
    assert reverse("privacy:delete_account") not in html
    response = client.post(
        reverse("privacy:delete_account"), {"password": PASSWORD, "confirm": "on"}
    )
    assert response.status_code == 302
    assert get_user_model().objects.filter(pk=lead_staff.pk).exists()


def test_a_second_membership_is_exported_in_the_same_number_of_queries(
    client, coordinator, django_assert_max_num_queries
):
    for _ in range(5):
        MembershipFactory(user=coordinator, role=Membership.Role.ULG_COORDINATOR)
    client.force_login(coordinator)
    with django_assert_max_num_queries(20):
        data = json.loads(client.get(reverse("privacy:export")).content)
    assert len(data["memberships"]) == 6
