from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        # The outbox queues its task by name: importing the tasks registers them in every
        # process (web and tests too), not only in a worker that discovered them.
        from . import tasks  # noqa: F401
