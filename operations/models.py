from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """Who gave or took away a power: staff status, groups, permissions, city memberships.

    Django's admin log says that a user was "changed"; this says what changed, from what to
    what, and who did it, whether through the admin, the workspace or a command.
    """

    class Action(models.TextChoices):
        STAFF_GRANTED = "staff_granted", _("Staff status granted")
        STAFF_REVOKED = "staff_revoked", _("Staff status removed")
        SUPERUSER_GRANTED = "superuser_granted", _("Superuser status granted")
        SUPERUSER_REVOKED = "superuser_revoked", _("Superuser status removed")
        ACCOUNT_ACTIVATED = "account_activated", _("Account activated")
        ACCOUNT_DEACTIVATED = "account_deactivated", _("Account deactivated")
        GROUP_ADDED = "group_added", _("Added to a group")
        GROUP_REMOVED = "group_removed", _("Removed from a group")
        PERMISSION_ADDED = "permission_added", _("Permission granted")
        PERMISSION_REMOVED = "permission_removed", _("Permission removed")
        GROUP_PERMISSIONS_CHANGED = "group_permissions_changed", _("Group permissions changed")
        MEMBERSHIP_GRANTED = "membership_granted", _("Membership granted")
        MEMBERSHIP_CHANGED = "membership_changed", _("Membership changed")
        MEMBERSHIP_REMOVED = "membership_removed", _("Membership removed")
        ACCOUNT_DELETED = "account_deleted", _("Account deleted by its owner")

    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    action = models.CharField(_("action"), max_length=40, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(
        _("done by (as recorded)"),
        max_length=254,
        blank=True,
        help_text=_("Empty when the change came from a command or the system."),
    )
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person concerned"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target_label = models.CharField(_("person concerned (as recorded)"), max_length=254, blank=True)
    # The network a role change belongs to (empty: a change of the account itself, which
    # concerns every network the person works in). The admin shows lead staff their networks'.
    network = models.ForeignKey(
        "cities.Network",
        verbose_name=_("network"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {self.target_label or '—'}"
