"""The site search's stored documents: a search vector per interface language on a row, and the
names of their columns.

Each language has its own document because a visitor reads each field in their language or,
where nobody wrote it, in its fallback; ``portal.search_index`` keeps them current. Adding an
interface language to ``settings.LANGUAGES`` adds its column and index here (and a migration).

Beside each document, its head (``search_head_<lang>``): the same vector restricted to the
fields weighted A and B (titles, summaries). A search matches every term against the whole
document through its GIN index but ranks by the head: ranking by the whole document read and
decompressed each matching row's document, most of them out of the row once eight languages'
documents no longer fit in it (1,731 articles matching "λιμάνι" at twenty times the network's
size: 7,000 pages and 20–40 ms, against 1,860 pages and under 10 ms by the heads).
"""

import unicodedata

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Func, TextField, Value
from django.db.models.functions import Lower, Replace

from .languages import localized_fields

#: The SQL function that runs ``normalise`` on SQLite (registered on every connection).
SQLITE_FOLD = "citisense_fold"


def normalise(text: str) -> str:
    """Lower case, no accents or diacritics, and one sigma: how a search compares both sides
    ("ΑΣΦΑΛΕΙΑ", "ασφαλεια" and "ασφάλεια" all read "ασφαλεια"; "Āra" and "ára" read "ara")."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", stripped).lower().replace("ς", "σ")


def _fold_or_none(text):
    return None if text is None else normalise(str(text))


class Folded(Func):
    """``normalise()`` of a text column in SQL, the same on both databases: PostgreSQL's
    ``unaccent`` (migration portal 0002) of its lower case with the final sigma folded, and on
    SQLite ``normalise`` itself, registered on each connection by ``register_sqlite_fold``."""

    function = SQLITE_FOLD
    arity = 1
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        from django.contrib.postgres.lookups import Unaccent

        (text,) = self.get_source_expressions()
        folded = Replace(Unaccent(Lower(text)), Value("ς"), Value("σ"), output_field=TextField())
        return compiler.compile(folded)


def register_sqlite_fold(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: gives SQLite connections the ``Folded`` function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FOLD, 1, _fold_or_none, deterministic=True)


#: The translated names of the documents and of their heads (columns ``<name>_<lang>``).
DOCUMENT = "search"
HEAD = "search_head"


def document_columns(prefix: str = "") -> list[str]:
    """The documents' and heads' columns, for ``defer()`` (``prefix``: a relation path and
    "__"): only the search reads them, and the documents are the widest columns of their rows."""
    return localized_fields(f"{prefix}{DOCUMENT}") + localized_fields(f"{prefix}{HEAD}")


def document_indexes() -> list[GinIndex]:
    """One GIN index per document, named ``<model>_search_<lang>`` (for a model's Meta); the
    heads are only ranked, never matched, and need none."""
    return [
        GinIndex(fields=[column], name=f"%(class)s_{column}")
        for column in localized_fields(DOCUMENT)
    ]


SearchDocuments = type(
    "SearchDocuments",
    (models.Model,),
    {
        "__module__": __name__,
        "__doc__": (
            "An abstract model with a ``search_<lang>`` and a ``search_head_<lang>`` column per"
            " interface language."
        ),
        **{
            column: SearchVectorField(null=True, editable=False)
            for column in localized_fields(DOCUMENT) + localized_fields(HEAD)
        },
        "Meta": type("Meta", (), {"abstract": True}),
    },
)
