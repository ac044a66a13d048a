from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Practices")

    def ready(self) -> None:
        from cities.models import Membership
        from notifications import registry

        from . import digests, history, progress

        progress.connect()
        assert history.keep_the_network  # its receiver: a step's record keeps its network
        registry.register_job("daily digests", digests.queue_daily_digests)
        registry.register_job("weekly digests", digests.queue_weekly_digests)
        registry.register_feed_source("due dates", digests.feed_events)
        registry.register_choice(
            "daily_digest",
            concerns=lambda user: Membership.objects.filter(
                user=user, role__in=Membership.COORDINATOR_ROLES
            ).exists(),
        )
        registry.register_choice(
            "weekly_digest",
            concerns=lambda user: Membership.objects.filter(
                user=user, role=Membership.Role.LEAD_STAFF
            ).exists(),
        )
