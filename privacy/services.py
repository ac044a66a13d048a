"""Account deletion: the person goes; the record of the network's work stays, anonymous."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from cities.selectors import is_lead_staff
from operations.models import AuditEvent

from .selectors import historical_models


def can_delete_own_account(user) -> bool:
    """Staff accounts are closed by another administrator, not by their holder: deleting one
    would also delete the admin's own log of what that person changed."""
    return bool(
        user.is_authenticated and not (user.is_staff or user.is_superuser or is_lead_staff(user))
    )


@transaction.atomic
def delete_account(*, user) -> None:
    if not can_delete_own_account(user):
        raise ValidationError(
            _("Accounts with administration rights are closed by the lead partner's staff.")
        )
    memberships = list(user.memberships.all())
    for membership in memberships:
        # The removal is recorded in the membership's history without an author: the person
        # it would name is the one being erased.
        membership._history_user = None
        membership.delete()
    # Changes the person made stay in every history table, with no author.
    for model in historical_models():
        model.objects.filter(history_user=user).update(history_user=None)
    AuditEvent.objects.filter(target_user=user).update(target_user=None, target_label="")
    AuditEvent.objects.filter(actor=user).update(actor=None, actor_label="")
    # Progress data (steps, deliverables, articles, meetings) keeps its rows: the foreign keys
    # to the person are SET_NULL. Meeting answers, email addresses and second factors are the
    # person's own and go with the account.
    user.delete()
    AuditEvent.objects.create(
        action=AuditEvent.Action.ACCOUNT_DELETED, details={"memberships_removed": len(memberships)}
    )
