import django_filters
from django.utils.translation import gettext_lazy as _

from cities.models import City
from common.forms import ListSelect, TranslatedLabelChoiceFilter

from .models import Article
from .selectors import publication_years


class ArticleFilter(django_filters.FilterSet):
    """The public news list's filters: ``?city=<slug>&year=<yyyy>``."""

    city = TranslatedLabelChoiceFilter(
        label=_("City"),
        label_field="name",
        field_name="cities",
        to_field_name="slug",
        queryset=City.objects.none(),
        empty_label=_("All cities"),
        widget=ListSelect,
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"),
        field_name="published_at",
        lookup_expr="year",
        empty_label=_("All years"),
        widget=ListSelect,
    )

    class Meta:
        model = Article
        fields = ["city", "year"]

    def __init__(self, *args, network=None, cities=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the network's own cities and years: another network's are no choice here.
        self.filters["city"].queryset = cities if cities is not None else City.objects.none()
        years = publication_years(network=network)
        self.filters["year"].extra["choices"] = [(year, year) for year in years]
