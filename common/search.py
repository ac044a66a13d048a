"""The site search's stored documents: a search vector per interface language on a row, and the
names of their columns.

Each language has its own document because a visitor reads each field in their language or,
where nobody wrote it, in its fallback; ``portal.search_index`` keeps them current. Adding an
interface language to ``settings.LANGUAGES`` adds its column and index here (and a migration).
"""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models


def document_columns(prefix: str = "") -> list[str]:
    """The documents' columns, for ``defer()`` (``prefix``: a relation path and "__"): only the
    search reads them, and they are the widest columns of their rows."""
    return [f"{prefix}search_{code}" for code, _name in settings.LANGUAGES]


def document_indexes() -> list[GinIndex]:
    """One GIN index per document, named ``<model>_search_<lang>`` (for a model's Meta)."""
    return [
        GinIndex(fields=[f"search_{code}"], name=f"%(class)s_search_{code}")
        for code, _name in settings.LANGUAGES
    ]


SearchDocuments = type(
    "SearchDocuments",
    (models.Model,),
    {
        "__module__": __name__,
        "__doc__": "An abstract model with a ``search_<lang>`` column per interface language.",
        **{
            f"search_{code}": SearchVectorField(null=True, editable=False)
            for code, _name in settings.LANGUAGES
        },
        "Meta": type("Meta", (), {"abstract": True}),
    },
)
