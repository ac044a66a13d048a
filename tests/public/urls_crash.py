"""The project's URLs plus a page that fails, to see the 500 page as a visitor would."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from citisense.urls import handler404, handler500, urlpatterns  # noqa: F401


def crash(request):
    raise RuntimeError("a bug")


urlpatterns = [*urlpatterns, *i18n_patterns(path("crash/", crash))]
