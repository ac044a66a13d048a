"""Form pieces every app's forms share: the date input, a service's validation error shown on
its form, the model forms' one message per error, and fields and widgets for filters whose
choices grow with the network (a select of every city, of every practice)."""

import copy
from collections.abc import Callable, Mapping

import django_filters
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django_filters.fields import ModelChoiceField, ModelChoiceIterator
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order

from .languages import required_languages, shown_in


class DateInput(forms.DateInput):
    """The browser's date picker, with the ISO date it expects."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def add_model_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Shows a service's validation error next to the fields it names, or above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


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


def add_language_fields(
    form: forms.BaseForm, name: str, labels: Mapping[str, str], *, first: bool = False, **field
) -> None:
    """A text field per required language for a form that is no model form (``summary_el``,
    ``summary_en``), each labelled in its language's own words (``labels``: language -> label);
    ``first``: put them before the form's other fields. ``field``: the CharField's arguments."""
    names = []
    for code in required_languages():
        names.append(build_localized_fieldname(name, code))
        form.fields[names[-1]] = forms.CharField(label=labels[code], **field)
    if first:
        form.order_fields(names)


def language_labels(name: str, labels: Mapping[str, str]) -> dict[str, str]:
    """A model form's ``labels`` for the required languages' columns of ``name``."""
    return {build_localized_fieldname(name, code): labels[code] for code in required_languages()}


def language_data(form: forms.BaseForm, name: str) -> dict[str, str]:
    """What ``add_language_fields`` fields hold once the form is valid: language -> text."""
    return {
        code: form.cleaned_data[build_localized_fieldname(name, code)]
        for code in required_languages()
    }


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
        rows = (
            self.queryset.values(value, *columns)
            if field.label_rows is None
            else field.label_rows()
        )
        for row in rows:
            yield (row[value], shown_in(row, field.label_field, languages)[0])


class TranslatedLabelChoiceField(ModelChoiceField):
    """``label_rows``: when given, what reads the options' rows (as ``queryset.values()`` of
    the value and the label's columns in the active language's order would: a selector whose
    SQL is built once per process); validation still goes through the queryset."""

    iterator = _TranslatedLabels

    def __init__(
        self, *args, label_field: str, label_rows: Callable[[], list[dict]] | None = None, **kwargs
    ):
        self.label_field = label_field
        self.label_rows = label_rows
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


class _FilterCopies(dict):
    """A filter set's filters, copied for each instance of the set (django-filter deep-copies
    them, labels, choices and querysets included: most of the cost of a filter form) as a
    shallow copy of each filter, of the arguments it passes to its field, and of its method."""

    def __deepcopy__(self, memo) -> dict:
        copies = {}
        for name, original in self.items():
            filter_ = copies[name] = copy.copy(original)
            filter_.__dict__.pop("_field", None)  # each copy makes its own field
            filter_.extra = dict(original.extra)  # a copy sets its own queryset in there
            if original.method is not None:
                filter_.method = original.method  # bound to the copy (and so to its set)
        return copies


class _OwnFields(dict):
    """A form class's fields when the class is made for one form only (a filter set makes one
    per instance, from its filters' own fields): its form takes them without a copy."""

    def __deepcopy__(self, memo) -> dict:
        return dict(self)


def copied_lightly(filterset: type[django_filters.FilterSet]) -> type[django_filters.FilterSet]:
    """A class decorator for a filter set whose filters keep no state but their queryset, their
    field and their set: each instance copies them shallowly, and its form takes the fields
    the filters made for it rather than deep copies of them."""
    filterset.base_filters = _FilterCopies(filterset.base_filters)
    make_form_class = filterset.get_form_class

    def get_form_class(self):
        form_class = make_form_class(self)
        form_class.base_fields = _OwnFields(form_class.base_fields)
        return form_class

    filterset.get_form_class = get_form_class
    return filterset
