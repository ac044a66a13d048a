from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "operations"
    verbose_name = _("Operations and audit")

    def ready(self) -> None:
        from django.apps import apps
        from django.db.models.signals import pre_save

        from common.sanitize import RICH_TEXT_FIELDS, sanitize_rich_text

        from . import signals  # noqa: F401  (connects the audit receivers)

        for label in RICH_TEXT_FIELDS:
            pre_save.connect(
                sanitize_rich_text,
                sender=apps.get_model(label),
                dispatch_uid=f"sanitize_rich_text:{label}",
            )
