from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UlgConfig(AppConfig):
    name = "ulg"
    verbose_name = _("URBACT Local Groups")

    def ready(self) -> None:
        from notifications.registry import register_job
        from practices.digests import CityItems, register_city_items

        from . import (
            privacy,  # noqa: F401  (registers the contact persons' export section)
            reminders,
        )

        register_job("close-out reminders", reminders.queue_closeout_reminders)
        register_city_items(
            CityItems(
                fetch=reminders.open_actions,
                rows=reminders.action_rows,
                template="ulg/email/digest_actions",
            )
        )
