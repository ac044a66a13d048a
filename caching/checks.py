from django.conf import settings
from django.core import checks
from django.core.cache import caches


@checks.register(checks.Tags.caches, deploy=True)
def page_cache_is_shared(app_configs, **kwargs):
    """Each gunicorn worker has its own local memory: an edit would empty only one of them."""
    backend = caches.settings["default"]["BACKEND"]
    if settings.PAGE_CACHE_ENABLED and backend.endswith("LocMemCache"):
        return [
            checks.Warning(
                "The public page cache is on but the cache is local memory.",
                hint="Set REDIS_URL in production, or DJANGO_PAGE_CACHE=0 with several workers.",
                id="caching.W001",
            )
        ]
    return []
