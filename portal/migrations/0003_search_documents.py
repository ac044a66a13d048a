from django.db import migrations


def fill_documents(apps, schema_editor):
    from portal.search_index import refresh_documents

    for label in ("news.Article", "practices.Practice", "meetings.Meeting", "cities.City"):
        refresh_documents(apps.get_model(label), using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    """Stores the search documents of the rows that exist already. No-op on SQLite."""

    dependencies = [
        ("portal", "0002_unaccent"),
        ("news", "0002_search_and_list_indexes"),
        ("meetings", "0003_search_and_list_indexes"),
        ("cities", "0003_search_and_list_indexes"),
        ("practices", "0003_progress_tallies_search_and_list_indexes"),
    ]

    operations = [migrations.RunPython(fill_documents, migrations.RunPython.noop)]
