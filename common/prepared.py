"""Queries built once per process: the ORM turns a queryset into SQL once, each request binds
its own values.

Building and compiling a queryset costs the ORM (modeltranslation's rewriting included) far
more than PostgreSQL takes to answer a small indexed query: the site search built five of them
per request, 10 ms of CPU against 6 ms in the database. ``prepared_rows`` builds the queryset
with a stand-in for each value a request varies (a network, a moment, a search query), compiles
it once per key and replaces the stand-ins in its parameters on each call. Only the SQL is kept:
every request still reads the database (nothing cached across requests).

On PostgreSQL only: other databases (the embedded SQLite default) adapt some values before
binding them (a moment becomes text) and serve one developer, so there the ORM builds each
query every time.
"""

import datetime
import itertools
from collections.abc import Callable
from dataclasses import dataclass

from django.core.signals import setting_changed
from django.db import connections
from django.db.models import Func, IntegerField, QuerySet
from django.dispatch import receiver

#: A stand-in of each type, unlike any value a query holds: ints far below any id, days and
#: moments in the first year of the calendar, strings starting with NUL (which PostgreSQL's
#: text refuses).
_STAND_INS = {
    int: lambda n: -(2**62) + n,
    datetime.date: lambda n: datetime.date(1, 1, 1) + datetime.timedelta(days=n),
    datetime.datetime: lambda n: (
        datetime.datetime(1, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(seconds=n)
    ),
    str: lambda n: f"\x00stand-in {n}",
}


@dataclass(frozen=True)
class _Prepared:
    model: type
    related: bool  # whether the queryset reads related rows (select_related, prefetch_related)
    sql: str
    params: tuple
    slots: tuple[tuple[int, str], ...]  # (position in params, name of the value)
    # Per column that needs one, the database's and the fields' conversions of a value, as
    # the ORM applies them (SQLite's dates and times, a field's ``from_db_value``).
    converters: tuple[tuple[int, tuple, object], ...]

    def bound(self, values: dict) -> list:
        params = list(self.params)
        for position, name in self.slots:
            params[position] = values[name]
        return params


_PREPARED: dict = {}
MAX_PREPARED = 1024


def _compile(build: Callable[..., QuerySet], kinds: dict[str, type], using: str, first: int):
    counter = itertools.count(first)
    stand_ins = {name: _STAND_INS[kind](next(counter)) for name, kind in kinds.items()}
    queryset = build(**stand_ins)
    compiler = queryset.query.get_compiler(using=using)
    sql, params = compiler.as_sql()
    names = {(type(value), value): name for name, value in stand_ins.items()}
    slots = tuple(
        (position, names[(type(param), param)])
        for position, param in enumerate(params)
        if (type(param), param) in names
    )
    return queryset, compiler, sql, tuple(params), slots


def _prepare(key, build: Callable[..., QuerySet], kinds: dict[str, type], using: str):
    queryset, compiler, sql, params, slots = _compile(build, kinds, using, 1)
    # Built a second time with other stand-ins, the query must differ in the slots alone: a
    # value the build takes from elsewhere (the time, the request) would be frozen otherwise.
    _queryset, _compiler, other_sql, other_params, other_slots = _compile(build, kinds, using, 100)
    fixed = {position for position, _name in slots}
    if (
        other_sql != sql
        or len(other_params) != len(params)
        or [position for position, _name in other_slots] != sorted(fixed)
        or any(
            p != q
            for i, (p, q) in enumerate(zip(params, other_params, strict=True))
            if i not in fixed
        )
    ):
        raise ValueError(f"{key}: the query depends on more than the values it is given")
    fields = [column[0] for column in compiler.select[: compiler.col_count]]
    converters = tuple(
        (position, tuple(functions), expression)
        for position, (functions, expression) in compiler.get_converters(fields).items()
    )
    related = bool(queryset.query.select_related or queryset._prefetch_related_lookups)
    return _Prepared(queryset.model, related, sql, params, slots, converters)


def _prepared(key: tuple, build: Callable[..., QuerySet], values: dict, using: str) -> _Prepared:
    full_key = (key, using)
    prepared = _PREPARED.get(full_key)
    if prepared is None:
        if len(_PREPARED) >= MAX_PREPARED:
            _PREPARED.clear()  # a bound, should keys ever grow with what requests ask
        kinds = {name: type(value) for name, value in values.items()}
        prepared = _PREPARED[full_key] = _prepare(key, build, kinds, using)
    return prepared


def prepared_rows(
    key: tuple,
    build: Callable[..., QuerySet],
    values: dict,
    *,
    using: str = "default",
) -> list[dict]:
    """The rows of ``build(**values)`` (a ``values()`` queryset) as dictionaries, its SQL built
    once per process and ``key``.

    ``build`` takes each value by name and must build the same SQL for any values of their
    types (int, date, aware datetime or str), passing each into a parameter of the query unchanged
    (a value the query does not use is left out); the key holds whatever else the SQL depends
    on (the model, the language). Values are converted as ``values()`` converts them."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return list(build(**values))  # the ORM each time: see the module's docstring
    prepared = _prepared(key, build, values, using)
    with connection.cursor() as cursor:
        cursor.execute(prepared.sql, prepared.bound(values))
        columns = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
    if prepared.converters:
        rows = [list(row) for row in rows]
        for row in rows:
            for position, functions, expression in prepared.converters:
                value = row[position]
                for function in functions:
                    value = function(value, expression, connection)
                row[position] = value
    return [dict(zip(columns, row, strict=True)) for row in rows]


@receiver(setting_changed)
def _forget(**kwargs) -> None:
    # Languages, fallbacks and time zones shape the SQL (tests change them).
    _PREPARED.clear()


def prepared_instances(
    key: tuple, build: Callable[..., QuerySet], values: dict, *, using: str = "default"
) -> list:
    """As ``prepared_rows``, for a queryset of model instances (read through ``raw()``, as
    ``Network.objects.for_host`` reads its network): its columns become the instances' fields,
    annotations their attributes, columns left out deferred fields. No ``select_related`` or
    ``prefetch_related``: ``raw()`` reads one table's instances."""
    if connections[using].vendor != "postgresql":
        return list(build(**values))  # the ORM each time: see the module's docstring
    prepared = _prepared(key, build, values, using)
    if prepared.related:
        raise ValueError(f"{key}: raw() cannot read related rows")
    manager = prepared.model._default_manager.db_manager(using)
    return list(manager.raw(prepared.sql, prepared.bound(values)))


def prepared_count(
    key: tuple, build: Callable[..., QuerySet], values: dict, *, using: str = "default"
) -> int:
    """How many rows ``build(**values)`` holds (not sliced, not distinct, not grouped), by the
    same COUNT query as ``QuerySet.count()``, its SQL built once per process and ``key``."""

    def counted(**kwargs) -> QuerySet:
        count = Func(template="COUNT(*)", output_field=IntegerField())
        return build(**kwargs).order_by().annotate(__count=count).values("__count")

    return prepared_rows((*key, "count"), counted, values, using=using)[0]["__count"]


class PreparedList:
    """A queryset of model instances for ``common.paging.page_of``, read with SQL built once per
    process: each slice through ``prepared_instances`` (its bounds in the key: a list's pages
    are few), its count as a COUNT of the same SQL."""

    def __init__(
        self,
        key: tuple,
        build: Callable[..., QuerySet],
        values: dict,
        *,
        using: str = "default",
    ) -> None:
        self.key, self.build, self.values, self.using = key, build, values, using

    def __getitem__(self, bounds: slice) -> list:
        if not isinstance(bounds, slice) or bounds.step is not None:
            raise TypeError("PreparedList reads slices only")
        start, stop = bounds.start or 0, bounds.stop

        def sliced(**values) -> QuerySet:
            return self.build(**values)[start:stop]

        key = (*self.key, start, stop)
        return prepared_instances(key, sliced, self.values, using=self.using)

    def count(self) -> int:
        return prepared_count(self.key, self.build, self.values, using=self.using)
