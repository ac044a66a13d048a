"""Form fields and widgets for filters whose choices grow with the network (a select of every
city, of every practice), and the model forms' one message per error."""

import django_filters
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django_filters.fields import ModelChoiceField, ModelChoiceIterator
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order

from .languages import shown_in


class ListSelect(forms.Select):
    """A ``<select>`` whose options are written by one loop in its template.

    Django's own select renders a template and builds a dictionary of attributes per option;
    with a hundred cities that is most of a list page's time. Options here are plain
    (value, label, selected) triples: no per-option attributes, no option groups.
    """

    template_name = "common/widgets/select.html"

    def get_context(self, name, value, attrs):
        # The base widget's context only: the option dictionaries are what this select avoids.
        context = forms.Widget.get_context(self, name, value, attrs)
        wanted = set(self.format_value(value))
        options = []
        found = False  # as Django does: a single select marks only its first matching option
        for choice, label in self.choices:
            choice = "" if choice is None else str(choice)
            selected = choice in wanted and (self.allow_multiple_selected or not found)
            found = found or selected
            options.append((choice, label, selected))
        context["widget"]["options"] = options
        if self.allow_multiple_selected:
            context["widget"]["attrs"]["multiple"] = True
        return context


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


class OneMessagePerField:
    """For a ModelForm: a field the form already refused gets no second message from the
    model's rules, which saw that field's previous value rather than what the person typed
    (a step marked done with progress "-1": Django's "at least 0" only, not also "a step
    marked done must be at 100%")."""

    def _update_errors(self, errors: ValidationError) -> None:
        if hasattr(errors, "error_dict"):
            kept = {
                name: problems
                for name, problems in errors.error_dict.items()
                if name == NON_FIELD_ERRORS or name not in self._errors
            }
            if not kept:
                return
            errors = ValidationError(kept)
        super()._update_errors(errors)
