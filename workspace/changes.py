"""The network's changes, newest first: both history tables read together, a page at a time."""

from datetime import datetime
from types import SimpleNamespace
from typing import TypedDict

from django.db import connection
from django.db.models import CharField, F, OuterRef, Subquery, Value
from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order

from cities.models import Network
from common.languages import shown_in, shown_text
from common.locking import FieldChange, diff_fields
from common.prepared import prepared_rows
from practices.history import DELIVERABLE_TRACKED_FIELDS, STEP_TRACKED_FIELDS, display
from practices.models import Deliverable, TransferStep

from .rows import ListWords


class RecentChange(TypedDict):
    """A change as the list shows it (a plain dictionary: see ``rows.py``)."""

    when: datetime
    when_iso: str  # the moment in the current time zone, for the ``<time>`` element
    when_text: str
    who_display: str  # the person, or "the system"
    kind: str
    obj_type: str
    obj_id: int
    url: str
    title: str
    city_name: str | None
    changes: list[FieldChange]


#: Per kind of record: the model, its tracked fields and the path to its city's name.
_CHANGE_SOURCES = {
    "step": (TransferStep, STEP_TRACKED_FIELDS, "transfer__city__name"),
    "deliverable": (Deliverable, DELIVERABLE_TRACKED_FIELDS, "city__name"),
}
#: Per kind of record: its network (only the network's own changes are listed). A step's record
#: keeps its step's network (``practices.step_history``), so that the newest of one network are
#: read on an index of their own.
_NETWORK_OF = {"step": "network", "deliverable": "network"}


_DETAIL_VIEWS = {"step": "workspace:step_detail", "deliverable": "workspace:deliverable_detail"}

_CHANGE_COLUMNS = (
    "source",
    "history_id",
    "id",
    "history_date",
    "history_type",
    "history_user_id",
    "user_name",
    "user_email",
    "title_shown",
    "kind_shown",
)


def _change_rows(kind: str, *, network: Network | int, newest: int):
    """One kind's ``newest`` historical records, as the rows of the changes list (see
    ``network_changes``): the same columns in the same order for every kind, so that they can
    be read together."""
    model, _fields, city_name = _CHANGE_SOURCES[kind]
    history = model.history.model
    city_columns = {
        build_localized_fieldname("city", lang): F(build_localized_fieldname(city_name, lang))
        for lang in resolution_order(get_language())
    }
    rows = history.objects.filter(**{_NETWORK_OF[kind]: network}).annotate(
        source=Value(kind, output_field=CharField()),
        user_name=F("history_user__full_name"),
        user_email=F("history_user__email"),
        kind_shown=F("kind") if kind == "deliverable" else Value("", output_field=CharField()),
        title_shown=shown_text(history, "title"),
        **city_columns,
    )
    # Plain values() in this order: a union matches columns by position, and modeltranslation's
    # values() (the step history's title is translated) would reorder them.
    rows = getattr(rows, "raw_values", rows.values)(*_CHANGE_COLUMNS, *city_columns)
    if not connection.features.supports_slicing_ordering_in_compound:
        return rows.order_by()  # SQLite: only the union as a whole is ordered and sliced
    return rows.order_by("-history_date", "-history_id")[:newest]


def _diffs(kind: str, history_ids: list[int]) -> dict[int, list[FieldChange]]:
    """What each of these records (history ids of changes) changed since the record before it
    (two queries)."""
    model, fields, _city = _CHANGE_SOURCES[kind]
    history = model.history.model
    before_each = history.objects.filter(
        id=OuterRef("id"), history_date__lt=OuterRef("history_date")
    ).order_by("-history_date", "-pk")
    changed = list(
        history.objects.filter(pk__in=history_ids).values(
            "history_id", *fields, previous_pk=Subquery(before_each.values("pk")[:1])
        )
    )
    previous = {
        row["history_id"]: SimpleNamespace(**row)
        for row in history.objects.filter(
            pk__in=[row["previous_pk"] for row in changed if row["previous_pk"]]
        ).values("history_id", *fields)
    }
    return {
        row["history_id"]: diff_fields(
            model, fields, previous[row["previous_pk"]], SimpleNamespace(**row), display=display
        )
        for row in changed
        if row["previous_pk"] in previous
    }


def _newest_rows(*, network: Network, offset: int, limit: int) -> list[dict]:
    """``limit`` rows of both kinds from ``offset``, newest first. Building the union cost the
    ORM more CPU than the rest of the page: its SQL is built once per process, language and
    page (``common.prepared``)."""

    def build(network: int):
        # Each kind's newest rows first, so that the database reads no more of either table.
        parts = [
            _change_rows(kind, network=network, newest=offset + limit) for kind in _CHANGE_SOURCES
        ]
        newest = parts[0].union(*parts[1:], all=True).order_by("-history_date", "-history_id")
        return newest[offset : offset + limit]

    key = ("workspace.changes", get_language(), offset, limit)
    return prepared_rows(key, build, {"network": network.pk})


def network_changes(
    *, network: Network, offset: int = 0, limit: int = 25
) -> tuple[list[RecentChange], bool]:
    """Changes to the network's steps and deliverables, newest first: ``limit`` of them from
    ``offset``, and whether older ones exist.

    One query reads the page's records of both kinds together, on the history tables' date
    indexes; two more per kind with edits on the page read the fields of the edited records and
    of the records before them, for the list of what changed. Values, not instances: only
    what the list shows, and no model instance for each record, person, transfer and city.
    """
    rows = _newest_rows(network=network, offset=offset, limit=limit + 1)
    has_older = len(rows) > limit
    rows = rows[:limit]
    edits: dict[str, list[int]] = {kind: [] for kind in _CHANGE_SOURCES}
    for row in rows:
        if row["history_type"] == "~":
            edits[row["source"]].append(row["history_id"])
    diffs = {kind: _diffs(kind, ids) for kind, ids in edits.items() if ids}
    languages = list(resolution_order(get_language()))
    kinds = dict(Deliverable.Kind.choices)
    words = ListWords()
    moment_format, the_system = get_format("DATETIME_FORMAT"), _("the system")
    changes = []
    for row in rows:
        who = None
        if row["history_user_id"]:
            who = row["user_name"] or row["user_email"]
        when = row["history_date"].astimezone(words.timezone)
        changes.append(
            RecentChange(
                when=row["history_date"],
                # As the template's ``|date`` filters would write them, once per row (the
                # ISO moment by strftime: the same text as "Y-m-d\\TH:i:sO", at a tenth of
                # the cost).
                when_iso=when.strftime("%Y-%m-%dT%H:%M:%S%z"),
                when_text=dateformat.format(when, moment_format),
                who_display=who or the_system,
                kind=row["history_type"],
                obj_type=row["source"],
                obj_id=row["id"],
                url=words.link(_DETAIL_VIEWS[row["source"]], row["id"]),
                title=str(row["title_shown"] or kinds.get(row["kind_shown"], "")),
                city_name=shown_in(row, "city", languages)[0] or None,
                changes=diffs.get(row["source"], {}).get(row["history_id"], []),
            )
        )
    return changes, has_older
