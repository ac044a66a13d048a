"""The site search: news, practices, cities, meetings and published outputs matching every
term, best first.

On PostgreSQL it reads stored, GIN-indexed documents (``search_index.py`` keeps them current);
on the embedded SQLite default it falls back to ``contains`` matches. Both compare texts folded
the same way (``common.search.normalise``: no case, no accents, one sigma).
"""

import re
import zoneinfo
from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace
from typing import TypedDict

from django.conf import settings
from django.db import connection
from django.db.models import CharField, F, Q, QuerySet, TextField, Value
from django.db.models.functions import Cast, Coalesce, NullIf
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order

from cities.models import City, Network
from cities.selectors import partner_cities
from common.dates import DayTexts
from common.languages import language_codes, shown_in
from common.prepared import prepared_rows
from common.search import DOCUMENT, HEAD, Folded, normalise
from meetings.formatting import VenueTimes
from meetings.models import Meeting
from meetings.selectors import public_meetings
from news.models import Article
from outputs.models import PublishedOutput
from outputs.selectors import published_outputs
from practices.models import Practice


def document_column(language: str, name: str = DOCUMENT) -> str:
    """The column of ``language``'s document (``name``: ``common.search.HEAD`` for its head)."""
    code = language if language in language_codes() else settings.LANGUAGE_CODE
    return build_localized_fieldname(name, code)


def stores_documents(model) -> bool:
    """Whether ``model`` keeps its documents (a ``search_<lang>`` column per language)."""
    names = {field.name for field in model._meta.fields}
    return {document_column(code) for code in language_codes()} <= names


# --- Search ------------------------------------------------------------------------------------

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
RESULTS_PER_KIND = 20


#: The weights of the fields a hit is ranked by (a document's head, ``common.search``).
HEAD_WEIGHTS = "AB"


@dataclass(frozen=True)
class SearchKind:
    key: str
    label: str
    fields: tuple[tuple[str, str], ...]  # (translated field, weight A–D)
    url_name: str
    # What a hit shows: translated fields (the first is its title) and untranslated ones. Only
    # these columns are read: the documents and the long texts (bodies, descriptions, agendas)
    # in both languages would be most of each row.
    shows: tuple[str, ...]
    also: tuple[str, ...] = ()


KINDS = {
    Article: SearchKind(
        "article",
        _("News"),
        (("title", "A"), ("summary", "B"), ("body", "C")),
        "news:detail",
        ("title", "summary"),
        ("published_at",),
    ),
    Practice: SearchKind(
        "practice",
        _("Practice"),
        (("title", "A"), ("summary", "B"), ("description", "C")),
        "practices:detail",
        ("title", "summary"),
    ),
    City: SearchKind(
        "city",
        _("City"),
        (("name", "A"), ("description", "B"), ("ulg_description", "C")),
        "cities:detail",
        ("name",),
        ("country", "role"),
    ),
    Meeting: SearchKind(
        "meeting",
        _("Meeting"),
        (("title", "A"), ("venue", "B"), ("agenda", "C"), ("minutes_summary", "C")),
        "meetings:detail",
        ("title",),
        ("start", "end", "timezone", "date_precision"),
    ),
    PublishedOutput: SearchKind(
        "output",
        _("Published output"),
        (("title", "A"), ("summary", "B")),
        "outputs:download",
        ("title", "summary"),
    ),
}


@dataclass(frozen=True)
class Shown:
    """A translated value as the visitor reads it, and its language (a fallback's when the
    visitor's own is empty), as modeltranslation would show it."""

    text: str
    lang: str


@dataclass(frozen=True)
class SearchHit:
    kind: SearchKind
    rank: float
    url: str
    shown: dict[str, Shown]  # the kind's translated ``shows``
    row: dict  # its untranslated ``also`` columns, as read

    @property
    def title(self) -> Shown:
        return self.shown[self.kind.shows[0]]


def _detail_url(url_name: str):
    """``slug -> address`` of a detail page, reversed once rather than once per hit."""
    marker = "0"
    head, tail = reverse(url_name, args=[marker]).rsplit(marker, 1)
    return lambda slug: f"{head}{slug}{tail}"  # slugs are ASCII letters, digits, - and _


def _columns(kind: SearchKind, languages: list[str]) -> list[str]:
    """The columns a hit shows: its translated ones in the page's language and fallbacks only,
    however many languages the site has."""
    translated = [
        build_localized_fieldname(name, code) for name in kind.shows for code in languages
    ]
    return ["slug", *translated, *kind.also]


def _hit(kind: SearchKind, row: dict, rank: float, url, languages: list[str]) -> SearchHit:
    shown = {name: Shown(*shown_in(row, name, languages)) for name in kind.shows}
    return SearchHit(kind, rank, url(row["slug"]), shown, {name: row[name] for name in kind.also})


def search_terms(query: str) -> list[str]:
    return re.findall(r"[^\W_]+", normalise(query[:MAX_QUERY_LENGTH]))[:MAX_TERMS]


def _searchable(*, network: Network | int | None, now: datetime | None = None) -> dict:
    return {
        Article: Article.objects.of(network).published(now),
        Practice: Practice.objects.filter(network=network) if network else Practice.objects.none(),
        City: partner_cities(network=network) if network else City.objects.none(),
        Meeting: public_meetings(network=network),
        # Outputs are addressed by id: it stands in for the slug the other kinds link by.
        PublishedOutput: published_outputs(network=network).annotate(
            slug=Cast("pk", output_field=CharField())
        ),
    }


def _shown(field_name: str, language: str, model=None):
    """The column a visitor reads: this language's, or the fallback's when it is empty.

    ``model``: a migration's historical model, whose columns may predate some languages.
    """
    names = {field.name for field in model._meta.fields} if model is not None else None
    columns = [
        NullIf(build_localized_fieldname(field_name, lang), Value(""), output_field=TextField())
        for lang in resolution_order(language)
        if names is None or build_localized_fieldname(field_name, lang) in names
    ]
    return Coalesce(*columns, Value(""), output_field=TextField())


def search_document(kind: SearchKind, language: str, *, model=None, head: bool = False):
    """The text a visitor of ``language`` reads, as a weighted search vector; with ``head``,
    only its fields weighted A or B (what a hit is ranked by), at the same positions.

    Folded as normalise() folds the terms (``common.search.Folded``). Stored per language on
    every save (portal.search_index), so a search reads ready vectors through a GIN index.
    """
    from django.contrib.postgres.search import SearchVector

    vector = None
    for field_name, weight in kind.fields:
        if head and weight not in HEAD_WEIGHTS:
            continue
        text = Folded(_shown(field_name, language, model))
        part = SearchVector(text, config="simple", weight=weight)
        vector = part if vector is None else vector + part
    return vector


def _tsqueries(terms: list[str]) -> dict[str, str]:
    """The terms as PostgreSQL text search queries: what must match, and what ranks.

    Prefix matching copes with Greek inflection (ασφάλεια finds ασφάλειας) without a stemmer.
    Every term must appear somewhere in the document; a hit ranks by its head (title and
    summary), where any of the terms counts: the more of them, and the more weight, the better,
    so a title holding one of two terms ranks above a hit holding both only in its body."""
    return {
        "match": " & ".join(f"{term}:*" for term in terms),
        "rank": " | ".join(f"{term}:*" for term in terms),
    }


def _postgres_hits(queryset: QuerySet, kind: SearchKind, tsqueries: dict, language: str):
    languages = list(resolution_order(language))
    from django.contrib.postgres.search import SearchQuery, SearchRank

    query = SearchQuery(tsqueries["match"], search_type="raw", config="simple")
    ranked_by = SearchQuery(tsqueries["rank"], search_type="raw", config="simple")
    if stores_documents(queryset.model):
        document = F(document_column(language))
        head = F(document_column(language, HEAD))
    else:
        queryset = queryset.annotate(search_document=search_document(kind, language))
        document = head = F("search_document")
    # Among equal ranks, the model's own order (news: newest first), so a page is stable.
    among_equals = queryset.model._meta.ordering
    # Rows as values (no model instances), only the shown columns; select_related(None) drops
    # the joins the public querysets make for their own pages (a meeting's host city).
    return (
        queryset.select_related(None)
        .filter(**{document.name: query})
        .annotate(search_rank=SearchRank(head, ranked_by))
        .order_by("-search_rank", *among_equals)
        .values(*_columns(kind, languages), "search_rank")[:RESULTS_PER_KIND]
    )


def _simple_hits(queryset: QuerySet, kind: SearchKind, terms: list[str], language: str):
    """The embedded SQLite default: every (folded) term appears in some field as shown, folded
    by the same ``normalise`` (registered on the connection as ``Folded``'s function)."""
    languages = list(resolution_order(language))
    annotated = queryset.select_related(None).annotate(
        **{f"shown_{name}": _shown(name, language) for name, _weight in kind.fields},
        **{f"folded_{name}": Folded(_shown(name, language)) for name, _weight in kind.fields},
    )
    for term in terms:
        matches = Q()
        for name, _weight in kind.fields:
            matches |= Q(**{f"folded_{name}__contains": term})
        annotated = annotated.filter(matches)
    shown = f"shown_{kind.fields[0][0]}"
    return annotated.values(*_columns(kind, languages), shown)[:RESULTS_PER_KIND]


def _postgres_rows(model, language: str, values: dict) -> list[dict]:
    """A kind's hits as rows; its SQL is built once per process and language (building and
    compiling the five querysets cost more CPU than the database's answers)."""

    def build(**values) -> QuerySet:
        queryset = _searchable(network=values["network"], now=values["now"])[model]
        return _postgres_hits(queryset, KINDS[model], values, language)

    return prepared_rows(("portal.search", model._meta.label, language), build, values)


def search(*, query: str, network: Network | None) -> list[SearchHit]:
    """Public news, practices, cities and meetings matching every term, best first."""
    terms = search_terms(query)
    if not terms:
        return []
    language = get_language()
    languages = list(resolution_order(language))
    hits: list[SearchHit] = []
    if connection.vendor == "postgresql":
        if network is None:
            return []  # every kind's queryset is empty without a network
        values = {"network": network.pk, "now": timezone.now(), **_tsqueries(terms)}
        for model, kind in KINDS.items():
            url = _detail_url(kind.url_name)
            for row in _postgres_rows(model, language, values):
                hits.append(_hit(kind, row, row["search_rank"], url, languages))
    else:
        for model, queryset in _searchable(network=network).items():
            kind = KINDS[model]
            url = _detail_url(kind.url_name)
            for row in _simple_hits(queryset, kind, terms, language):
                title = normalise(row[f"shown_{kind.fields[0][0]}"])
                rank = 1.0 + sum(term in title for term in terms)
                hits.append(_hit(kind, row, rank, url, languages))
    return sorted(hits, key=lambda hit: hit.rank, reverse=True)


class HitRow(TypedDict):
    """A hit as the search page shows it: every text ready, every fallback language named (a
    plain dict: the template reads it by key)."""

    kind_label: str
    url: str
    title: str
    title_lang: str  # the language of a fallback title, else ""
    summary: str
    summary_lang: str
    published_iso: str  # news, else ""
    published_text: str
    place: str  # cities: country · role, else ""
    when: dict | None  # meetings: meetings.formatting.VenueTimes' parts, else None


def hit_rows(hits: list[SearchHit]) -> list[HitRow]:
    """The hits as rows for the template; labels, days, times, countries and roles written
    once a page."""
    active = get_language()
    here = timezone.get_current_timezone()
    labels = {kind.key: str(kind.label) for kind in KINDS.values()}
    roles = {value: str(label) for value, label in City.Role.choices}
    places: dict[tuple, str] = {}
    days = DayTexts()
    venue_times = VenueTimes()
    rows = []
    for hit in hits:
        title = hit.title
        summary = hit.shown.get("summary")
        published_iso = published_text = place = ""
        when = None
        row = hit.row
        if hit.kind.key == "article":
            published = row["published_at"].astimezone(here)  # timezone.localtime()
            published_iso = published.isoformat(timespec="seconds")
            published_text = days(published.date(), "DATE_FORMAT")
        elif hit.kind.key == "city":
            key = (row["country"], row["role"])
            place = places.get(key)
            if place is None:
                place = places[key] = f"{countries.name(key[0])} · {roles.get(key[1], '')}"
        elif hit.kind.key == "meeting":
            zone = zoneinfo.ZoneInfo(row["timezone"])
            meeting = SimpleNamespace(
                local_start=row["start"].astimezone(zone),
                local_end=row["end"].astimezone(zone),
                date_precision=row["date_precision"],
            )
            when = venue_times(meeting)
        rows.append(
            HitRow(
                kind_label=labels[hit.kind.key],
                url=hit.url,
                title=title.text,
                title_lang=title.lang if title.lang != active else "",
                summary=summary.text if summary is not None else "",
                summary_lang=summary.lang if summary is not None and summary.lang != active else "",
                published_iso=published_iso,
                published_text=published_text,
                place=place,
                when=when,
            )
        )
    return rows
