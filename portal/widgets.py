"""Form widgets for lists whose choices grow with the network (a select of every city)."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


class QuickSelect(forms.Select):
    """A ``<select>`` that writes its options in Python.

    Django renders every option through two templates: with a hundred cities that is most of a
    list page's time. Same markup, options with plain labels (no per-option attributes).
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = (
            (option["value"], " selected" if option["selected"] else "", option["label"])
            for _group, choices, _index in widget["optgroups"]
            for option in choices
        )
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            format_html_join("", '<option value="{}"{}>{}</option>', options),
        )
