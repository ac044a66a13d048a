"""Invitations: lead staff invite from the admin, the invitee sets a password through an
expiring link in their language, re-inviting re-sends, existing people are never duplicated."""

import datetime as dt
import re

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import Invitation, User
from cities.models import Membership
from notifications import services as notification_services
from notifications.models import Kind, OutboundEmail
from tests.factories import CityFactory, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Piraeus-harbour-2026"


def invite_from_admin(
    client, lead_staff, city, email, language="el", role="city_coordinator", *, send=True
):
    """Saves the admin's invitation form; the outbox sends the email once the request's
    transaction has committed (run here by capturing the on-commit callbacks)."""
    client.force_login(lead_staff)
    with TestCase.captureOnCommitCallbacks(execute=send):
        return client.post(
            reverse("admin:accounts_invitation_add"),
            {
                "email": email,
                "full_name": "Giulia Esposito",
                "preferred_language": language,
                "city": city.pk,
                "role": role,
            },
        )


def accept_link(message) -> str:
    urls = re.findall(r"https?://\S+/accounts/invitation/[^\s/]+/", message.body)
    assert len(urls) == 1, message.body
    return urls[0]


def path_of(url: str) -> str:
    assert url.startswith(settings.SITE_URL)
    return url[len(settings.SITE_URL) :]


def test_lead_staff_invite_a_coordinator_from_the_admin(client, lead_staff, city):
    response = invite_from_admin(client, lead_staff, city, "Giulia@Comune.example")
    assert response.status_code == 302
    user = User.objects.get(email="giulia@comune.example")
    assert not user.has_usable_password()
    assert user.preferred_language == "el"
    assert Membership.objects.filter(user=user, city=city, role="city_coordinator").exists()
    invitation = Invitation.objects.get(user=user)
    assert invitation.invited_by == lead_staff
    assert invitation.send_count == 1
    assert invitation.expires_at - timezone.now() > dt.timedelta(days=6)
    [message] = mail.outbox
    assert message.to == ["giulia@comune.example"]
    assert "Η πρόσκλησή σας" in message.subject
    url = accept_link(message)
    assert url.startswith(f"{settings.SITE_URL}/el/accounts/invitation/")
    html, mime = message.alternatives[0]
    assert mime == "text/html"
    assert url in html
    assert city.name_el in message.body


def test_invitation_in_english_for_an_english_speaker(client, lead_staff, city):
    invite_from_admin(client, lead_staff, city, "tom@example.org", language="en")
    [message] = mail.outbox
    assert "invitation" in message.subject.lower()
    assert "/en/accounts/invitation/" in accept_link(message)
    assert city.name_en in message.body


def test_invitee_sets_a_password_and_lands_in_the_workspace(client, lead_staff, city):
    invite_from_admin(client, lead_staff, city, "giulia@comune.example")
    client.logout()
    path = path_of(accept_link(mail.outbox[0]))
    page = client.get(path)
    assert page.status_code == 200
    assert '<html lang="el">' in page.content.decode()
    response = client.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/el/workspace/"
    user = User.objects.get(email="giulia@comune.example")
    assert int(client.session["_auth_user_id"]) == user.pk
    assert user.check_password(NEW_PASSWORD)
    assert EmailAddress.objects.get(user=user, email=user.email).verified
    assert Invitation.objects.get(user=user).is_accepted
    # The link is used up.
    assert client.get(path).status_code == 404
    client.logout()
    signed_in = client.post("/en/accounts/login/", {"login": user.email, "password": NEW_PASSWORD})
    assert signed_in["Location"] == "/el/workspace/"


@pytest.mark.parametrize(
    ("first", "second", "field"),
    [
        (NEW_PASSWORD, NEW_PASSWORD + "x", "password2"),
        ("12345678", "12345678", "password1"),
        ("short", "short", "password1"),
    ],
)
def test_bad_passwords_are_refused_and_nothing_is_set(
    client, lead_staff, city, first, second, field
):
    invite_from_admin(client, lead_staff, city, "giulia@comune.example")
    client.logout()
    path = path_of(accept_link(mail.outbox[0]))
    response = client.post(path, {"password1": first, "password2": second})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    user = User.objects.get(email="giulia@comune.example")
    assert not user.has_usable_password()
    assert not Invitation.objects.get(user=user).is_accepted


def test_the_link_expires(client, lead_staff, city):
    invite_from_admin(client, lead_staff, city, "giulia@comune.example")
    client.logout()
    path = path_of(accept_link(mail.outbox[0]))
    later = timezone.now() + dt.timedelta(days=settings.INVITATION_VALID_DAYS, minutes=1)
    with time_machine.travel(later):
        page = client.get(path)
        assert page.status_code == 410
        assert "έχει λήξει" in page.content.decode()
        client.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    user = User.objects.get(email="giulia@comune.example")
    assert not user.has_usable_password()
    assert "_auth_user_id" not in client.session


def test_inviting_again_resends_with_a_fresh_link(client, lead_staff, city):
    invite_from_admin(client, lead_staff, city, "giulia@comune.example")
    invite_from_admin(client, lead_staff, city, "GIULIA@comune.example")
    assert User.objects.filter(email__iexact="giulia@comune.example").count() == 1
    assert Membership.objects.filter(city=city, user__email="giulia@comune.example").count() == 1
    invitation = Invitation.objects.get()
    assert invitation.send_count == 2
    first, second = (path_of(accept_link(m)) for m in mail.outbox)
    assert first != second
    client.logout()
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200


def test_resend_action_in_the_admin(client, lead_staff, city):
    invite_from_admin(client, lead_staff, city, "giulia@comune.example")
    invitation = Invitation.objects.get()
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("admin:accounts_invitation_changelist"),
            {"action": "resend", "_selected_action": [invitation.pk]},
        )
    assert response.status_code == 302
    first, second = mail.outbox
    assert path_of(accept_link(first)) != path_of(accept_link(second))
    assert (
        OutboundEmail.objects.filter(
            kind=Kind.ACCOUNT_INVITATION, status=OutboundEmail.Status.SENT
        ).count()
        == 2
    )
    invitation.refresh_from_db()
    assert invitation.send_count == 2


def test_an_expired_invitation_can_be_sent_again(client, lead_staff, city):
    invite_from_admin(client, lead_staff, city, "giulia@comune.example")
    later = timezone.now() + dt.timedelta(days=settings.INVITATION_VALID_DAYS + 3)
    with time_machine.travel(later):
        invite_from_admin(client, lead_staff, city, "giulia@comune.example")
        client.logout()
        path = path_of(accept_link(mail.outbox[-1]))
        response = client.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
        # The fresh link worked: Giulia is signed in, in her workspace, with her password.
        assert response["Location"] == "/el/workspace/"
        giulia = User.objects.get(email="giulia@comune.example")
        assert int(client.session["_auth_user_id"]) == giulia.pk
        assert giulia.check_password(NEW_PASSWORD)


def test_existing_person_gets_the_membership_without_a_second_account(
    client, lead_staff, coordinator, city, network
):
    second_city = CityFactory(network=network)
    invite_from_admin(client, lead_staff, second_city, coordinator.email.upper(), language="el")
    assert User.objects.filter(email__iexact=coordinator.email).count() == 1
    coordinator.refresh_from_db()
    assert coordinator.check_password("correct-horse-battery")
    assert coordinator.preferred_language == "en"  # theirs is kept
    assert set(coordinator.memberships.values_list("city_id", flat=True)) == {
        city.pk,
        second_city.pk,
    }
    [message] = mail.outbox
    assert "/accounts/invitation/" not in message.body
    assert f"{settings.SITE_URL}/en/workspace/" in message.body
    assert Invitation.objects.get(user=coordinator).is_accepted


def test_one_password_closes_every_pending_invitation(client, lead_staff, city, network):
    second_city = CityFactory(network=network)
    invite_from_admin(client, lead_staff, city, "giulia@comune.example")
    invite_from_admin(client, lead_staff, second_city, "giulia@comune.example")
    client.logout()
    first, second = (path_of(accept_link(m)) for m in mail.outbox)
    client.post(first, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.logout()
    assert client.get(second).status_code == 404
    assert not Invitation.objects.pending().exists()


def test_only_lead_staff_may_invite(client, coordinator, city):
    clerk = UserFactory(email="clerk@example.org", is_staff=True)
    for person in (coordinator, clerk):
        client.force_login(person)
        response = client.get(reverse("admin:accounts_invitation_add"))
        assert response.status_code in (302, 403)
    with pytest.raises(PermissionDenied):
        services.invite(email="x@example.org", city=city, role="city_coordinator", user=clerk)
    assert not User.objects.filter(email="x@example.org").exists()
    assert mail.outbox == []


def test_an_unknown_or_tampered_token_is_404(client, db):
    assert client.get("/en/accounts/invitation/not-a-real-token/").status_code == 404
    assert client.get(f"/en/accounts/invitation/{'x' * 200}/").status_code == 404


def test_a_switched_off_account_is_not_invited(client, lead_staff, city):
    UserFactory(email="gone@example.org", is_active=False)
    response = invite_from_admin(client, lead_staff, city, "gone@example.org")
    assert response.status_code == 200
    assert "email" in response.context["adminform"].form.errors
    assert mail.outbox == []
    assert not Invitation.objects.exists()


def test_the_database_holds_no_working_link(client, lead_staff, city):
    invite_from_admin(client, lead_staff, city, "giulia@comune.example")
    token = accept_link(mail.outbox[0]).rstrip("/").rsplit("/", 1)[-1]
    invitation = Invitation.objects.get()
    assert token not in invitation.token_hash
    assert invitation.token_hash == services.hash_token(token)
    # The outbox keeps the email's subject and address, not the link, once it was sent.
    email = OutboundEmail.objects.get(kind=Kind.ACCOUNT_INVITATION)
    assert email.status == OutboundEmail.Status.SENT
    assert token not in email.body_text + email.body_html


class RefusingBackend:
    """An email backend whose SMTP server is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("connection refused")


def test_a_mail_server_that_is_down_delays_the_email_but_keeps_the_invitation(
    client, lead_staff, city, settings
):
    """The email is a row in the outbox: a refusing server means a retry, not a lost invitation;
    the email goes out once the server answers again."""
    settings.EMAIL_BACKEND = "tests.accounts.test_invitations.RefusingBackend"
    response = invite_from_admin(client, lead_staff, city, "giulia@comune.example", send=False)
    page = client.get(response["Location"]).content.decode()
    assert "giulia@comune.example" in page  # the success message names the invitee
    invitation = Invitation.objects.get(user__email="giulia@comune.example", city=city)
    email = OutboundEmail.objects.get(kind=Kind.ACCOUNT_INVITATION)
    with pytest.raises(notification_services.DeliveryFailed):
        notification_services.deliver_email(email_id=email.pk)
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.RETRYING
    assert "connection refused" in email.last_error
    assert mail.outbox == []

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    later = timezone.now() + dt.timedelta(hours=1)
    with TestCase.captureOnCommitCallbacks(execute=True):
        notification_services.dispatch_stalled(now=later)
    [message] = mail.outbox
    assert message.to == [invitation.email]
    assert invitation.city.name in message.subject
