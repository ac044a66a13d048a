"""factory_boy factories shared by every test module."""

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.models import User
from cities.models import City, Membership, Network
from meetings.models import Meeting, Participation
from news.models import Article
from practices.models import Deliverable, Phase, Practice, Transfer, TransferStep


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    preferred_language = "en"
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if not create:
            return
        obj.save()
        from allauth.account.models import EmailAddress

        EmailAddress.objects.update_or_create(
            user=obj, email=obj.email, defaults={"verified": True, "primary": True}
        )


class NetworkFactory(factory.django.DjangoModelFactory):
    """A network that runs around today, so due dates near now are valid."""

    class Meta:
        model = Network
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Network {n}")
    slug = factory.Sequence(lambda n: f"network-{n}")
    programme = "URBACT IV"
    network_type = Network.Type.INNOVATION_TRANSFER
    start_date = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=365))
    end_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=365))
    total_budget = Decimal("500000.00")
    description_el = "Δίκτυο πόλεων για την ασφάλεια."
    description_en = "A network of cities working on safety."


class _OnePerNetworkSlug:
    """The network's row of that slug if it has one (slugs are unique within a network only),
    else a new one; any other constraint a new row breaks raises as it would in the portal."""

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        found = model_class.objects.filter(network=kwargs["network"], slug=kwargs["slug"]).first()
        return found or super()._create(model_class, *args, **kwargs)


class CityFactory(_OnePerNetworkSlug, factory.django.DjangoModelFactory):
    class Meta:
        model = City

    network = factory.SubFactory(NetworkFactory)
    name_en = factory.Sequence(lambda n: f"City {n}")
    name_el = factory.Sequence(lambda n: f"Πόλη {n}")
    slug = factory.Sequence(lambda n: f"city-{n}")
    country = "IT"
    role = City.Role.PARTNER
    timezone = "Europe/Rome"
    budget = Decimal("70000.00")
    erdf_rate = Decimal("80.00")
    order = factory.Sequence(lambda n: n)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    city = factory.SubFactory(CityFactory)
    role = Membership.Role.CITY_COORDINATOR


class PracticeFactory(_OnePerNetworkSlug, factory.django.DjangoModelFactory):
    class Meta:
        model = Practice

    network = factory.SubFactory(NetworkFactory)
    title_en = factory.Sequence(lambda n: f"Practice {n}")
    title_el = factory.Sequence(lambda n: f"Πρακτική {n}")
    slug = factory.Sequence(lambda n: f"practice-{n}")
    summary_en = "What the practice does."
    summary_el = "Τι κάνει η πρακτική."
    layer = Practice.Layer.GOVERNANCE
    order = factory.Sequence(lambda n: n)


class TransferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Transfer

    city = factory.SubFactory(CityFactory)
    practice = factory.SubFactory(PracticeFactory, network=factory.SelfAttribute("..city.network"))


class TransferStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TransferStep

    transfer = factory.SubFactory(TransferFactory)
    phase = Phase.UNDERSTAND
    title = factory.Sequence(lambda n: f"Step {n}")
    due_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))
    status = TransferStep.Status.IN_PROGRESS
    progress = 40


class DeliverableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deliverable

    city = factory.SubFactory(CityFactory)
    network = factory.SelfAttribute("city.network")
    kind = Deliverable.Kind.DRAFT_INVESTMENT_PLAN
    phase = Phase.ADAPT
    due_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=60))


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    network = factory.SubFactory(NetworkFactory)
    kind = Meeting.Kind.TRANSNATIONAL
    title_en = factory.Sequence(lambda n: f"Meeting {n}")
    title_el = factory.Sequence(lambda n: f"Συνάντηση {n}")
    slug = factory.Sequence(lambda n: f"meeting-{n}")
    start = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=10))
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=6))
    timezone = "Europe/Athens"
    venue_en = "City Hall"
    venue_el = "Δημαρχείο"
    is_public = True


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    meeting = factory.SubFactory(MeetingFactory)
    user = factory.SubFactory(UserFactory)


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    # The network a host nobody claims shows (the test client's): where most tests look.
    network = factory.LazyFunction(lambda: Network.objects.default() or NetworkFactory())
    title_en = factory.Sequence(lambda n: f"News item {n}")
    title_el = factory.Sequence(lambda n: f"Νέο {n}")
    slug = factory.Sequence(lambda n: f"news-item-{n}")
    summary_en = "A short summary."
    summary_el = "Μια σύντομη περίληψη."
    body_en = "<p>The body of the article.</p>"
    body_el = "<p>Το κείμενο του άρθρου.</p>"
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))

    @factory.post_generation
    def cities(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.cities.set(extracted)


def activate_totp(user) -> str:
    """Gives the user an authenticator app (allauth TOTP), as staff must have; returns the
    secret so a test can compute valid codes with ``totp_code``."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str) -> str:
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "ulg.Organisation"

    city = factory.SubFactory(CityFactory)
    name = factory.Sequence(lambda n: f"Organisation {n}")
    sector = "residents"
    joined_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=200))


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "ulg.Outcome"

    meeting = factory.SubFactory(MeetingFactory)
    kind = "decision"
    text = factory.Sequence(lambda n: f"Outcome {n}")
