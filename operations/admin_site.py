"""The portal's admin site: Django's, with the "recent actions" of the index read through the
admin log's own scope (``LogEntryAdmin``), so that lead staff never see another network's
objects there either."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class PortalAdminSite(admin.AdminSite):
    def get_log_entries(self, request):
        from django.contrib.admin.models import LogEntry  # this module loads before the models

        entries = super().get_log_entries(request)
        log_admin = self._registry.get(LogEntry)
        if log_admin is None:
            return entries
        return entries.filter(pk__in=log_admin.get_queryset(request).values("pk"))


class PortalAdminConfig(AdminConfig):
    """In ``INSTALLED_APPS`` in place of ``django.contrib.admin``."""

    default_site = "operations.admin_site.PortalAdminSite"
