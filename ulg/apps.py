from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UlgConfig(AppConfig):
    name = "ulg"
    verbose_name = _("URBACT Local Groups")

    def ready(self) -> None:
        from . import privacy  # noqa: F401  (registers the contact persons' export section)
