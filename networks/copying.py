"""Creating the next network from an earlier one: its structure, none of its life.

``copy_structure`` makes a new network with the source's practices, standard steps,
indicators (definitions, not measurements), reporting-period pattern (moved to the new dates)
and standard registration questions. Nothing of the people, cities, progress, news, meetings,
measurements or content is copied.

Who leads the new network: roles are per city, and the new network has no city yet. So the
person who copies names the new network's lead partner city; the service creates that one
city and makes the copier lead staff there, so that the new network is theirs to run (they
then invite the other partners and staff, network by network). Only lead staff of the
source network may copy it, also once it is closed: copying only reads it.

Dates move by whole months from the source's start to the new start (an end of month stays an
end of month, so quarters stay quarters); the source's own start and end become the new start
and end, and whatever falls after the new end is dropped or cut at the end.
"""

import calendar
from collections import Counter
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cities.hosts import NetworkHost
from cities.models import City, Membership, Network
from cities.permissions import require_lead_staff
from common.languages import localized_fields
from indicators.models import Indicator
from practices.models import Practice, TransferStep
from registrations.models import Question
from reports.models import ReportingPeriod

from .models import StandardQuestion, StandardStep

#: The source's own words and dates that the new network writes for itself.
NOT_COPIED_FROM_THE_NETWORK = [
    "closing_date",
    "website",
    "lead_expert",
    "description",
    *localized_fields("description"),
]


class DateShift:
    """Moves the source network's dates onto the new network's."""

    def __init__(self, source: Network, start: date, end: date):
        self.source, self.start, self.end = source, start, end
        self.months = (start.year - source.start_date.year) * 12 + (
            start.month - source.start_date.month
        )

    def __call__(self, day: date | None) -> date | None:
        if day is None:
            return None
        if day == self.source.start_date:
            return self.start
        if day == self.source.end_date:
            return self.end
        month_index = day.year * 12 + day.month - 1 + self.months
        year, month = divmod(month_index, 12)
        last = calendar.monthrange(year, month + 1)[1]
        at_month_end = day.day == calendar.monthrange(day.year, day.month)[1]
        return date(year, month + 1, last if at_month_end else min(day.day, last))

    def within(self, day: date | None) -> date | None:
        """Shifted, and kept inside the new network's dates."""
        day = self(day)
        return None if day is None else max(self.start, min(day, self.end))


def _copy(obj: models.Model, skip: Iterable[str] = (), into=None, **values) -> models.Model:
    """A new, unsaved object (of ``obj``'s model, or of ``into``) with ``obj``'s column values
    (every language's), but for the key, ``skip`` and ``values``."""
    model = into or type(obj)
    new = model()
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in skip or field.attname in values:
            continue
        if hasattr(obj, field.attname):
            setattr(new, field.attname, getattr(obj, field.attname))
    for name, value in values.items():
        setattr(new, name, value)
    return new


def _free_slug(model: type[models.Model], slug: str, network: Network) -> str:
    """The same slug in the new network; where the slug is still unique across networks, it
    is prefixed with the new network's slug."""
    field = model._meta.get_field("slug")
    if not field.unique or not model.objects.filter(slug=slug).exists():
        return slug
    return f"{network.slug}-{slug}"[: field.max_length]


def _saved(obj: models.Model, *, as_field: str | None = None) -> models.Model:
    """Checked and saved; ``as_field``: the form field its errors belong to."""
    try:
        obj.full_clean()
    except ValidationError as error:
        if as_field is None:
            raise
        raise ValidationError({as_field: error.messages}) from error
    obj.save()
    return obj


def standard_steps_of(network: Network) -> list[StandardStep]:
    """The network's standard steps: its own list when it has one, else the steps its
    transfers share (each phase and place taken by the name most transfers give it, and kept
    when most transfers have it: a step one city added is not standard)."""
    kept = list(StandardStep.objects.filter(network=network))
    if kept:
        return kept
    columns = ["phase", "order", "due_date", "portal_translations", *localized_fields("title")]
    steps = TransferStep.objects.filter(transfer__city__network=network)
    transfers = steps.values("transfer").distinct().count()
    variants = Counter(
        tuple(tuple(value) if isinstance(value, list) else value for value in row)
        for row in steps.values_list(*columns).order_by()
    )
    best: dict[tuple, tuple[int, tuple]] = {}
    for row, count in variants.items():
        place = row[:2]
        if place not in best or count > best[place][0]:
            best[place] = (count, row)
    return [
        StandardStep(
            network=network,
            **{
                column: list(value) if isinstance(value, tuple) else value
                for column, value in zip(columns, row, strict=True)
            },
        )
        for count, row in (best[place] for place in sorted(best))
        if count * 2 > transfers
    ]


def standard_questions_of(network: Network) -> list[StandardQuestion]:
    """Its own standard questions, else those of its latest meeting that asked any."""
    kept = list(StandardQuestion.objects.filter(network=network))
    if kept:
        return kept
    latest = (
        Question.objects.filter(registration_settings__meeting__network=network)
        .order_by("-registration_settings__meeting__start")
        .values_list("registration_settings", flat=True)
        .first()
    )
    questions = Question.objects.filter(registration_settings=latest).order_by("order", "pk")
    return [_copy(q, into=StandardQuestion, network=network) for q in questions]


@transaction.atomic
def copy_structure(
    *,
    source: Network,
    user,
    name: str,
    slug: str,
    start_date: date,
    end_date: date,
    lead_city_name: str,
    lead_city_country: str,
    hosts: Iterable[str] = (),
    total_budget: Decimal = Decimal("0"),
) -> Network:
    """The new network (see the module's docstring). Raises ``PermissionDenied`` unless
    ``user`` is lead staff of ``source``, and ``ValidationError`` (nothing created) for a
    name, slug or host name already taken, or dates that do not make a network."""
    require_lead_staff(user, network=source, even_if_closed=True)
    network = _copy(
        source,
        skip=NOT_COPIED_FROM_THE_NETWORK,
        name=name.strip(),
        slug=slug,
        start_date=start_date,
        end_date=end_date,
        total_budget=total_budget,
    )
    _saved(network)
    for position, host in enumerate(dict.fromkeys(h.strip().lower() for h in hosts if h.strip())):
        _saved(NetworkHost(network=network, host=host, is_primary=position == 0), as_field="hosts")
    _lead_city(network, user, lead_city_name, lead_city_country)
    shift = DateShift(source, start_date, end_date)
    for practice in Practice.objects.filter(network=source):
        _saved(_copy(practice, network=network, slug=_free_slug(Practice, practice.slug, network)))
    for step in standard_steps_of(source):
        _saved(_copy(step, network=network, due_date=shift.within(step.due_date)))
    for indicator in Indicator.objects.filter(network=source):
        _saved(_copy(indicator, network=network))
    _copy_periods(source, network, shift)
    for question in standard_questions_of(source):
        _saved(_copy(question, network=network))
    return network


def _lead_city(network: Network, user, name: str, country: str) -> City:
    name = name.strip()
    if not name:
        raise ValidationError({"lead_city_name": _("Name the new network's lead partner city.")})
    city = City(
        network=network,
        name=name,
        slug=_free_slug(City, slugify(name) or network.slug, network),
        country=country,
        role=City.Role.LEAD_PARTNER,
    )
    for column in localized_fields("name"):
        setattr(city, column, getattr(city, column) or name)
    _saved(city, as_field="lead_city_name")
    _saved(Membership(user=user, city=city, role=Membership.Role.LEAD_STAFF))
    # The roles read earlier in this request are kept on the user object: they changed.
    user.__dict__.pop("_citisense_memberships", None)
    return city


def _copy_periods(source: Network, network: Network, shift: DateShift) -> None:
    periods = ReportingPeriod.objects.filter(network=source).order_by("number")
    for number, period in enumerate(periods, start=1):
        start = shift(period.start_date)
        if start > network.end_date:
            break
        end = min(shift(period.end_date), network.end_date)
        due = max(shift(period.due_date), start)
        _saved(
            _copy(
                period,
                network=network,
                number=number,
                start_date=start,
                end_date=end,
                due_date=due,
                is_demo=False,
            )
        )
