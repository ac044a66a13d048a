"""Loads a network's facts and demo content from a data file (portal/seed/*.json).

Every write is keyed on a natural key, so loading the same file twice changes nothing, and
working data that people edit later (steps, deliverables) is created once and never reset.
"""

import json
import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from cities.models import City, FactSource, Membership, Network
from common.languages import localized_values as _translated
from common.languages import missing_translations, translated_values
from meetings.models import AgendaItem, Meeting
from news.models import Article
from practices.models import Deliverable, Phase, Practice, Transfer, TransferStep
from reports.seed import seed_reporting_periods

DEFAULT_DATA_FILE = Path(__file__).parent / "seed" / "citisense.json"
LEAD_STAFF_GROUP = "Lead staff"
MANAGED_APPS = (
    "accounts",
    "cities",
    "practices",
    "meetings",
    "news",
    "notifications",
    "indicators",
    "outputs",
    "ulg",
    "reports",
    "networks",
)


@dataclass
class SeedReport:
    created: dict[str, int] = field(default_factory=dict)

    def count(self, label: str, created: bool) -> None:
        if created:
            self.created[label] = self.created.get(label, 0) + 1


def load_data(path: Path = DEFAULT_DATA_FILE) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def _aware(value: str, tz_name: str) -> datetime:
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zoneinfo.ZoneInfo(tz_name))
    return moment


def _decimal(value: str | None) -> Decimal | None:
    """A figure nobody published is ``null`` in the data file and stays empty."""
    return None if value in (None, "") else Decimal(value)


def _seed_sources(network: Network, city: City | None, sources: list[dict], report) -> None:
    for item in sources:
        _, created = FactSource.objects.update_or_create(
            network=network,
            city=city,
            fact=item["fact"],
            title=item["title"],
            defaults={
                "url": item.get("url", ""),
                "published_on": date.fromisoformat(item["published_on"])
                if item.get("published_on")
                else None,
                "read_on": date.fromisoformat(item["read_on"]),
            },
        )
        report.count("fact sources", created)


def _status_for(progress: int, blocked: bool) -> str:
    if progress >= 100:
        return TransferStep.Status.DONE
    if blocked and progress > 0:
        return TransferStep.Status.BLOCKED
    return TransferStep.Status.IN_PROGRESS if progress > 0 else TransferStep.Status.PLANNED


@transaction.atomic
def seed_network(*, data: dict) -> tuple[Network, SeedReport]:
    report = SeedReport()
    facts = data["network"]
    network, created = Network.objects.update_or_create(
        slug=facts["slug"],
        defaults={
            "name": facts["name"],
            "programme": facts["programme"],
            "network_type": facts["network_type"],
            "start_date": date.fromisoformat(facts["start_date"]),
            "end_date": date.fromisoformat(facts["end_date"]),
            "closing_date": date.fromisoformat(facts["closing_date"])
            if facts.get("closing_date")
            else None,
            "total_budget": Decimal(facts["total_budget"]),
            "lead_expert": facts.get("lead_expert", ""),
            "website": facts.get("website", ""),
            "portal_translations": facts.get("portal_translations", []),
            **_translated("tagline", facts.get("tagline")),
            **_translated("good_practice", facts.get("good_practice")),
            **_translated("description", facts.get("description")),
        },
    )
    report.count("networks", created)
    _seed_sources(network, None, facts.get("sources", []), report)

    cities: dict[str, City] = {}
    for item in data["cities"]:
        city, created = City.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "network": network,
                "order": item["order"],
                "country": item["country"],
                "role": item["role"],
                "language": item.get("language", ""),
                "population": item.get("population"),
                "website": item.get("website", ""),
                "latitude": Decimal(item["latitude"]),
                "longitude": Decimal(item["longitude"]),
                "timezone": item["timezone"],
                "budget": _decimal(item.get("budget")),
                "erdf_rate": _decimal(item.get("erdf_rate")),
                "portal_translations": item.get("portal_translations", []),
                **_translated("name", item["name"]),
                **_translated("description", item.get("description")),
                **_translated("ulg_description", item.get("ulg_description")),
            },
        )
        cities[city.slug] = city
        report.count("cities", created)
        _seed_sources(network, city, item.get("sources", []), report)

    practices: dict[str, Practice] = {}
    for item in data["practices"]:
        practice, created = Practice.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "network": network,
                "order": item["order"],
                "layer": item["layer"],
                "portal_translations": item.get("portal_translations", []),
                **_translated("title", item["title"]),
                **_translated("summary", item.get("summary")),
                **_translated("description", item.get("description")),
            },
        )
        practices[practice.slug] = practice
        report.count("practices", created)

    _seed_transfers(data, cities, practices, report)
    _seed_deliverables(data, network, cities, report)
    _seed_meetings(data, network, cities, report)
    _seed_articles(data, cities, report)
    from .seed_results import seed_results
    from .seed_ulg import seed_ulg

    seed_ulg(data, cities, report)
    seed_results(data, network, cities, report)
    seed_reporting_periods(network=network, data=data, count=report.count)
    return network, report


def _seed_transfers(data, cities, practices, report) -> None:
    templates = data["step_templates"]
    lags = data.get("practice_lag", {})
    for city_slug, plan in data["transfers"].items():
        city = cities[city_slug]
        for practice_slug in plan["practices"]:
            transfer, created = Transfer.objects.get_or_create(
                city=city,
                practice=practices[practice_slug],
                defaults={
                    "is_demo": plan.get("demo", False),
                    **_translated("adaptation_notes", data.get("adaptation_notes")),
                },
            )
            report.count("transfers", created)
            notes = missing_translations(transfer, "adaptation_notes", data.get("adaptation_notes"))
            if not created and notes:
                Transfer.objects.filter(pk=transfer.pk).update(**notes)
            blocked = practice_slug in plan.get("blocked", [])
            lag = lags.get(practice_slug, 0)
            for template, base in zip(templates, plan["progress"], strict=True):
                progress = base if base in (0, 100) and lag == 0 else max(0, min(base, base - lag))
                step, created = TransferStep.objects.get_or_create(
                    transfer=transfer,
                    phase=Phase(template["phase"]),
                    order=template["order"],
                    defaults={
                        **_translated("title", template["title"]),
                        "portal_translations": template.get("portal_translations", []),
                        "due_date": date.fromisoformat(template["due_date"]),
                        "progress": progress,
                        "status": _status_for(progress, blocked),
                        "is_demo": template.get("demo", False),
                    },
                )
                report.count("steps", created)
                if not created:
                    _add_step_languages(step, template, report)


def _add_step_languages(step: TransferStep, template: dict, report) -> None:
    """A step seeded before its standard name was translated gets the new languages (without a
    new version or history entry: nobody changed the step); a renamed step keeps its name."""
    missing = missing_translations(step, "title", template["title"])
    if missing:
        marked = set(step.portal_translations) | set(template.get("portal_translations", []))
        TransferStep.objects.filter(pk=step.pk).update(
            **missing, portal_translations=" ".join(sorted(marked))
        )
        report.count("step names translated", True)


def _seed_deliverables(data, network, cities, report) -> None:
    for item in data["deliverables"]:
        targets = (
            [None]
            if item["scope"] == "network"
            else [city for city in cities.values() if city.role == City.Role.PARTNER]
        )
        for city in targets:
            _, created = Deliverable.objects.get_or_create(
                network=network,
                city=city,
                kind=item["kind"],
                defaults={
                    "phase": item["phase"],
                    "due_date": date.fromisoformat(item["due_date"]),
                    "status": item["status"],
                    "is_demo": item.get("demo", False),
                },
            )
            report.count("deliverables", created)


def _seed_meetings(data, network, cities, report) -> None:
    for item in data["meetings"]:
        source = item.get("source", {})
        meeting, created = Meeting.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "network": network,
                "kind": item["kind"],
                "is_public": item["is_public"],
                "host_city": cities.get(item["host_city"]) if item["host_city"] else None,
                "timezone": item["timezone"],
                "start": _aware(item["start"], item["timezone"]),
                "end": _aware(item["end"], item["timezone"]),
                "date_precision": item.get("date_precision", Meeting.Precision.TIME),
                "is_demo": item.get("demo", False),
                "portal_translations": item.get("portal_translations", []),
                "source_title": source.get("title", ""),
                "source_url": source.get("url", ""),
                "source_read_on": date.fromisoformat(source["read_on"])
                if source.get("read_on")
                else None,
                **_translated("title", item["title"]),
                **_translated("venue", item.get("venue")),
                **_translated("agenda", item.get("agenda")),
            },
        )
        report.count("meetings", created)
        for agenda in item.get("agenda_items", []):
            _, created = AgendaItem.objects.update_or_create(
                meeting=meeting,
                order=agenda["order"],
                defaults={
                    "starts_at": time.fromisoformat(agenda["starts_at"])
                    if agenda.get("starts_at")
                    else None,
                    **_translated("title", agenda["title"]),
                    **_translated("description", agenda.get("description")),
                },
            )
            report.count("agenda items", created)


def _seed_articles(data, cities, report) -> None:
    for item in data["articles"]:
        article, created = Article.objects.get_or_create(
            slug=item["slug"],
            defaults={
                "status": item["status"],
                "is_demo": item.get("demo", False),
                "published_at": datetime.fromisoformat(item["published_at"])
                if item["published_at"]
                else None,
                **_translated("title", item["title"]),
                **_translated("summary", item.get("summary")),
                **_translated("body", item.get("body")),
            },
        )
        if created:
            article.cities.set([cities[slug] for slug in item.get("cities", [])])
        report.count("articles", created)


def ensure_lead_staff_group() -> Group:
    """Lead staff run the admin: every permission on the portal's own models."""
    group, _ = Group.objects.get_or_create(name=LEAD_STAFF_GROUP)
    permissions = Permission.objects.filter(content_type__app_label__in=MANAGED_APPS)
    group.permissions.set(permissions)
    return group


@transaction.atomic
def seed_demo_users(*, data: dict, password: str) -> SeedReport:
    report = SeedReport()
    User = get_user_model()
    cities = {
        city.slug: city for city in City.objects.filter(network__slug=data["network"]["slug"])
    }
    group = ensure_lead_staff_group()

    def person(email: str, full_name: str, language: str, *, staff: bool = False):
        user, created = User.objects.get_or_create(
            email=email,
            defaults={"full_name": full_name, "preferred_language": language, "is_staff": staff},
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        _mark_email_verified(user)
        report.count("users", created)
        return user

    for item in data["demo_users"]["lead_staff"]:
        user = person(item["email"], item["full_name"], item["preferred_language"], staff=True)
        user.groups.add(group)
        _ensure_demo_authenticator(user)
        _, created = Membership.objects.get_or_create(
            user=user, city=cities[item["city"]], role=Membership.Role.LEAD_STAFF
        )
        report.count("memberships", created)

    template = data["demo_users"]["coordinator_email"]
    for slug, city in cities.items():
        # Coordinators work in their city's language; English where the data names none.
        language = city.language or "en"
        user = person(
            template.format(slug=slug),
            f"Coordinator {translated_values(city, 'name', ['en'])['en']}",
            language,
        )
        _, created = Membership.objects.get_or_create(
            user=user, city=city, role=Membership.Role.CITY_COORDINATOR
        )
        report.count("memberships", created)
    return report


def _ensure_demo_authenticator(user) -> None:
    """Staff must use a second factor; demo staff get an authenticator whose current code
    `manage.py demo_totp` prints, so the demo can be explored without a phone."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, generate_totp_secret())


def current_totp_code(user) -> str:
    from allauth.mfa import app_settings
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
    from allauth.mfa.utils import decrypt

    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    secret = decrypt(authenticator.data["secret"])
    counter = int(timezone.now().timestamp()) // app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


def _mark_email_verified(user) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
