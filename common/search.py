"""The site search's stored documents: a search vector per interface language on a row, and the
names of their columns.

Each language has its own document because a visitor reads each field in their language or,
where nobody wrote it, in its fallback; ``portal.search_index`` keeps them current. Adding an
interface language to ``settings.LANGUAGES`` adds its column and index here (and a migration).
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models

from .languages import localized_fields


def document_columns(prefix: str = "") -> list[str]:
    """The documents' columns, for ``defer()`` (``prefix``: a relation path and "__"): only the
    search reads them, and they are the widest columns of their rows."""
    return localized_fields(f"{prefix}search")


def document_indexes() -> list[GinIndex]:
    """One GIN index per document, named ``<model>_search_<lang>`` (for a model's Meta)."""
    return [
        GinIndex(fields=[column], name=f"%(class)s_{column}")
        for column in localized_fields("search")
    ]


SearchDocuments = type(
    "SearchDocuments",
    (models.Model,),
    {
        "__module__": __name__,
        "__doc__": "An abstract model with a ``search_<lang>`` column per interface language.",
        **{
            column: SearchVectorField(null=True, editable=False)
            for column in localized_fields("search")
        },
        "Meta": type("Meta", (), {"abstract": True}),
    },
)
