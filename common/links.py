"""Links of a list, made once per list (see docs/architecture.md, "Rendering")."""

from collections.abc import Callable

from django.urls import reverse


def slug_linker(view_name: str) -> Callable[[str], str]:
    """``slug -> address`` for a view whose only argument is a slug: one ``reverse()`` per list
    (slugs are ASCII letters, digits, hyphens and underscores, never quoted)."""
    marker = "slug-marker"
    head, tail = reverse(view_name, args=[marker]).rsplit(marker, 1)
    return lambda slug: f"{head}{slug}{tail}"
