"""Serves anonymous visitors' public pages from the cache, per language.

Only the views named in ``PAGE_CACHE_VIEWS`` are cached, and only for requests that carry no
session or messages cookie: a signed-in person's page, or one showing a message, is never stored
or served. A page that sets a cookie, uses a CSRF token or writes to the session is not stored.

A hit returns before the view runs, so it costs one cache round trip, no database query and no
transaction; every middleware still adds its headers to it as to any response.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import get_language

from .versioning import VERSION_KEY, is_live, renew_state

logger = logging.getLogger(__name__)

PRIVATE_COOKIES = ("messages",)
STATUS_HEADER = "X-Page-Cache"


def _carries_private_state(request: HttpRequest) -> bool:
    names = (settings.SESSION_COOKIE_NAME, *PRIVATE_COOKIES)
    return any(name in request.COOKIES for name in names)


def page_key(request: HttpRequest) -> str:
    """One entry per page and language; the entry records the content token it was made under."""
    scheme = "https" if request.is_secure() else "http"
    address = f"{scheme}|{request.get_host()}|{get_language()}|{request.get_full_path()}"
    return f"caching:page:{hashlib.sha256(address.encode()).hexdigest()}"


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    if request.method != "GET" or response.status_code != 200:
        return False
    if response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    if len(get_messages(request)):
        return False
    cache_control = response.get("Cache-Control", "")
    return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


class PublicPageCacheMiddleware(MiddlewareMixin):
    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.PAGE_CACHE_ENABLED or request.method not in ("GET", "HEAD"):
            return None
        match = request.resolver_match
        if match is None or match.view_name not in settings.PAGE_CACHE_VIEWS:
            return None
        if _carries_private_state(request):
            return None
        key = page_key(request)
        try:
            # One round trip for both: this runs on every anonymous page view.
            found = cache.get_many([VERSION_KEY, key])
        except Exception:
            logger.warning("Page cache unavailable: rendering afresh.", exc_info=True)
            return None
        state, stored = found.get(VERSION_KEY), found.get(key)
        if not is_live(state):
            state, stored = renew_state(), None
            if state is None:
                return None
        if stored is None or stored["token"] != state["token"]:
            request._page_cache = (key, state)
            return None
        response = HttpResponse(stored["content"], content_type=stored["content_type"])
        response[STATUS_HEADER] = "hit"
        # The rendered page says the same through the session middleware; keep shared caches
        # from handing an anonymous copy to a signed-in person.
        patch_vary_headers(response, ("Cookie",))
        return response

    def process_response(self, request, response):
        pending = getattr(request, "_page_cache", None)
        if pending is None or not _storable(request, response):
            return response
        key, state = pending
        lifetime = min(settings.PAGE_CACHE_SECONDS, state["valid_until"] - time.time())
        if lifetime < 1:
            return response
        stored = {
            "token": state["token"],
            "content": response.content,
            "content_type": response["Content-Type"],
        }
        try:
            cache.set(key, stored, timeout=int(lifetime))
        except Exception:
            logger.warning("Page cache unavailable: page not stored.", exc_info=True)
            return response
        response[STATUS_HEADER] = "miss"
        return response
