"""Reads for the privacy pages: everything the portal holds about one person."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.utils import timezone

from cities.models import City, Membership
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
            "city": membership.city.name,
            "city_slug": membership.city.slug,
            "role": membership.role,
            "role_label": str(membership.get_role_display()),
            "since": membership.created_at,
        }
        for membership in Membership.objects.filter(user=user).select_related("city")
    ]


@export_section("meeting_participations")
def _participations(user) -> list[dict]:
    return [
        {
            "meeting": participation.meeting.title,
            "meeting_slug": participation.meeting.slug,
            "start": participation.meeting.start,
            "answer": participation.rsvp,
            "answered_at": participation.responded_at,
            "invited_at": participation.invited_at,
        }
        for participation in Participation.objects.filter(user=user).select_related("meeting")
    ]


@export_section("articles_written")
def _articles(user) -> list[dict]:
    return list(
        Article.objects.filter(author=user).values(
            "slug", *localized_fields("title"), "status", "published_at"
        )
    )


@export_section("meetings_created")
def _meetings(user) -> list[dict]:
    return list(Meeting.objects.filter(created_by=user).values("slug", *localized_fields("title")))


@export_section("changes_made")
def _changes(user) -> list[dict]:
    """Every recorded change this person made to progress data and memberships."""
    changes: list[dict] = []
    for model in historical_models():
        field_names = {field.name for field in model._meta.fields}
        values = ["id", "history_date", "history_type"]
        values += [name for name in ("title", "status", "progress", "role") if name in field_names]
        object_field = model.instance_type._meta.pk.attname
        for row in model.objects.filter(history_user=user).values(object_field, *values):
            row["object_id"] = row.pop(object_field)
            row["record"] = model.instance_type._meta.label
            row["history_type"] = {"+": "created", "~": "changed", "-": "deleted"}.get(
                row["history_type"], row["history_type"]
            )
            changes.append(row)
    return sorted(changes, key=lambda change: change["history_date"])


@export_section("powers_granted")
def _powers(user) -> list[dict]:
    return list(
        AuditEvent.objects.filter(target_user=user).values(
            "created_at", "action", "summary", "details"
        )
    )


def personal_data(*, user) -> dict:
    """The data export: every registered section, plus when and for whom it was made."""
    return {
        "exported_at": timezone.now(),
        "format": "citisense-personal-data/1",
        **{name: section(user) for name, section in SECTIONS.items()},
    }
