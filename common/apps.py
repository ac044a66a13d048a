from django.apps import AppConfig


class CommonConfig(AppConfig):
    """Helpers every app uses (language addresses, paging, the current network of a request,
    select widgets and template tags). Imports no domain app, so every app may import it."""

    name = "common"
    verbose_name = "Common"
