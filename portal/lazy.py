"""Context values computed only if the template reads them.

Public page content sits in ``{% cachecontent %}`` fragments: when a fragment comes from the cache
its template never reads the values, so they are never queried.
"""

from functools import cache

from django.utils.functional import SimpleLazyObject


def later(compute, *args, **kwargs):
    return SimpleLazyObject(lambda: compute(*args, **kwargs))


def shared(compute, *args, **kwargs):
    """``compute`` run at most once, for several lazy values taken from its result."""
    return cache(lambda: compute(*args, **kwargs))
