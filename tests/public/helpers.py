from html.parser import HTMLParser

from django.urls import reverse
from django.utils import translation


class _TagCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    handle_startendtag = handle_starttag


def tags(html: str, name: str | None = None) -> list[dict]:
    collector = _TagCollector()
    collector.feed(html)
    return [attrs for tag, attrs in collector.tags if name is None or tag == name]


def all_tags(html: str) -> list[tuple[str, dict]]:
    collector = _TagCollector()
    collector.feed(html)
    return collector.tags


def url(name: str, language: str, *args) -> str:
    with translation.override(language):
        return reverse(name, args=args)


def public_pages(site) -> list[tuple[str, tuple]]:
    """Every public HTML page: (url name, args)."""
    return [
        ("portal:home", ()),
        ("news:list", ()),
        ("news:detail", (site.article.slug,)),
        ("practices:list", ()),
        ("practices:detail", (site.council.slug,)),
        ("cities:list", ()),
        ("cities:detail", (site.naples.slug,)),
        ("meetings:list", ()),
        ("meetings:detail", (site.meeting.slug,)),
        ("portal:progress", ()),
        ("portal:search", ()),
    ]
