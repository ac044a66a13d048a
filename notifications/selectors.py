"""Read-side queries of the outbox: who wants an optional email, whose calendar feed this is."""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from .models import NotificationPreferences


def recipients_wanting(kind: str) -> QuerySet:
    """Active people who have not switched off ``kind`` (no preferences row means yes)."""
    field_name = NotificationPreferences.OPTIONAL_KINDS[kind]
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(**{f"notification_preferences__{field_name}": False})
    )


def preferences_by_token(token: str) -> NotificationPreferences | None:
    if not token:
        return None
    return (
        NotificationPreferences.objects.filter(calendar_token=token, user__is_active=True)
        .select_related("user")
        .first()
    )
