"""Form widgets and choice fields for lists whose choices grow with the network (a select of
every city, of every practice)."""

import django_filters
from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django_filters.fields import ModelChoiceField, ModelChoiceIterator
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order

from .escaping import escape_text
from .languages import shown_in


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
            options.append(
                f'<option value="{escape_text(choice)}"{" selected" if selected else ""}>'
                f"{escape_text(label)}</option>"
            )
        return format_html(
            '<select name="{}"{}>{}</select>', name, flatatt(attrs), mark_safe("".join(options))
        )


class _QuickInput:
    """An ``<input>`` written in Python, with the markup of Django's template for it (a filter
    form renders on every visit of the workspace's busiest pages)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        shown = "" if widget["value"] is None else format_html(' value="{}"', widget["value"])
        return format_html(
            '<input type="{}" name="{}"{}{}>', widget["type"], name, shown, flatatt(widget["attrs"])
        )


# Named as Django's, so that a bound field's ``widget_type`` stays "checkbox" and "number".
class CheckboxInput(_QuickInput, forms.CheckboxInput):
    pass


class NumberInput(_QuickInput, forms.NumberInput):
    pass


class _TranslatedLabels(ModelChoiceIterator):
    """(value, translated label as modeltranslation would show it) read with ``values()``: a
    model instance per option (every city of the network) would cost more than the page's
    other queries together. Validation still goes through the field's queryset."""

    def __iter__(self):
        field = self.field
        if field.empty_label is not None:
            yield ("", field.empty_label)
        value = field.to_field_name or "pk"
        languages = list(resolution_order(get_language()))
        columns = [build_localized_fieldname(field.label_field, lang) for lang in languages]
        for row in self.queryset.values(value, *columns):
            yield (row[value], shown_in(row, field.label_field, languages)[0])


class TranslatedLabelChoiceField(ModelChoiceField):
    iterator = _TranslatedLabels

    def __init__(self, *args, label_field: str, **kwargs):
        self.label_field = label_field
        super().__init__(*args, **kwargs)


class TranslatedLabelChoiceFilter(django_filters.ModelChoiceFilter):
    """A model choice filter whose options are labelled by the translated ``label_field``."""

    field_class = TranslatedLabelChoiceField
