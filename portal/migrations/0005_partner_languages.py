from django.db import migrations

SEARCHABLE = ("news.Article", "practices.Practice", "cities.City", "meetings.Meeting")
# The documents added with the partner cities' languages.
LANGUAGES = ("it", "lv", "hu", "nl", "es", "ca")


def keep_in_row(apps, schema_editor):
    """The new documents stay in their rows like the first two (see 0004), then are filled."""
    if schema_editor.connection.vendor != "postgresql":
        return
    from portal.search_index import refresh_documents

    quote = schema_editor.quote_name
    for label in SEARCHABLE:
        model = apps.get_model(label)
        columns = ", ".join(
            f"ALTER COLUMN {quote(f'search_{code}')} SET STORAGE MAIN" for code in LANGUAGES
        )
        schema_editor.execute(f"ALTER TABLE {quote(model._meta.db_table)} {columns}")
        refresh_documents(model, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    """Search documents for the partner cities' languages. No-op on SQLite."""

    dependencies = [
        ("portal", "0004_search_documents_in_row"),
        ("news", "0004_partner_languages"),
        ("meetings", "0005_partner_languages"),
        ("cities", "0006_partner_languages"),
        ("practices", "0005_partner_languages"),
    ]

    operations = [migrations.RunPython(keep_in_row, migrations.RunPython.noop)]
