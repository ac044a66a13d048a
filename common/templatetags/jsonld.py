"""``{{ data|jsonld }}`` inside ``<script type="application/ld+json">``: the JSON text, with
``<``, ``>`` and ``&`` escaped so that no value can end the script element."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

register = template.Library()

_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@register.filter
def jsonld(data) -> str:
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
    return mark_safe(text.translate(_ESCAPES))
