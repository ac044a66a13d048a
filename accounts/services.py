"""Invitations: the only way into the portal.

Lead staff invite a person by email to a role in a city. A new person gets an account with no
usable password and an email with a link to set one; the link expires. Inviting again re-sends
with a fresh link. A person who already has an account gets the membership and a notice, never a
second account.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.models import City, Membership
from cities.permissions import require_lead_staff
from common.languages import absolute
from common.sites import site_url
from notifications.emails import compose
from notifications.models import Kind
from notifications.services import queue_email

from .models import Invitation, User


class InvitationError(Exception):
    """The invitation cannot be sent; the message says why, in the inviter's language."""


@dataclass(frozen=True)
class InvitationResult:
    invitation: Invitation
    created_user: bool
    created_membership: bool


def invitation_lifetime() -> timedelta:
    return timedelta(days=settings.INVITATION_VALID_DAYS)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token(invitation: Invitation) -> str:
    token = secrets.token_urlsafe(32)
    invitation.token_hash = hash_token(token)
    invitation.expires_at = timezone.now() + invitation_lifetime()
    return token


def _link(viewname: str, **kwargs) -> str:
    return absolute(reverse(viewname, **kwargs))


def _send(invitation: Invitation, *, token: str | None) -> None:
    """Records the email in the outbox; it goes out after the invitation is committed (and
    never for one that rolled back), with retries if the mail server refuses it."""
    user = invitation.user
    invitation.sent_at = timezone.now()
    invitation.send_count += 1

    def build() -> dict:
        # Runs in the invitee's language: the role's label, the dates and the links' prefix.
        context = {
            "user": user,
            "SITE_URL": site_url(),
            "invitation": invitation,
            "city": invitation.city,
            "role": Membership.Role(invitation.role).label,
            "inviter": invitation.invited_by,
            "login_url": _link("account_login"),
            "workspace_url": _link("workspace:home"),
        }
        if token:
            context["accept_url"] = _link("accounts:invitation", kwargs={"token": token})
            context["expires_at"] = invitation.expires_at
        return context

    template, kind = (
        ("invitation", Kind.ACCOUNT_INVITATION)
        if token
        else ("membership_added", Kind.MEMBERSHIP_ADDED)
    )
    # The invitation is for one network, its city's: the email comes from that network, with
    # every link at that network's address.
    network = invitation.city.network
    composed = compose(
        recipient=user, network=network, template=template, build=build, folder="accounts/email"
    )
    queue_email(
        network=network,
        kind=kind,
        object_key=f"invitation:{invitation.pk}",
        recipient=user,
        # Every sending is its own email: inviting again sends again.
        occasion=f"send{invitation.send_count}",
        composed=composed,
        # The set-password link signs the person in: it leaves the database once sent.
        erase_after_sending=bool(token),
    )


@transaction.atomic
def invite(
    *,
    email: str,
    city: City,
    role: str,
    user,
    full_name: str = "",
    preferred_language: str = "",
) -> InvitationResult:
    """``user`` (lead staff of the city's network: people and roles are the network's own data)
    invites; the invitation is for that one network."""
    require_lead_staff(user, network=city.network_id)
    email = User.objects.normalize_email(email).strip().lower()
    person = User.objects.filter(email__iexact=email).first()
    created_user = person is None
    if created_user:
        person = User(
            email=email,
            full_name=full_name.strip(),
            # Unless lead staff chose otherwise, a new person works in their city's language.
            preferred_language=preferred_language or city.language or settings.LANGUAGE_CODE,
        )
        person.set_unusable_password()
        person.full_clean()
        person.save()
    elif not person.is_active:
        raise InvitationError(
            _("%(email)s has an account that is switched off; switch it on first.")
            % {"email": email}
        )

    _membership, created_membership = Membership.objects.get_or_create(
        user=person, city=city, role=role
    )
    invitation, _created = Invitation.objects.select_for_update().get_or_create(
        user=person, city=city, role=role, defaults={"email": email, "invited_by": user}
    )
    invitation.invited_by = user
    invitation.email = email
    _deliver(invitation)
    return InvitationResult(
        invitation=invitation, created_user=created_user, created_membership=created_membership
    )


def _deliver(invitation: Invitation) -> None:
    """A person without a password gets a fresh set-password link; others a notice."""
    if invitation.user.has_usable_password():
        invitation.token_hash = ""
        invitation.expires_at = None
        invitation.accepted_at = invitation.accepted_at or timezone.now()
        _send(invitation, token=None)
    else:
        invitation.accepted_at = None
        token = _new_token(invitation)
        _send(invitation, token=token)
    invitation.full_clean()
    invitation.save()


@transaction.atomic
def resend_invitation(*, invitation: Invitation, user) -> Invitation:
    invitation = (
        Invitation.objects.select_for_update().select_related("user", "city").get(pk=invitation.pk)
    )
    require_lead_staff(user, network=invitation.city.network_id)
    if not invitation.user.is_active:
        raise InvitationError(
            _("%(email)s has an account that is switched off; switch it on first.")
            % {"email": invitation.email}
        )
    Membership.objects.get_or_create(
        user=invitation.user, city=invitation.city, role=invitation.role
    )
    invitation.invited_by = user
    _deliver(invitation)
    return invitation


def invitation_for_token(token: str, *, network) -> Invitation | None:
    """The invitation a link opened on ``network``'s host points at, whether or not it is
    still usable; None for a link of another network's invitation (it works on its own
    network's host only)."""
    if not token or len(token) > 100 or network is None:
        return None
    return (
        Invitation.objects.select_related("user", "city")
        .filter(token_hash=hash_token(token), city__network=network)
        .first()
    )


@transaction.atomic
def accept_invitation(*, token: str, password: str, network) -> User:
    """Sets the person's password and verifies their email: the link proved they receive it.
    ``network``: the network whose host the link was opened on (the invitation's own)."""
    invitation = invitation_for_token(token, network=network)
    if invitation is None or invitation.is_accepted:
        raise ValidationError(_("This invitation link is not valid."), code="invalid")
    if invitation.is_expired():
        raise ValidationError(_("This invitation link has expired."), code="expired")
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    user = invitation.user
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    now = timezone.now()
    # One password serves every city the person was invited to: close all their links.
    Invitation.objects.filter(user=user, accepted_at__isnull=True).update(
        accepted_at=now, token_hash=""
    )
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=user).exclude(email__iexact=user.email).update(primary=False)
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user
