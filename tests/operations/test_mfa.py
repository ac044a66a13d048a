"""Staff need a second factor, and the admin can only be entered through the site's login."""

from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from cities.models import Membership
from tests.factories import MembershipFactory, UserFactory, activate_totp, totp_code

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


@pytest.fixture
def staff_without_mfa(lead_city):
    return UserFactory(email="newstaff@example.org", is_staff=True)


def test_staff_without_mfa_cannot_reach_the_admin(client, staff_without_mfa):
    client.force_login(staff_without_mfa)
    for url in (reverse("admin:index"), reverse("admin:cities_membership_changelist")):
        response = client.get(url)
        assert response.status_code == 302, url
        assert urlsplit(response["Location"]).path == reverse("mfa_activate_totp")


def test_staff_without_mfa_cannot_post_to_the_admin_either(client, staff_without_mfa, city):
    client.force_login(staff_without_mfa)
    response = client.post(
        reverse("admin:cities_membership_add"),
        {"user": staff_without_mfa.pk, "city": city.pk, "role": "lead_staff"},
    )
    assert response.status_code == 302
    assert not Membership.objects.filter(user=staff_without_mfa).exists()


def test_lead_staff_without_admin_access_also_need_mfa_for_staff_pages(client, lead_city):
    """Lead staff act for the whole network in the workspace, so the rule is theirs too."""
    person = UserFactory(email="lead-no-admin@example.org", is_staff=False)
    MembershipFactory(user=person, city=lead_city, role=Membership.Role.LEAD_STAFF)
    client.force_login(person)
    response = client.get(reverse("privacy:my_data"))
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("mfa_activate_totp")


def sign_in(client, user, secret: str | None = None) -> None:
    """Through the real login form (and the second step when the user has an authenticator)."""
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    if secret:
        response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
        assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def reauthenticate(client) -> None:
    """allauth asks for the password again before any change to the second factor."""
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302


def test_staff_without_mfa_can_still_set_it_up_and_sign_out(client, staff_without_mfa):
    sign_in(client, staff_without_mfa)
    reauthenticate(client)
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    secret = response.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    # Set up: the admin opens now.
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("privacy:policy")).status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302


def test_staff_are_told_why_they_are_sent_to_mfa(client, staff_without_mfa):
    staff_without_mfa.preferred_language = "el"  # signing in switches to the person's language
    staff_without_mfa.save()
    sign_in(client, staff_without_mfa)
    response = client.get(reverse("admin:index"), follow=True)
    assert "έλεγχο ταυτότητας δύο παραγόντων" in response.content.decode()


def test_coordinators_are_not_asked_for_mfa(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("privacy:my_data")).status_code == 200


def test_staff_with_mfa_reach_the_admin(client, lead_staff):
    client.force_login(lead_staff)
    assert client.get(reverse("admin:index")).status_code == 200


def test_admin_login_form_is_replaced_by_the_site_login(client):
    response = client.get(reverse("admin:login") + "?next=/admin/news/article/")
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse("account_login")
    assert parse_qs(location.query)["next"] == ["/admin/news/article/"]
    # The old form is gone: posting a password to it signs nobody in.
    UserFactory(email="boss@example.org", is_staff=True, is_superuser=True)
    response = client.post(
        reverse("admin:login"), {"username": "boss@example.org", "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session


def test_admin_login_refuses_an_outside_next(client):
    response = client.get(reverse("admin:login") + "?next=https://evil.example/")
    assert parse_qs(urlsplit(response["Location"]).query)["next"] == [reverse("admin:index")]


def test_signed_in_person_without_admin_rights_is_told_so(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("admin:login"))
    assert response.status_code == 403
    assert coordinator.email in response.content.decode()


def test_password_alone_does_not_open_the_admin_for_staff_with_mfa(client, lead_staff):
    """The whole way in: password, then the code from the authenticator app, then the admin."""
    secret = _secret_of(lead_staff)
    response = client.post(
        reverse("account_login") + "?next=/admin/",
        {"login": lead_staff.email, "password": PASSWORD},
    )
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("mfa_authenticate")
    assert client.get(reverse("admin:index")).status_code == 302  # not signed in yet

    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200  # wrong code: the form again
    assert client.get(reverse("admin:index")).status_code == 302

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_staff_cannot_remove_their_authenticator(client, lead_staff):
    sign_in(client, lead_staff, _secret_of(lead_staff))
    reauthenticate(client)
    response = client.post(reverse("mfa_deactivate_totp"), {})
    assert response.status_code == 200  # the form again, with the refusal
    assert response.context["form"].errors
    assert Authenticator.objects.filter(user=lead_staff, type="totp").exists()


def test_people_who_are_not_staff_may_remove_theirs(client, coordinator):
    secret = activate_totp(coordinator)
    sign_in(client, coordinator, secret)
    reauthenticate(client)
    response = client.post(reverse("mfa_deactivate_totp"), {})
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=coordinator, type="totp").exists()


def test_authenticator_secrets_are_encrypted_in_the_database(lead_city):
    user = UserFactory(email="crypto@example.org", is_staff=True)
    secret = activate_totp(user)
    stored = Authenticator.objects.get(user=user).data["secret"]
    assert secret not in stored
    assert stored.startswith("fernet:")


def _secret_of(user) -> str:
    from allauth.mfa.utils import decrypt

    return decrypt(Authenticator.objects.get(user=user, type="totp").data["secret"])
