"""Form widgets for lists whose choices grow with the network (a select of every city)."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


class QuickSelect(forms.Select):
    """A ``<select>`` that writes its options in Python.

    Django renders every option through two templates and builds a dictionary of attributes
    for each: with a hundred cities that is most of a list page's time. Same markup, options
    with plain labels (no per-option attributes, no option groups).
    """

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        wanted = set(self.format_value(value))
        options = []
        found = False  # as Django does: a single select marks only its first matching option
        for choice, label in self.choices:
            choice = "" if choice is None else str(choice)
            selected = choice in wanted and (self.allow_multiple_selected or not found)
            found = found or selected
            options.append((choice, " selected" if selected else "", label))
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(attrs),
            format_html_join("", '<option value="{}"{}>{}</option>', options),
        )
