from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from cities.models import City, Network


class CopyNetworkForm(forms.Form):
    """What lead staff say about the next network; the rest is copied from theirs."""

    name = forms.CharField(label=_("name of the new network"), max_length=100)
    slug = forms.SlugField(
        label=_("slug"),
        max_length=100,
        help_text=_("Letters, numbers and hyphens: its short name."),
    )
    start_date = forms.DateField(
        label=_("start date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(label=_("end date"), widget=forms.DateInput(attrs={"type": "date"}))
    hosts = forms.CharField(
        label=_("host names"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One a line, for example “next.example”, without “https://”; the first is its main "
            "address. Empty: add them later."
        ),
    )
    lead_city_name = forms.CharField(
        label=_("lead partner city"),
        max_length=100,
        help_text=_("You become the new network's lead staff through this city."),
    )
    lead_city_country = forms.ChoiceField(label=_("country of the lead partner city"))

    def __init__(self, *args, source: Network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_city_country"].choices = [("", "—"), *countries]
        lead = City.objects.filter(network=source, role=City.Role.LEAD_PARTNER).first()
        if lead is not None:
            self.fields["lead_city_name"].initial = lead.name
            self.fields["lead_city_country"].initial = lead.country.code

    def host_names(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["hosts"].splitlines() if line.strip()]
