"""``/sitemap.xml``: every public page, in each language, with its hreflang alternates."""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from cities.selectors import partner_cities
from common.requests import network_for
from common.sites import site_url
from meetings.selectors import public_meetings
from news.models import Article
from outputs.selectors import published_outputs
from practices.models import Practice


class _PublicSitemap(Sitemap):
    i18n = True
    alternates = True

    def __init__(self, request=None):
        self.request = request

    # Addresses come from SITE_URL, like feeds and emails, not from the request's Host header.
    def get_protocol(self, protocol=None):
        return urlsplit(site_url()).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(site_url()).netloc

    @property
    def network(self):
        return network_for(self.request)


class PagesSitemap(_PublicSitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "portal:home",
            "news:list",
            "practices:list",
            "cities:list",
            "meetings:list",
            "portal:progress",
            "network:about",
            "outputs:list",
            "outputs:results",
            "opendata:dictionary",
        ]

    def location(self, item):
        return reverse(item)


class ArticleSitemap(_PublicSitemap):
    def items(self):
        return Article.objects.of(self.network).published().order_by("-published_at", "-id")

    def location(self, item):
        return reverse("news:detail", args=[item.slug])

    def lastmod(self, item):
        return item.updated_at


class PracticeSitemap(_PublicSitemap):
    def items(self):
        network = self.network
        return Practice.objects.filter(network=network) if network else Practice.objects.none()

    def location(self, item):
        return reverse("practices:detail", args=[item.slug])


class CitySitemap(_PublicSitemap):
    def items(self):
        network = self.network
        return partner_cities(network=network) if network else []

    def location(self, item):
        return reverse("cities:detail", args=[item.slug])


class MeetingSitemap(_PublicSitemap):
    def items(self):
        return public_meetings(network=self.network).order_by("start")

    def location(self, item):
        return reverse("meetings:detail", args=[item.slug])

    def lastmod(self, item):
        return item.updated_at


class OutputSitemap(_PublicSitemap):
    """Published outputs' files: an unpublished one leaves the sitemap with its file."""

    def items(self):
        return published_outputs(network=self.network).order_by("pk")

    def location(self, item):
        return reverse("outputs:download", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "pages": PagesSitemap,
    "news": ArticleSitemap,
    "practices": PracticeSitemap,
    "cities": CitySitemap,
    "meetings": MeetingSitemap,
    "outputs": OutputSitemap,
}
