"""The filters of the ULG pages; the page and its exports read the same query string, so an
export carries exactly the rows shown."""

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import DateInput
from meetings.models import Meeting

from .models import Organisation, Sector


class _CityScoped(django_filters.FilterSet):
    def __init__(self, data=None, *args, cities=None, **kwargs):
        """``cities``: the cities to choose from, or None when the person sees only one."""
        super().__init__(data, *args, **kwargs)
        if cities is not None:
            self.filters["city"].queryset = cities
        else:
            # One's own city is the only choice: the filter would be noise.
            del self.filters["city"]

    @property
    def rows(self) -> QuerySet:
        """The filtered rows, or none at all when the filter itself is not valid."""
        if self.is_bound and not self.is_valid():
            return self.queryset.none()
        return self.qs


class OrganisationFilter(_CityScoped):
    MEMBERSHIP_CHOICES = [("current", _("Current members")), ("former", _("Former members"))]

    city = django_filters.ModelChoiceFilter(
        label=_("City"), queryset=None, empty_label=_("All"), field_name="city"
    )
    sector = django_filters.ChoiceFilter(
        label=_("Sector"), choices=Sector.choices, empty_label=_("All")
    )
    membership = django_filters.ChoiceFilter(
        label=_("Members"),
        choices=MEMBERSHIP_CHOICES,
        empty_label=_("All"),
        method="filter_membership",
    )

    class Meta:
        model = Organisation
        fields = ["city", "sector", "membership"]

    def filter_membership(self, queryset, name, value):
        today = timezone.localdate()
        current = Q(joined_on__lte=today) & (Q(left_on__isnull=True) | Q(left_on__gte=today))
        if value == "current":
            return queryset.filter(current)
        if value == "former":
            return queryset.filter(left_on__lt=today)
        return queryset


class MeetingLogFilter(_CityScoped):
    city = django_filters.ModelChoiceFilter(
        label=_("City"), queryset=None, empty_label=_("All"), field_name="host_city"
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of meeting"), choices=Meeting.Kind.choices, empty_label=_("All")
    )
    since = django_filters.DateFilter(
        label=_("Meetings from"), field_name="start", lookup_expr="date__gte", widget=DateInput()
    )
    until = django_filters.DateFilter(
        label=_("Meetings until"), field_name="start", lookup_expr="date__lte", widget=DateInput()
    )

    class Meta:
        model = Meeting
        fields = ["city", "kind", "since", "until"]

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        since, until = self.form.cleaned_data.get("since"), self.form.cleaned_data.get("until")
        if since and until and until < since:
            return queryset.none()
        return queryset
