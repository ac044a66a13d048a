"""``{% cachecontent "name" vary… %}…{% endcachecontent %}``: a fragment rendered once per
content version, language and vary values, then reused by everyone.

For the public pages' content, which is the same for every visitor: signed-in people (whom the
page cache never serves) get it too, around their own header. Like the page cache, every save of
content replaces the version, so an edit shows at once. Never wrap anything personal (a form
with a CSRF token, a user's name, messages) in it.
"""

import hashlib

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from caching.versioning import cached_by_content

register = template.Library()


class ContentCacheNode(template.Node):
    def __init__(self, nodelist, name, vary):
        self.nodelist = nodelist
        self.name = name
        self.vary = vary

    def render(self, context):
        if not settings.FRAGMENT_CACHE_ENABLED:
            return self.nodelist.render(context)
        vary = repr([value.resolve(context) for value in self.vary])
        digest = hashlib.sha256(vary.encode()).hexdigest()
        key = f"fragment:{self.name.resolve(context)}:{get_language()}:{digest}"
        return mark_safe(cached_by_content(key, lambda: str(self.nodelist.render(context))))


@register.tag("cachecontent")
def cache_content(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a fragment name.")
    nodelist = parser.parse(("endcachecontent",))
    parser.delete_first_token()
    return ContentCacheNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]]
    )
