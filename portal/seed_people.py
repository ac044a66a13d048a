"""Demo accounts from a network's data file (``demo_users``): its lead staff, a coordinator for
each of its cities, and any other ``people`` with a role in one of its cities.

Accounts are keyed on their e-mail address, roles on (person, city, role): a person listed in
two networks' files is one account with a role in each, and loading a file again changes
nothing.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from cities.models import City, Membership
from common.languages import translated_values

from .seed_report import SeedReport

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


def ensure_lead_staff_group() -> Group:
    """Lead staff run the admin: every permission on the portal's own models."""
    group, _ = Group.objects.get_or_create(name=LEAD_STAFF_GROUP)
    permissions = Permission.objects.filter(content_type__app_label__in=MANAGED_APPS)
    group.permissions.set(permissions)
    return group


@transaction.atomic
def seed_demo_users(*, data: dict, password: str):
    report = SeedReport()
    User = get_user_model()
    cities = {
        city.slug: city for city in City.objects.filter(network__slug=data["network"]["slug"])
    }
    group = ensure_lead_staff_group()
    block = data["demo_users"]

    def person(email: str, full_name: str, language: str, *, staff: bool = False):
        user, created = User.objects.get_or_create(
            email=email,
            defaults={"full_name": full_name, "preferred_language": language, "is_staff": staff},
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        elif staff and not user.is_staff:
            User.objects.filter(pk=user.pk).update(is_staff=True)
            user.is_staff = True
        _mark_email_verified(user)
        report.count("users", created)
        return user

    def role(user, city: City, name: str) -> None:
        _, created = Membership.objects.get_or_create(user=user, city=city, role=name)
        report.count("memberships", created)

    for item in block.get("lead_staff", []):
        user = person(item["email"], item["full_name"], item["preferred_language"], staff=True)
        user.groups.add(group)
        _ensure_demo_authenticator(user)
        role(user, cities[item["city"]], Membership.Role.LEAD_STAFF)

    template = block["coordinator_email"]
    for slug, city in cities.items():
        # Coordinators work in their city's language; English where the data names none.
        language = city.language or "en"
        user = person(
            template.format(slug=slug),
            f"Coordinator {translated_values(city, 'name', ['en'])['en']}",
            language,
        )
        role(user, city, Membership.Role.CITY_COORDINATOR)

    # Anybody else: e.g. a lead expert who follows this network and another one, with the same
    # account (listed in both networks' files).
    for item in block.get("people", []):
        user = person(item["email"], item["full_name"], item["preferred_language"])
        role(user, cities[item["city"]], Membership.Role(item["role"]))
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
