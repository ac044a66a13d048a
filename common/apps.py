from django.apps import AppConfig


class CommonConfig(AppConfig):
    """Helpers every app uses (language addresses, paging, the current network of a request,
    select widgets and template tags). Imports no domain app, so every app may import it."""

    name = "common"
    verbose_name = "Common"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from .search import register_sqlite_fold

        connection_created.connect(register_sqlite_fold, dispatch_uid="common.search.fold")
