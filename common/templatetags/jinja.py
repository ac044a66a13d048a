"""``{% jinja_include "workspace/_steps_table.html" steps=steps %}``: a list written in Jinja2
(common/jinja.py), shown inside a Django page with exactly the values it is given."""

from django import template
from django.utils.safestring import mark_safe

from common.jinja import render_to_string

register = template.Library()


@register.simple_tag
def jinja_include(template_name: str, **context) -> str:
    # Jinja2 escaped every value it wrote.
    return mark_safe(render_to_string(template_name, context))
