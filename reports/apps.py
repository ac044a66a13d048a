from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Progress reports")

    def ready(self) -> None:
        from notifications.registry import register_job

        from . import reminders

        register_job("report reminders", reminders.queue_report_reminders)
