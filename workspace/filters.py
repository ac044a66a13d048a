"""The filters shared by the workspace lists, the network page and the exports.

Steps and deliverables read the same query string, so an export carries exactly the rows the
person filtered on screen.
"""

from functools import partial

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from cities.selectors import cities_visible_to, follows_whole_network
from common.forms import ListSelect, TranslatedLabelChoiceFilter, copied_lightly
from practices.models import Deliverable, Phase, Practice, Status, TransferStep

from .selectors import practice_labels

MAX_DAYS = 3650
# django-filter's Greek for the sort options lacks its closing parenthesis; marking the msgid
# here puts a corrected one in the project's catalogue, which Django consults first.
DESCENDING_LABEL = gettext_noop("%s (descending)")


def _descending(label) -> str:
    """``label (descending)``, translated when shown: django-filter formats its own once, when
    the module is imported, in whatever language is active then."""
    return lazy(lambda: gettext(DESCENDING_LABEL) % label, str)()


_SORT_LABELS = {
    "due_date": _("Due date"),
    "progress": _("Progress"),
    "status": _("Status"),
    "title": _("Title"),
    "updated_at": _("Last change"),
}
_SORT_PARAMS = {"due_date": "due_date", "progress": "progress", "status": "status"}
_SORT_PARAMS |= {"title": "title", "updated_at": "updated"}


class _ProgressFilter(django_filters.FilterSet):
    phase = django_filters.ChoiceFilter(
        label=_("Phase"), choices=Phase.choices, empty_label=_("All"), widget=ListSelect
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.choices, empty_label=_("All"), widget=ListSelect
    )
    overdue = django_filters.BooleanFilter(
        label=_("Overdue only"), method="filter_overdue", widget=forms.CheckboxInput
    )
    unfinished = django_filters.BooleanFilter(
        label=_("Not completed when the network ended"),
        method="filter_unfinished",
        widget=forms.CheckboxInput,
    )
    due_within = django_filters.NumberFilter(
        label=_("Due within (days)"),
        method="filter_due_within",
        min_value=0,
        max_value=MAX_DAYS,
        widget=forms.NumberInput,
    )

    def __init__(self, data=None, *args, user=None, network=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.user = user
        city = self.filters.get("city")
        if city is not None:
            if user is not None and follows_whole_network(user, network):
                # The choices are the request's network's: another network's id is not valid.
                city.queryset = cities_visible_to(user, network).order_by("order", "slug")
            else:
                # One's own city is the only choice: the filter would be noise.
                del self.filters["city"]
        practice = self.filters.get("practice")
        if practice is not None and network is not None:
            practice.queryset = practice.queryset.filter(network=network)
            practice.extra["label_rows"] = partial(practice_labels, network)

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue() if value else queryset

    def filter_unfinished(self, queryset, name, value):
        return queryset.unfinished_at_end() if value else queryset

    def filter_due_within(self, queryset, name, value):
        return queryset if value is None else queryset.due_within(int(value))

    @property
    def rows(self) -> QuerySet:
        """The filtered rows, or none at all when the filter itself is not valid."""
        if self.is_bound and not self.is_valid():
            return self.queryset.none()
        return self.qs


def _city_filter(field_name: str) -> TranslatedLabelChoiceFilter:
    """The city select: its choices (the cities the person sees) are set per person."""
    return TranslatedLabelChoiceFilter(
        label=_("City"),
        label_field="name",
        field_name=field_name,
        queryset=None,
        empty_label=_("All"),
        widget=ListSelect,
    )


@copied_lightly
class StepFilter(_ProgressFilter):
    city = _city_filter("transfer__city")
    practice = TranslatedLabelChoiceFilter(
        label=_("Practice"),
        label_field="title",
        field_name="transfer__practice",
        queryset=Practice.objects.order_by("order", "slug"),
        empty_label=_("All"),
        widget=ListSelect,
    )
    sort = django_filters.OrderingFilter(
        label=_("Sort by"),
        empty_label=_("Phase (grouped)"),
        widget=ListSelect,
        fields=tuple(_SORT_PARAMS.items()),
        field_labels={
            **_SORT_LABELS,
            **{
                f"-{_SORT_PARAMS[name]}": _descending(label) for name, label in _SORT_LABELS.items()
            },
        },
    )

    class Meta:
        model = TransferStep
        fields = [
            "city",
            "practice",
            "phase",
            "status",
            "overdue",
            "unfinished",
            "due_within",
            "sort",
        ]


@copied_lightly
class DeliverableFilter(_ProgressFilter):
    city = _city_filter("city")

    class Meta:
        model = Deliverable
        fields = ["city", "phase", "status", "overdue", "unfinished", "due_within"]
