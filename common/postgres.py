"""Migration operations for what only PostgreSQL has; the embedded SQLite default skips them."""

from django.db import migrations


class AddIndexOnPostgres(migrations.AddIndex):
    """An index type SQLite lacks (GIN). The model state gains it everywhere, so
    ``makemigrations`` stays quiet; only PostgreSQL builds it."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
