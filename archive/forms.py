"""The closure form (a field set per partner city for where its documents are kept) and the
reopening form."""

from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from cities.models import City

from .services import Keeping


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ClosureForm(forms.Form):
    follow_up = forms.CharField(
        label=_("Follow-up networks"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: the name, a space and the address (https://…)."),
    )
    final_payment_date = forms.DateField(
        label=_("Date of the final payment"),
        required=False,
        widget=DateInput(),
        help_text=_("The retention period of the outputs counts from this day."),
    )

    def __init__(self, *args, cities: list[City], **kwargs):
        super().__init__(*args, **kwargs)
        self.cities = cities
        self.language_fields = []
        for code in settings.REQUIRED_CONTENT_LANGUAGES:
            language = get_language_info(code)["name_translated"]
            self.fields[f"final_story_{code}"] = forms.CharField(
                label=_("Final story (%(language)s)") % {"language": language},
                widget=forms.Textarea(attrs={"rows": 5, "lang": code}),
            )
            self.fields[f"prizes_{code}"] = forms.CharField(
                label=_("Prizes and mentions (%(language)s)") % {"language": language},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2, "lang": code}),
            )
            self.language_fields += [self[f"final_story_{code}"], self[f"prizes_{code}"]]
        self.city_fields = []
        for city in cities:
            prefix = f"city_{city.pk}"
            self.fields[f"{prefix}_place"] = forms.CharField(
                label=_("Where the documents are kept"), required=False, max_length=300
            )
            self.fields[f"{prefix}_until"] = forms.DateField(
                label=_("Kept until"), required=False, widget=DateInput()
            )
            self.fields[f"{prefix}_role"] = forms.CharField(
                label=_("Contact (a role, not a person)"), required=False, max_length=200
            )
            self.city_fields.append(
                (city, [self[f"{prefix}_place"], self[f"{prefix}_until"], self[f"{prefix}_role"]])
            )

    def clean(self):
        cleaned = super().clean()
        for city in self.cities:
            prefix = f"city_{city.pk}"
            values = [cleaned.get(f"{prefix}_{name}") for name in ("place", "until", "role")]
            if any(values) and not all(values):
                self.add_error(
                    f"{prefix}_place",
                    _("Give the place, the date and the contact role for %(city)s, or none.")
                    % {"city": city.name},
                )
        return cleaned

    def texts(self, field: str) -> dict[str, str]:
        return {
            code: self.cleaned_data.get(f"{field}_{code}", "")
            for code in settings.REQUIRED_CONTENT_LANGUAGES
        }

    def keeping(self) -> list[Keeping]:
        rows = []
        for city in self.cities:
            prefix = f"city_{city.pk}"
            if self.cleaned_data.get(f"{prefix}_place"):
                rows.append(
                    Keeping(
                        city=city,
                        place=self.cleaned_data[f"{prefix}_place"],
                        kept_until=self.cleaned_data[f"{prefix}_until"],
                        contact_role=self.cleaned_data[f"{prefix}_role"],
                    )
                )
        return rows


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the network reopened?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
