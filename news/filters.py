import django_filters
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField, ModelChoiceIterator
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order

from cities.models import City
from portal.languages import shown_in
from portal.widgets import QuickSelect

from .models import Article
from .selectors import publication_years


class _CityChoices(ModelChoiceIterator):
    """(slug, name as shown) read as values: a model instance for each of the network's cities
    would cost more than the rest of the select."""

    def __iter__(self):
        field = self.field
        if field.empty_label is not None:
            yield ("", field.empty_label)
        languages = list(resolution_order(get_language()))
        names = [build_localized_fieldname("name", lang) for lang in languages]
        for row in self.queryset.values(field.to_field_name, *names):
            yield (row[field.to_field_name], shown_in(row, "name", languages)[0])


class _CityField(ModelChoiceField):
    iterator = _CityChoices


class _CityFilter(django_filters.ModelChoiceFilter):
    field_class = _CityField


class ArticleFilter(django_filters.FilterSet):
    """The public news list's filters: ``?city=<slug>&year=<yyyy>``."""

    city = _CityFilter(
        label=_("City"),
        field_name="cities",
        to_field_name="slug",
        queryset=City.objects.none(),
        empty_label=_("All cities"),
        widget=QuickSelect,
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"),
        field_name="published_at",
        lookup_expr="year",
        empty_label=_("All years"),
        widget=QuickSelect,
    )

    class Meta:
        model = Article
        fields = ["city", "year"]

    def __init__(self, *args, cities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["city"].queryset = cities if cities is not None else City.objects.all()
        self.filters["year"].extra["choices"] = [(year, year) for year in publication_years()]
