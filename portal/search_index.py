"""The site search's stored documents: one search vector per language on each searchable row.

Computing the vectors at query time reads every article's body in both languages: most of a
second at twenty times the network's size. They are computed when a row is saved instead, in
SQL with the very expression the search used to evaluate, and searched through a GIN index.
"""

from django.db import connections
from django.db.models.signals import post_save
from modeltranslation.utils import build_localized_fieldname

from common.languages import language_codes
from common.search import DOCUMENT, HEAD

from .search import KINDS, search_document, stores_documents

#: Apps and models whose rows are searchable; portal.search.KINDS says which fields count.
SEARCHABLE = ("news.Article", "practices.Practice", "cities.City", "meetings.Meeting")


def indexed_models():
    from django.apps import apps

    return [model for model in map(apps.get_model, SEARCHABLE) if stores_documents(model)]


def _columns_of(model) -> list[tuple[str, str, bool]]:
    """``(column, language, head?)`` of each document and head ``model`` stores (a migration's
    historical model may predate some languages, or the heads)."""
    names = {field.name for field in model._meta.fields}
    columns = [
        (build_localized_fieldname(name, code), code, name == HEAD)
        for code in language_codes()
        for name in (DOCUMENT, HEAD)
    ]
    return [column for column in columns if column[0] in names]


def refresh_documents(model, pks=None, *, using: str = "default") -> int:
    """Recompute the stored documents of ``model``'s rows (all, or the ``pks``)."""
    if connections[using].vendor != "postgresql":
        return 0  # the embedded SQLite default searches without stored documents
    label = model._meta.label
    kind = next(kind for candidate, kind in KINDS.items() if candidate._meta.label == label)
    rows = model._base_manager.using(using)
    if pks is not None:
        rows = rows.filter(pk__in=pks)
    return rows.update(
        **{
            column: search_document(kind, code, model=model, head=head)
            for column, code, head in _columns_of(model)
        }
    )


def _saved(sender, instance, raw=False, **kwargs) -> None:
    # update() sends no signal, so refreshing from post_save cannot loop.
    refresh_documents(sender, [instance.pk], using=kwargs.get("using") or "default")


def connect() -> None:
    for model in indexed_models():
        uid = f"search:{model._meta.label}"
        post_save.connect(_saved, sender=model, weak=False, dispatch_uid=uid)
