import functools
import zoneinfo
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, ExpressionWrapper, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from common.portal_translation import PortalTranslated
from common.search import SearchDocuments, document_indexes

from .closure import (
    ClosableNetwork,
    DocumentKeeping,  # noqa: F401  (its models, imported from here)
    NetworkClosure,
)
from .hosts import NetworkHost, address_on, host_name


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a known time zone."), params={"value": value})


# How long coordinators may still finish their final reporting after a network ends, unless lead
# staff set another closing date.
DEFAULT_FINAL_REPORTING_DAYS = 90


@functools.lru_cache(maxsize=64)
def _for_host_sql(model, using: str, host: str, default: str) -> tuple[str, tuple]:
    """``for_host``'s SQL and parameters (host names are few: ``ALLOWED_HOSTS`` lets through
    only the deployment's own)."""
    query = model._default_manager.all()._for_host(host)[:1].query
    return query.get_compiler(using=using).as_sql()


class NetworkQuerySet(models.QuerySet):
    def for_host(self, host: str) -> "Network | None":
        """The network a request for ``host`` shows, in one query: the network that claims the
        host name, else the deployment's default network (``settings.DEFAULT_NETWORK``; when
        that names no network, the one that started most recently, so that a deployment with
        one network needs no setting). None when the deployment has no default
        (``DEFAULT_NETWORK = ""``) and no network claims the host.

        Every page asks this, and building the query costs the ORM about ten times what
        PostgreSQL takes to answer it: its SQL is built once per process and host name."""
        if self.query.has_filters() or self.query.annotations:
            return self._for_host(host).first()  # a narrowed queryset: built each time
        sql, params = _for_host_sql(self.model, self.db, host_name(host), settings.DEFAULT_NETWORK)
        return next(iter(self.raw(sql, params)), None)

    def _for_host(self, host: str) -> "NetworkQuerySet":
        claimed = Exists(NetworkHost.objects.filter(network=OuterRef("pk"), host=host_name(host)))
        networks = self.with_closure().with_address().annotate(claimed=claimed)
        default = settings.DEFAULT_NETWORK
        if not default:
            return networks.filter(claimed=True).order_by("pk")
        is_default = ExpressionWrapper(Q(slug=default), output_field=models.BooleanField())
        return networks.annotate(is_default=is_default).order_by(
            "-claimed", "-is_default", "-start_date", "pk"
        )

    def default(self) -> "Network | None":
        """The network of a host nobody claims (see ``for_host``)."""
        return self.for_host("")

    def with_closure(self) -> "NetworkQuerySet":
        """With the id of its closure in force, so that an open network's pages ask nothing
        more."""
        closures = NetworkClosure.objects.filter(network=models.OuterRef("pk"), reopened_at=None)
        return self.annotate(closure_in_force_id=models.Subquery(closures.values("pk")[:1]))

    def with_address(self) -> "NetworkQuerySet":
        """With its main host name, from which ``Network.address`` is built without a query."""
        hosts = NetworkHost.objects.filter(network=OuterRef("pk")).order_by("-is_primary", "host")
        return self.annotate(main_host=Subquery(hosts.values("host")[:1]))


class Network(ClosableNetwork, PortalTranslated):
    class Type(models.TextChoices):
        INNOVATION_TRANSFER = "innovation_transfer", _("Innovation Transfer Network")
        TRANSFER = "transfer", _("Transfer Network")
        ACTION_PLANNING = "action_planning", _("Action Planning Network")

    class State(models.TextChoices):
        UPCOMING = "upcoming", _("Upcoming")
        RUNNING = "running", _("Running")
        CONCLUDED = "concluded", _("Concluded")

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    programme = models.CharField(_("programme"), max_length=100)
    network_type = models.CharField(_("network type"), max_length=32, choices=Type.choices)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    total_budget = models.DecimalField(
        _("total budget (EUR)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    lead_expert = models.CharField(_("lead expert"), max_length=200, blank=True)
    good_practice = models.CharField(
        _("good practice"),
        max_length=200,
        blank=True,
        help_text=_("The good practice the network transfers."),
    )
    website = models.URLField(_("website"), blank=True)
    closing_date = models.DateField(
        _("closing date of final reporting"),
        null=True,
        blank=True,
        help_text=_(
            "After this day coordinators can only read their workspace. "
            "Empty: 90 days after the end date."
        ),
    )

    objects = NetworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gt=models.F("start_date")),
                name="network_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            raise ValidationError({"end_date": _("The network must end after it starts.")})
        if self.end_date and self.closing_date and self.closing_date < self.end_date:
            raise ValidationError(
                {"closing_date": _("Final reporting cannot close before the network ends.")}
            )

    @property
    def address(self) -> str:
        """Where the network's site is, e.g. ``https://citisense.example``: its main host name
        with the deployment's scheme and port, or ``SITE_URL`` when it claims none. Every
        absolute link to the network (emails, feeds, calendars, sitemaps, open data) starts
        with it."""
        if not hasattr(self, "main_host"):
            self.main_host = (
                self.hosts.order_by("-is_primary", "host").values_list("host", flat=True).first()
            )
        return address_on(self.main_host)

    # The network's lifecycle is derived from its dates and the day asked about, in this one
    # place: pages, digests, reminders and permissions all ask these methods.
    @property
    def final_reporting_closes(self) -> date:
        if self.closing_date:
            return self.closing_date
        return self.end_date + timedelta(days=DEFAULT_FINAL_REPORTING_DAYS)

    def state_on(self, day: date | None = None) -> "Network.State":
        day = day or timezone.localdate()
        if day < self.start_date:
            return self.State.UPCOMING
        if day <= self.end_date:
            return self.State.RUNNING
        return self.State.CONCLUDED

    def is_running_on(self, day: date | None = None) -> bool:
        """Reminders, digests and "overdue" only make sense while the network runs."""
        return self.state_on(day) == self.State.RUNNING

    def is_concluded_on(self, day: date | None = None) -> bool:
        return self.state_on(day) == self.State.CONCLUDED

    def is_open_for_coordinators_on(self, day: date | None = None) -> bool:
        """Coordinators may write until final reporting closes; lead staff always may."""
        return (day or timezone.localdate()) <= self.final_reporting_closes

    @property
    def duration_days(self) -> int:
        return (self.end_date - self.start_date).days + 1

    @property
    def duration_months(self) -> int:
        """Whole calendar months covered, counting a month begun as a month."""
        months = (self.end_date.year - self.start_date.year) * 12
        months += self.end_date.month - self.start_date.month
        return months + (1 if self.end_date.day >= self.start_date.day - 1 else 0)

    def contains(self, day: date) -> bool:
        return self.start_date <= day <= self.end_date


class CityQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=City.Status.ACTIVE)


class City(PortalTranslated, SearchDocuments):
    # The site search's documents (search_<lang>) come from SearchDocuments, kept by
    # portal.search_index on every save.
    class Role(models.TextChoices):
        LEAD_PARTNER = "lead_partner", _("Lead partner")
        PARTNER = "partner", _("Partner")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.PROTECT, related_name="cities"
    )
    name = models.CharField(_("name"), max_length=100)
    # Unique within the network (its pages' addresses): two networks may both have a "geel".
    slug = models.SlugField(_("slug"), max_length=100)
    country = CountryField(_("country"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.PARTNER)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Europe/Athens",
        validators=[validate_timezone],
    )
    # Empty when nobody published the figure: pages then leave it out rather than guess.
    budget = models.DecimalField(
        _("budget (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    erdf_rate = models.DecimalField(
        _("ERDF co-financing rate (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    ulg_description = models.TextField(_("URBACT Local Group"), blank=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_(
            "The language the city's people work in: their invitations default to it, and the "
            "admin offers it as a translation."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = CityQuerySet.as_manager()

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["order", "slug"]
        indexes = [
            # Every public page lists a network's partners in this order.
            models.Index(fields=["network", "order", "slug"], name="city_network_order"),
            *document_indexes(),
        ]
        constraints = [
            models.UniqueConstraint(fields=["network", "slug"], name="city_unique_slug"),
            models.UniqueConstraint(
                fields=["network"],
                condition=Q(role="lead_partner"),
                name="one_lead_partner_per_network",
            ),
            models.CheckConstraint(
                condition=Q(erdf_rate__gte=0) & Q(erdf_rate__lte=100),
                name="city_erdf_rate_is_a_percentage",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="city_latitude_in_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="city_longitude_in_range",
            ),
            models.CheckConstraint(
                condition=Q(status="active", withdrawn_on__isnull=True)
                | Q(status="withdrawn", withdrawn_on__isnull=False),
                name="city_withdrawn_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.status == self.Status.WITHDRAWN and not self.withdrawn_on:
            raise ValidationError({"withdrawn_on": _("Give the date the city withdrew.")})
        if self.status == self.Status.ACTIVE and self.withdrawn_on:
            raise ValidationError({"withdrawn_on": _("An active city has no withdrawal date.")})

    @property
    def erdf_amount(self) -> Decimal | None:
        """Derived from the budget and the rate; unknown if either is."""
        if self.budget is None or self.erdf_rate is None:
            return None
        return (self.budget * self.erdf_rate / Decimal("100")).quantize(Decimal("0.01"))

    @property
    def is_lead_partner(self) -> bool:
        return self.role == self.Role.LEAD_PARTNER


class Membership(models.Model):
    """What a person does for a city: the basis of every per-city permission."""

    class Role(models.TextChoices):
        CITY_COORDINATOR = "city_coordinator", _("City coordinator")
        ULG_COORDINATOR = "ulg_coordinator", _("ULG coordinator")
        LEAD_STAFF = "lead_staff", _("Lead staff")
        LEAD_EXPERT = "lead_expert", _("Lead expert")

    #: Roles that follow the whole network rather than one city.
    NETWORK_ROLES = frozenset({Role.LEAD_STAFF, Role.LEAD_EXPERT})
    #: Roles that may change every city's progress data.
    NETWORK_EDITOR_ROLES = frozenset({Role.LEAD_STAFF})
    #: Roles that work for one city and may change its progress data.
    COORDINATOR_ROLES = frozenset({Role.CITY_COORDINATOR, Role.ULG_COORDINATOR})

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    city = models.ForeignKey(
        City, verbose_name=_("city"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    # Who granted, changed or removed a role, and when (shown in the admin's history view).
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["city__order", "role", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "city", "role"], name="membership_unique_user_city_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.city} · {self.get_role_display()}"


# Imported here so that it is one of the app's models (it lives in its own module).
from .sources import FactSource  # noqa: E402,F401
