"""Reads that span apps: the progress matrix and the site search."""

import re
import unicodedata
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db import connection
from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    TextField,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Lower, NullIf, Replace
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order

from cities.models import City, Network
from cities.selectors import partner_cities
from meetings.models import Meeting
from meetings.selectors import public_meetings
from news.models import Article
from outputs.models import PublishedOutput
from outputs.selectors import published_outputs
from practices.models import Practice, Transfer
from practices.progress import add_up_tallies, tally_fields, tally_sums
from practices.selectors import CITY_LIST_FIELDS, PRACTICE_LIST_FIELDS, attach_progress

from .languages import shown_in

# --- Progress ----------------------------------------------------------------------------------


@dataclass
class ProgressRow:
    city: City
    cells: list  # one Transfer (or None) per practice, in the order of ProgressMatrix.practices


@dataclass
class ProgressMatrix:
    network: Network | None
    practices: list[Practice] = field(default_factory=list)
    rows: list[ProgressRow] = field(default_factory=list)
    transfers: list = field(default_factory=list)
    total: SimpleNamespace | None = None


def network_progress(*, network: Network) -> SimpleNamespace:
    """The whole network's progress (the average of every step of every transfer) and its
    number of partner cities, in one query."""
    total = SimpleNamespace(
        **City.objects.filter(network=network).aggregate(
            city_count=Count("pk", distinct=True), **tally_sums("transfers")
        )
    )
    attach_progress(total)
    return total


def cities_with_transfers(*, network: Network | None) -> QuerySet[City]:
    """The rows of the progress matrix, for paging (``progress_matrix`` adds their progress)."""
    if network is None:
        return City.objects.none()
    return (
        partner_cities(network=network)
        .only(*CITY_LIST_FIELDS)
        .filter(Exists(Transfer.objects.filter(city=OuterRef("pk"))))
    )


def progress_matrix(*, network: Network | None, cities: list[City] | None = None) -> ProgressMatrix:
    """Cities × practices, each cell a transfer's progress overall and per phase.

    ``cities`` are the rows (one page of them); by default every partner. Their progress is
    added up from the transfers the matrix loads anyway.
    """
    if network is None:
        return ProgressMatrix(network=None)
    if cities is None:
        cities = list(cities_with_transfers(network=network))
    practices = list(
        Practice.objects.filter(network=network)
        .only(*PRACTICE_LIST_FIELDS)
        .annotate(**tally_sums("transfers"))
        .order_by("order", "slug")
    )
    for practice in practices:
        attach_progress(practice)
    cities_by_pk = {city.pk: city for city in cities}
    practices_by_pk = {practice.pk: practice for practice in practices}
    by_key = {}
    # Cells as plain records: a table page holds up to a few hundred, and the rows and columns
    # they point to are loaded already.
    tallies = Transfer.objects.filter(city__in=list(cities_by_pk)).values(
        "city_id", "practice_id", *tally_fields()
    )
    for record in tallies:
        cell = SimpleNamespace(
            **record,
            city=cities_by_pk[record["city_id"]],
            practice=practices_by_pk[record["practice_id"]],
        )
        attach_progress(cell)
        by_key[(cell.city_id, cell.practice_id)] = cell
    transfers = []
    for city in cities:
        row = [by_key[key] for key in ((city.pk, p.pk) for p in practices) if key in by_key]
        add_up_tallies(city, row)
        attach_progress(city)
        transfers += row
    rows = [
        ProgressRow(city, [by_key.get((city.pk, practice.pk)) for practice in practices])
        for city in cities
        if any((city.pk, practice.pk) in by_key for practice in practices)
    ]
    return ProgressMatrix(
        network=network,
        practices=practices,
        rows=rows,
        transfers=transfers,
        # Every transfer has a practice of the network: their tallies add up to the network's.
        total=_added_up(practices),
    )


def _added_up(objects: list) -> SimpleNamespace:
    total = SimpleNamespace()
    add_up_tallies(total, objects)
    attach_progress(total)
    return total


def progress_records(matrix: ProgressMatrix) -> list[dict]:
    """The matrix as flat records for the open-data downloads (stable keys, slugs as ids)."""
    records = []
    for transfer in matrix.transfers:
        record = {
            "city": transfer.city.slug,
            "city_name": transfer.city.name,
            "country": str(transfer.city.country),
            "practice": transfer.practice.slug,
            "practice_title": transfer.practice.title,
            "steps": transfer.step_count,
            "progress": transfer.overall,
        }
        for phase in transfer.phases:
            record[f"progress_{phase.phase}"] = phase.value
        records.append(record)
    return records


# --- Search ------------------------------------------------------------------------------------

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
RESULTS_PER_KIND = 20


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


def normalise(text: str) -> str:
    """Lower case, no accents or diacritics, and one sigma: how both sides are compared."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", stripped).lower().replace("ς", "σ")


def search_terms(query: str) -> list[str]:
    return re.findall(r"[^\W_]+", normalise(query[:MAX_QUERY_LENGTH]))[:MAX_TERMS]


def _searchable(*, network: Network | None) -> dict:
    return {
        Article: Article.objects.published(),
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


def search_document(kind: SearchKind, language: str, *, model=None):
    """The text a visitor of ``language`` reads, as a weighted search vector.

    Same normalisation as normalise(): lower case, unaccent (from the migration portal 0002),
    and the final sigma folded into σ so capitals match. Stored per language on every save
    (portal.search_index), so a search reads ready vectors through a GIN index.
    """
    from django.contrib.postgres.lookups import Unaccent
    from django.contrib.postgres.search import SearchVector

    vector = None
    for field_name, weight in kind.fields:
        text = Replace(
            Unaccent(Lower(_shown(field_name, language, model))),
            Value("ς"),
            Value("σ"),
            output_field=TextField(),
        )
        part = SearchVector(text, config="simple", weight=weight)
        vector = part if vector is None else vector + part
    return vector


def _postgres_hits(queryset: QuerySet, kind: SearchKind, terms: list[str], language: str):
    languages = list(resolution_order(language))
    from django.contrib.postgres.search import SearchQuery, SearchRank

    from .search_index import document_column, stores_documents

    # Prefix matching copes with Greek inflection (ασφάλεια finds ασφάλειας) without a stemmer.
    query = SearchQuery(
        " & ".join(f"{term}:*" for term in terms), search_type="raw", config="simple"
    )
    if stores_documents(queryset.model):
        document = F(document_column(language))
    else:
        queryset = queryset.annotate(search_document=search_document(kind, language))
        document = F("search_document")
    # Rows as values (no model instances), only the shown columns; select_related(None) drops
    # the joins the public querysets make for their own pages (a meeting's host city).
    return (
        queryset.select_related(None)
        .filter(**{document.name: query})
        .annotate(search_rank=SearchRank(document, query))
        .order_by("-search_rank")
        .values(*_columns(kind, languages), "search_rank")[:RESULTS_PER_KIND]
    )


def _simple_hits(queryset: QuerySet, kind: SearchKind, terms: list[str], language: str):
    """The embedded SQLite default: every term appears in some field as shown.

    SQLite ignores case for ASCII letters only, so each term is also tried in lower case,
    capitalised and in capitals; accents must match.
    """
    languages = list(resolution_order(language))
    annotated = queryset.select_related(None).annotate(
        **{f"shown_{name}": _shown(name, language) for name, _weight in kind.fields}
    )
    for term in terms:
        matches = Q()
        for variant in {term, term.lower(), term.capitalize(), term.upper()}:
            for name, _weight in kind.fields:
                matches |= Q(**{f"shown_{name}__contains": variant})
        annotated = annotated.filter(matches)
    shown = f"shown_{kind.fields[0][0]}"
    return annotated.values(*_columns(kind, languages), shown)[:RESULTS_PER_KIND]


def search(*, query: str, network: Network | None) -> list[SearchHit]:
    """Public news, practices, cities and meetings matching every term, best first."""
    on_postgres = connection.vendor == "postgresql"
    if on_postgres:
        terms = search_terms(query)
    else:
        terms = re.findall(r"[^\W_]+", query[:MAX_QUERY_LENGTH])[:MAX_TERMS]
    if not terms:
        return []
    language = get_language()
    languages = list(resolution_order(language))
    hits: list[SearchHit] = []
    for model, queryset in _searchable(network=network).items():
        kind = KINDS[model]
        url = _detail_url(kind.url_name)
        if on_postgres:
            for row in _postgres_hits(queryset, kind, terms, language):
                hits.append(_hit(kind, row, row["search_rank"], url, languages))
        else:
            for row in _simple_hits(queryset, kind, terms, language):
                title = row[f"shown_{kind.fields[0][0]}"].lower()
                rank = 1.0 + sum(term.lower() in title for term in terms)
                hits.append(_hit(kind, row, rank, url, languages))
    return sorted(hits, key=lambda hit: hit.rank, reverse=True)
