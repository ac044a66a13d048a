"""Reads for the privacy pages: everything the portal holds about one person."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import F
from django.utils import timezone

from cities.models import City, Membership, Network
from common.languages import localized_fields
from meetings.models import Meeting, Participation
from news.models import Article
from operations.models import AuditEvent

from .registry import SECTIONS, export_section


def historical_models() -> list:
    """Every django-simple-history table that records who made a change."""
    return [
        model
        for model in apps.get_models()
        if hasattr(model, "instance_type")
        and any(field.name == "history_user" for field in model._meta.fields)
    ]


#: Where a record's network is found, tried in this order: a person's data is exported from
#: every network at once, and each row says which network it belongs to.
NETWORK_PATHS = (
    "network",
    "city__network",
    "meeting__network",
    "period__network",
    "transfer__city__network",
    "deliverable__network",
    "step__transfer__city__network",
)


def _leads_to_network(model, path: str) -> bool:
    for name in path.split("__"):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return False
        if not field.is_relation or field.related_model is None:
            return False
        model = field.related_model
    return model is Network


def network_path(model) -> str | None:
    """The path from ``model`` (or its history table) to its network; None when it has none."""
    return next((path for path in NETWORK_PATHS if _leads_to_network(model, path)), None)


def network_names(user) -> dict[int, str]:
    """Every network's name by id, read once per export (kept on the person's object)."""
    names = getattr(user, "_citisense_network_names", None)
    if names is None:
        names = {network.pk: str(network.name) for network in Network.objects.all()}
        user._citisense_network_names = names
    return names


def _values_with_network(queryset, *fields, names: dict[int, str]) -> list[dict]:
    """``values(*fields)`` of each row with ``network``: the name of the network it belongs to
    (None for a record that belongs to no network)."""
    path = network_path(queryset.model)
    extra = {"network_id_": F(path)} if path else {}
    rows = []
    for row in queryset.values(*fields, **extra):
        network_id = row.pop("network_id_", None)
        rows.append({**row, "network": names.get(network_id)})
    return rows


def data_controller(network) -> City | None:
    """The lead partner city, whose municipality runs the portal."""
    if network is None:
        return None
    return City.objects.filter(network=network, role=City.Role.LEAD_PARTNER).first()


@export_section("account")
def _account(user) -> dict:
    return {
        "email": user.email,
        "full_name": user.full_name,
        "preferred_language": user.preferred_language,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "is_staff": user.is_staff,
        "email_addresses": list(
            EmailAddress.objects.filter(user=user).values("email", "verified", "primary")
        ),
        # Which second factors exist and when they were used; never their secrets.
        "two_factor_authentication": list(
            Authenticator.objects.filter(user=user).values("type", "created_at", "last_used_at")
        ),
    }


@export_section("memberships")
def _memberships(user) -> list[dict]:
    return [
        {
            "network": str(membership.city.network.name),
            "city": membership.city.name,
            "city_slug": membership.city.slug,
            "role": membership.role,
            "role_label": str(membership.get_role_display()),
            "since": membership.created_at,
        }
        for membership in Membership.objects.filter(user=user).select_related("city__network")
    ]


@export_section("meeting_participations")
def _participations(user) -> list[dict]:
    return [
        {
            "network": str(participation.meeting.network.name),
            "meeting": participation.meeting.title,
            "meeting_slug": participation.meeting.slug,
            "start": participation.meeting.start,
            "answer": participation.rsvp,
            "answered_at": participation.responded_at,
            "invited_at": participation.invited_at,
        }
        for participation in Participation.objects.filter(user=user).select_related(
            "meeting__network"
        )
    ]


@export_section("articles_written")
def _articles(user) -> list[dict]:
    return _values_with_network(
        Article.objects.filter(author=user),
        "slug",
        *localized_fields("title"),
        "status",
        "published_at",
        names=network_names(user),
    )


@export_section("meetings_created")
def _meetings(user) -> list[dict]:
    return _values_with_network(
        Meeting.objects.filter(created_by=user),
        "slug",
        *localized_fields("title"),
        names=network_names(user),
    )


@export_section("changes_made")
def _changes(user) -> list[dict]:
    """Every recorded change this person made to progress data and memberships."""
    changes: list[dict] = []
    names = network_names(user)
    for model in historical_models():
        field_names = {field.name for field in model._meta.fields}
        values = ["id", "history_date", "history_type"]
        values += [name for name in ("title", "status", "progress", "role") if name in field_names]
        object_field = model.instance_type._meta.pk.attname
        records = model.objects.filter(history_user=user)
        for row in _values_with_network(records, object_field, *values, names=names):
            row["object_id"] = row.pop(object_field)
            row["record"] = model.instance_type._meta.label
            row["history_type"] = {"+": "created", "~": "changed", "-": "deleted"}.get(
                row["history_type"], row["history_type"]
            )
            changes.append(row)
    return sorted(changes, key=lambda change: change["history_date"])


@export_section("powers_granted")
def _powers(user) -> list[dict]:
    return _values_with_network(
        AuditEvent.objects.filter(target_user=user),
        "created_at",
        "action",
        "summary",
        "details",
        names=network_names(user),
    )


def personal_data(*, user) -> dict:
    """The data export: every registered section, plus when and for whom it was made."""
    return {
        "exported_at": timezone.now(),
        "format": "citisense-personal-data/1",
        **{name: section(user) for name, section in SECTIONS.items()},
    }
