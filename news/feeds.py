from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext as _

from common.languages import absolute
from common.requests import network_for

from .selectors import latest_articles

FEED_SIZE = 20


class LatestNewsFeed(Feed):
    """RSS 2.0 of the latest published articles, in the language of the URL."""

    def get_object(self, request, *args, **kwargs):
        return network_for(request)

    def title(self, network):
        name = network.name if network else "CITISENSE"
        return _("%(network)s news") % {"network": name}

    def description(self, network):
        return network.tagline if network else ""

    def link(self, network):
        return absolute(reverse("news:list"))

    def feed_url(self, network):
        return absolute(reverse("news:feed"))

    def items(self, network):
        return latest_articles(network=network, limit=FEED_SIZE)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.body

    def item_link(self, item):
        return absolute(reverse("news:detail", args=[item.slug]))

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [city.name for city in item.cities.all()]
