"""``{% jinja_include "workspace/_steps_table.html" steps=steps %}``: a list written in Jinja2
(common/jinja.py), shown inside a Django page with exactly the values it is given;
``{% pagination page_obj %}``: the links to a paged list's other pages (in Jinja2 too)."""

from django import template
from django.utils.safestring import mark_safe

from common.jinja import render_to_string
from common.paging import page_links

register = template.Library()


@register.simple_tag
def jinja_include(template_name: str, **context) -> str:
    # Jinja2 escaped every value it wrote.
    return mark_safe(render_to_string(template_name, context))


@register.simple_tag(takes_context=True)
def pagination(context, page) -> str:
    pages = page_links(page, context.request.GET)
    return mark_safe(render_to_string("portal/_pagination.html", {"pages": pages}))
