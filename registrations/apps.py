from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def _settings_changed(sender, **kwargs) -> None:
    from caching.versioning import bump_content_version

    bump_content_version()


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = _("Meeting registrations")

    def ready(self) -> None:
        # The public meeting page (page-cached) says whether registration is open; a save of the
        # settings, from the workspace or the admin, must show at once. Registrations themselves
        # do not: the form page, never cached, counts the places.
        from .models import RegistrationSettings

        for signal in (post_save, post_delete):
            signal.connect(
                _settings_changed,
                sender=RegistrationSettings,
                weak=False,
                dispatch_uid=f"registrations-settings-{signal is post_save}",
            )
