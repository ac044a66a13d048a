"""Writing the audit log. Receivers in ``signals.py`` call ``record``; so may any service."""

from simple_history.models import HistoricalRecords

from .models import AuditEvent


def current_actor():
    """The signed-in person behind the current request, if any.

    simple-history's ``HistoryRequestMiddleware`` already keeps the request for the duration
    of each request; the audit log reads the same value so both always agree on "who".
    """
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user
    return None


def _label(user) -> str:
    return getattr(user, "email", "") or "" if user is not None else ""


def record(
    *,
    action: str,
    target_user=None,
    summary: str = "",
    details=None,
    network_id: int | None = None,
) -> AuditEvent:
    """``network_id``: the network the change belongs to (a role in one of its cities); None
    for a change of the account itself (staff status, groups, permissions), which concerns
    every network the person works in."""
    actor = current_actor()
    return AuditEvent.objects.create(
        action=action,
        network_id=network_id,
        actor=actor,
        actor_label=_label(actor),
        target_user=target_user,
        target_label=_label(target_user),
        summary=summary[:500],
        details=details or {},
    )
