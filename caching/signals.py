"""Every save, delete or relation change of content makes the cached public pages stale.

Receivers are connected per model of the content apps (``PAGE_CACHE_CONTENT_APPS``), not to every
model: a global ``post_delete`` receiver would turn off Django's fast bulk delete project-wide.
``QuerySet.update()`` and ``bulk_create()`` send no signals; code that uses them on content calls
``caching.versioning.bump_content_version()`` itself.
"""

from django.apps import apps
from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save

from .versioning import bump_content_version

# A sign-in writes ``last_login``; no public page shows it, so it must not empty the cache.
IGNORED_USER_FIELDS = frozenset({"last_login", "password"})


def _content_saved(sender, instance=None, update_fields=None, **kwargs) -> None:
    if (
        update_fields
        and sender is apps.get_model(settings.AUTH_USER_MODEL)
        and set(update_fields) <= IGNORED_USER_FIELDS
    ):
        return
    bump_content_version()


def _content_changed(sender, **kwargs) -> None:
    bump_content_version()


def _relation_changed(sender, action=None, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        bump_content_version()


def connect_content_signals() -> None:
    for label in settings.PAGE_CACHE_CONTENT_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            uid = f"caching:{model._meta.label}"
            post_save.connect(_content_saved, sender=model, weak=False, dispatch_uid=uid)
            post_delete.connect(_content_changed, sender=model, weak=False, dispatch_uid=uid)
            if model._meta.auto_created:
                m2m_changed.connect(_relation_changed, sender=model, weak=False, dispatch_uid=uid)
