from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    """Several networks in one portal: the directory of networks and the copy of a network's
    structure into the next one. On top, like the portal: it may read every domain app."""

    name = "networks"
    verbose_name = _("Networks")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (a new transfer gets the standard steps)
