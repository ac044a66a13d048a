from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from archive import opendata_views
from portal import views as portal_views

admin.site.site_header = _("CITISENSE administration")
admin.site.site_title = _("CITISENSE")
admin.site.index_title = _("Network management")

urlpatterns = [
    path("admin/", include("operations.admin_urls")),  # login via allauth + MFA, private files
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", portal_views.root, name="root"),
    path("sitemap.xml", portal_views.sitemap_xml, name="sitemap"),
    path("robots.txt", portal_views.robots_txt, name="robots_txt"),
    # The DCAT-AP catalogue of the open data: one stable address, every language inside.
    path("catalogue.jsonld", opendata_views.catalogue, name="opendata_catalogue"),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("news/", include("news.urls")),
    path("practices/", include("practices.urls")),
    path("cities/", include("portal.city_urls")),
    path("about/", include("portal.about_urls")),
    path("workspace/indicators/", include("indicators.workspace_urls")),
    path("workspace/outputs/", include("outputs.workspace_urls")),
    path("meetings/", include("meetings.urls")),
    path("", include("registrations.urls")),
    path("privacy/", include("privacy.urls")),
    path("account/notifications/", include("notifications.urls")),
    path("workspace/meetings/", include("meetings.workspace_urls")),
    path("workspace/ulg/", include("ulg.urls")),
    path("workspace/registrations/", include("registrations.organiser_urls")),
    path("workspace/reports/", include("reports.urls")),
    path("workspace/closure/", include("archive.urls")),
    path("workspace/", include("workspace.urls")),
    path("results/", include("indicators.urls")),
    path("open-data/", include("archive.opendata_urls")),
    path("networks/", include("networks.urls")),
    path("", include("outputs.urls")),
    path("", include("portal.urls")),
)

if apps.is_installed("bench"):
    # `make bench` only (BENCH_FLOOR_VIEW): the benchmark's constant floor page.
    urlpatterns.insert(0, path("bench/", include("bench.urls")))

handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
