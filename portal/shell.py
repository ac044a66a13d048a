"""The frame every page is rendered in (templates/base.html): its header, menu and footer.

Their addresses and labels are the same for every request in one language, so they are worked
out once per process and language (``reverse()`` is the dearest thing a template does); only
what depends on the request is added per request: which menu item is the current page, and
this page in the other languages."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from common.languages import language_versions, once_per_language
from common.static_build import archiving

#: The addresses the header and footer link to by name (``shell.links.<name>``).
LINKS = {
    "home": "portal:home",
    "search": "portal:search",
    "news": "news:list",
    "news_feed": "news:feed",
    "sign_in": "account_login",
    "sign_out": "account_logout",
    "workspace": "workspace:home",
    "my_meetings": "workspace_meetings:list",
    "registrations": "registrations_organise:list",
    "notifications": "notifications:preferences",
}

#: The main menu. A "section" item is the current one anywhere in its namespace (``aria-current
#: "true"``, "page" on its list); another only on its own page.
SECTION = True
MENU = (
    ("portal:home", _("Home"), not SECTION),
    ("news:list", _("News"), SECTION),
    ("practices:list", _("Practices"), SECTION),
    ("cities:list", _("Cities"), SECTION),
    ("meetings:list", _("Meetings"), SECTION),
    ("portal:progress", _("Progress"), not SECTION),
    ("outputs:results", _("Results"), not SECTION),
    ("outputs:list", _("Outputs"), not SECTION),
    ("network:about", _("About"), SECTION),
)

#: The footer's links to the feeds, the open data and the network.
FOOTER = (
    ("news:feed", _("News feed (RSS)")),
    ("meetings:feed", _("Meetings calendar (iCalendar)")),
    ("portal:progress_csv", _("Progress data (CSV)")),
    ("portal:progress_json", _("Progress data (JSON)")),
    ("indicators:csv", _("Indicators (CSV)")),
    ("indicators:json", _("Indicators (JSON)")),
    ("opendata:dictionary", _("Open data")),
    ("network:about", _("About the network")),
    ("privacy:policy", _("Privacy")),
)
#: Last in the footer, except in a network's static archive (which stands alone).
DIRECTORY = ("networks:directory", _("All networks in this portal"))


def _label(text) -> SafeString:
    # The portal's own translation of its own words: trusted, as {% translate %} trusts it.
    return mark_safe(str(text))


@once_per_language
def _frame() -> dict:
    """The addresses and labels of the frame in the active language."""
    menu = tuple(
        (name.partition(":"), reverse(name), _label(label), section)
        for name, label, section in MENU
    )
    footer = [{"url": reverse(name), "label": _label(label)} for name, label in FOOTER]
    directory = {"url": reverse(DIRECTORY[0]), "label": _label(DIRECTORY[1])}
    return {
        "links": {key: reverse(name) for key, name in LINKS.items()},
        "menu": menu,
        "footer": tuple(footer),
        "footer_live": (*footer, directory),
    }


def _current(match, namespace: str, url_name: str, section: bool) -> str:
    """aria-current of a menu item: "page" on its very page, "true" within its section."""
    if match is None or match.namespace != namespace:
        return ""
    if section:
        return "page" if match.url_name == "list" else "true"
    return "page" if match.url_name == url_name else ""


def shell(request: HttpRequest | None) -> dict:
    """What the frame of a page shows: ``links`` (by name, see LINKS), ``menu`` and ``footer``
    (each item's ``url``, ``label`` and, in the menu, ``current``), and this page in every
    language: ``languages`` (the switcher), ``alternates`` (hreflang) and ``canonical``."""
    frame = _frame()
    match = getattr(request, "resolver_match", None)
    menu = [
        {"url": url, "label": label, "current": _current(match, namespace, url_name, section)}
        for (namespace, _colon, url_name), url, label, section in frame["menu"]
    ]
    versions = language_versions(request) if request is not None else []
    canonical = next((v["absolute"] for v in versions if v["is_active"] and v["absolute"]), None)
    return {
        "links": frame["links"],
        "menu": menu,
        "footer": frame["footer"] if archiving() is not None else frame["footer_live"],
        "languages": versions,
        "alternates": [version for version in versions if version["absolute"]],
        "canonical": canonical,
    }
