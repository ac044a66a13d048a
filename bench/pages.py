"""The pages `make bench` measures, and the sample objects their addresses need."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from cities.models import City, Membership, Network
from meetings.models import Meeting
from news.models import Article

SEARCH_WORDS = {"el": "λιμάνι", "en": "harbour"}


@dataclass(frozen=True)
class Page:
    name: str
    url_name: str
    kind: str  # "floor", "public" (anonymous, page-cached) or "private" (signed in)
    needs: str = ""  # which sample object the address takes: "article" or "city"
    query: dict = field(default_factory=dict)
    person: str = ""  # for private pages: "coordinator" or "lead"


PAGES = [
    Page("floor", "bench:floor", "floor"),
    Page("home", "portal:home", "public"),
    Page("news list", "news:list", "public"),
    Page("news detail", "news:detail", "public", needs="article"),
    Page("progress", "portal:progress", "public"),
    Page("city detail", "cities:detail", "public", needs="city"),
    Page("search", "portal:search", "public", query={"q": SEARCH_WORDS["el"]}),
    Page("workspace", "workspace:home", "private", person="coordinator"),
    Page("network overview", "workspace:network", "private", person="lead"),
    Page("network changes", "workspace:changes", "private", person="lead"),
]


def samples(host: str = "") -> dict:
    """A typical object for each detail page of the network served on ``host`` (the default
    network when empty): its latest article, its busiest city, their people."""
    network = Network.objects.for_host(host)
    article = (
        Article.objects.published()
        .filter(Exists(City.objects.filter(network=network, articles=OuterRef("pk"))))
        .order_by("-published_at")
        .first()
    )
    city = (
        City.objects.filter(network=network)
        .annotate(transfer_count=Count("transfers"))
        .order_by("-transfer_count", "order")
        .first()
    )
    coordinator = (
        Membership.objects.filter(role=Membership.Role.CITY_COORDINATOR, city=city)
        .select_related("user")
        .first()
    )
    lead = (
        Membership.objects.filter(role=Membership.Role.LEAD_STAFF, city__network=network)
        .select_related("user")
        .first()
    )
    meeting = (
        Meeting.objects.filter(network=network, is_public=True).order_by("-start", "pk").first()
    )
    return {
        "network": network,
        "meeting": meeting,
        "article": article,
        "city": city,
        "coordinator": coordinator.user if coordinator else None,
        "lead": lead.user if lead else None,
    }


def _kwargs(page: Page, found: dict) -> dict:
    if page.needs == "article":
        return {"slug": found["article"].slug}
    if page.needs == "city":
        return {"slug": found["city"].slug}
    return {}


def address(page: Page, found: dict, language: str = "el") -> str:
    """The page's path in ``language``; NoReverseMatch when the page does not exist (yet)."""
    from urllib.parse import urlencode

    with translation.override(language):
        path = reverse(page.url_name, kwargs=_kwargs(page, found))
    return f"{path}?{urlencode(page.query)}" if page.query else path


def resolvable(page: Page, found: dict) -> bool:
    try:
        address(page, found)
    except NoReverseMatch:
        return False
    return True
