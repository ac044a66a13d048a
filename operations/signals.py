"""Receivers that put every change of a person's powers into the audit log."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from cities.models import Membership

from .audit import record
from .models import AuditEvent

User = get_user_model()
Action = AuditEvent.Action

FLAG_ACTIONS = {
    "is_staff": (Action.STAFF_GRANTED, Action.STAFF_REVOKED),
    "is_superuser": (Action.SUPERUSER_GRANTED, Action.SUPERUSER_REVOKED),
    "is_active": (Action.ACCOUNT_ACTIVATED, Action.ACCOUNT_DEACTIVATED),
}


@receiver(pre_save, sender=User, dispatch_uid="audit_user_flags_before")
def remember_user_flags(sender, instance, raw=False, **kwargs):
    if raw or instance._state.adding or not instance.pk:
        instance._audit_flags_before = None
        return
    instance._audit_flags_before = (
        sender.objects.filter(pk=instance.pk).values(*FLAG_ACTIONS).first()
    )


@receiver(post_save, sender=User, dispatch_uid="audit_user_flags_after")
def record_user_flags(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_audit_flags_before", None)
    if before is None and not created:
        return
    for flag, (granted, revoked) in FLAG_ACTIONS.items():
        now = getattr(instance, flag)
        if created:
            # A new account is active by default; only powers are worth a line.
            if now and flag != "is_active":
                record(action=granted, target_user=instance, details={"new_account": True})
            continue
        if before[flag] != now:
            record(action=granted if now else revoked, target_user=instance)
    instance._audit_flags_before = None


def _m2m_rows(action: str, instance, model, pk_set, reverse: bool):
    """(user, related object) pairs for an m2m change, whichever side it was made from."""
    if not pk_set:
        return []
    if reverse:
        users = User.objects.filter(pk__in=pk_set)
        return [(user, instance) for user in users]
    return [(instance, obj) for obj in model.objects.filter(pk__in=pk_set)]


def _pending_clear(instance, reverse: bool, field: str):
    if reverse:
        return set(instance.user_set.values_list("pk", flat=True))
    return set(getattr(instance, field).values_list("pk", flat=True))


def _record_m2m(*, action, instance, model, pk_set, reverse, field, added, removed):
    if action == "pre_clear":
        instance._audit_cleared = _pending_clear(instance, reverse, field)
        return
    if action == "post_clear":
        pk_set = getattr(instance, "_audit_cleared", set())
        action = "post_remove"
    if action not in {"post_add", "post_remove"}:
        return
    for user, obj in _m2m_rows(action, instance, model, pk_set, reverse):
        label = (
            obj.name if isinstance(obj, Group) else f"{obj.content_type.app_label}.{obj.codename}"
        )
        record(
            action=added if action == "post_add" else removed,
            target_user=user,
            summary=label,
            details={"group": obj.name} if isinstance(obj, Group) else {"permission": label},
        )


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="audit_user_groups")
def record_group_change(sender, instance, action, reverse, model, pk_set, **kwargs):
    _record_m2m(
        action=action,
        instance=instance,
        model=model,
        pk_set=pk_set,
        reverse=reverse,
        field="groups",
        added=Action.GROUP_ADDED,
        removed=Action.GROUP_REMOVED,
    )


@receiver(m2m_changed, sender=User.user_permissions.through, dispatch_uid="audit_user_perms")
def record_permission_change(sender, instance, action, reverse, model, pk_set, **kwargs):
    if reverse:
        # Permission.user_set.add(...): instance is the permission, pk_set the users.
        if action in {"post_add", "post_remove"} and pk_set:
            label = f"{instance.content_type.app_label}.{instance.codename}"
            for user in User.objects.filter(pk__in=pk_set):
                record(
                    action=Action.PERMISSION_ADDED
                    if action == "post_add"
                    else Action.PERMISSION_REMOVED,
                    target_user=user,
                    summary=label,
                    details={"permission": label},
                )
        return
    _record_m2m(
        action=action,
        instance=instance,
        model=model,
        pk_set=pk_set,
        reverse=False,
        field="user_permissions",
        added=Action.PERMISSION_ADDED,
        removed=Action.PERMISSION_REMOVED,
    )


@receiver(m2m_changed, sender=Group.permissions.through, dispatch_uid="audit_group_perms")
def record_group_permissions(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "pre_clear"}:
        return
    groups = Group.objects.filter(pk__in=pk_set or ()) if reverse else [instance]
    if action == "pre_clear":
        if reverse:
            return
        pk_set = set(instance.permissions.values_list("pk", flat=True))
    permissions = (
        [instance]
        if reverse
        else Permission.objects.filter(pk__in=pk_set or ()).select_related("content_type")
    )
    labels = sorted(f"{p.content_type.app_label}.{p.codename}" for p in permissions)
    if not labels:
        return
    key = "added" if action == "post_add" else "removed"
    for group in groups:
        record(
            action=Action.GROUP_PERMISSIONS_CHANGED,
            summary=group.name,
            details={"group": group.name, key: labels},
        )


def _membership_details(membership: Membership) -> dict:
    return {"city": membership.city.slug, "role": membership.role}


@receiver(pre_save, sender=Membership, dispatch_uid="audit_membership_before")
def remember_membership(sender, instance, raw=False, **kwargs):
    instance._audit_before = None
    if raw or instance._state.adding or not instance.pk:
        return
    instance._audit_before = (
        sender.objects.filter(pk=instance.pk)
        .values("city__slug", "city__network_id", "role", "user_id")
        .first()
    )


def _record_membership(action: str, membership: Membership, details: dict, network_id) -> None:
    record(
        action=action,
        target_user=membership.user,
        summary=f"{details['city']} · {details['role']}",
        details=details,
        network_id=network_id,
    )


@receiver(post_save, sender=Membership, dispatch_uid="audit_membership_after")
def record_membership_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    details = _membership_details(instance)
    network_id = instance.city.network_id
    if created:
        _record_membership(Action.MEMBERSHIP_GRANTED, instance, details, network_id)
        return
    before = getattr(instance, "_audit_before", None)
    if not before or (before["city__slug"], before["role"]) == (details["city"], details["role"]):
        return
    if before["city__network_id"] != network_id:
        # Moved to another network's city: each network's log tells its own half.
        old = {"city": before["city__slug"], "role": before["role"]}
        _record_membership(Action.MEMBERSHIP_REMOVED, instance, old, before["city__network_id"])
        _record_membership(Action.MEMBERSHIP_GRANTED, instance, details, network_id)
        return
    record(
        action=Action.MEMBERSHIP_CHANGED,
        target_user=instance.user,
        summary=f"{before['city__slug']} · {before['role']} → "
        f"{details['city']} · {details['role']}",
        details={**details, "before": {"city": before["city__slug"], "role": before["role"]}},
        network_id=network_id,
    )


def _deleting_users(origin) -> bool:
    if isinstance(origin, User):
        return True
    return isinstance(origin, QuerySet) and origin.model is User


@receiver(post_delete, sender=Membership, dispatch_uid="audit_membership_deleted")
def record_membership_deleted(sender, instance, origin=None, **kwargs):
    # When the person's account itself is being deleted, that deletion is the event (the
    # admin log or the privacy service records it); a line per membership would point at a
    # row that is about to disappear.
    if _deleting_users(origin):
        return
    details = _membership_details(instance)
    _record_membership(Action.MEMBERSHIP_REMOVED, instance, details, instance.city.network_id)
