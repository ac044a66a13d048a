from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from notifications import registry

        from . import reminders

        registry.register_job("meeting reminders", reminders.queue_meeting_reminders)
        registry.register_feed_source("meetings", reminders.feed_events)
        # Every invitee may get meeting reminders.
        registry.register_choice("meeting_reminders", concerns=lambda user: True)
