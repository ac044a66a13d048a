from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import DateInput

from .models import Organisation, Outcome, Sector
from .services import ORGANISATION_FIELDS, OUTCOME_FIELDS


class OrganisationForm(forms.ModelForm):
    """The register's form. The city is chosen among the person's own cities: another city's id
    sent anyway is refused as an invalid choice."""

    city = forms.ModelChoiceField(label=_("City"), queryset=None, empty_label=None)

    class Meta:
        model = Organisation
        fields = ["city", *ORGANISATION_FIELDS]
        widgets = {"joined_on": DateInput(), "left_on": DateInput()}
        help_texts = {
            "contact_name": _("Private: seen only by the city's coordinators and lead staff."),
        }

    def __init__(self, *args, cities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = cities
        if self.instance.pk:
            # An organisation stays in its city's register.
            del self.fields["city"]
        else:
            self.fields["joined_on"].initial = timezone.localdate()

    def _post_clean(self):
        # The services validate and save the model (with the city's register); here only the
        # fields are read.
        pass

    def organisation_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in ORGANISATION_FIELDS}


class AttendanceForm(forms.Form):
    people = forms.IntegerField(label=_("Number of people"), min_value=0)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations present"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, register, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = register
        for value, label in Sector.choices:
            self.fields[f"sector_{value}"] = forms.IntegerField(
                label=label, min_value=0, required=False
            )

    @property
    def sector_fields(self):
        return [self[f"sector_{value}"] for value, _label in Sector.choices]

    def clean(self):
        data = super().clean()
        people, present = data.get("people"), data.get("organisations")
        if people is not None and present is not None and people < len(present):
            self.add_error(
                "people",
                _(
                    "Fewer people than organisations present: every organisation present "
                    "counts at least one person."
                ),
            )
        by_sector = self.by_sector(data)
        if people is not None and sum(n for n in by_sector.values() if n) > people:
            self.add_error(
                "people", _("The numbers by sector add up to more than the number of people.")
            )
        return data

    def by_sector(self, data=None) -> dict:
        data = self.cleaned_data if data is None else data
        return {value: data.get(f"sector_{value}") for value, _label in Sector.choices}


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = Outcome
        fields = list(OUTCOME_FIELDS)
        widgets = {"due_date": DateInput(), "text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, register, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_organisation"].queryset = register
        self.fields["status"].required = False
        self.fields["status"].help_text = _("Actions only; a new action is open.")
        self.fields["owner_person"].help_text = _(
            "Actions only: an organisation or a person. A person's name stays private."
        )

    def clean(self):
        data = super().clean()
        if data.get("kind") == Outcome.Kind.ACTION:
            organisation = data.get("owner_organisation")
            person = (data.get("owner_person") or "").strip()
            if not organisation and not person and "owner_organisation" not in self.errors:
                self.add_error(
                    "owner_organisation",
                    _("An action needs an owner: an organisation or a person."),
                )
            if organisation and person:
                self.add_error("owner_person", _("Choose an organisation or a person, not both."))
            if not data.get("due_date") and "due_date" not in self.errors:
                self.add_error("due_date", _("An action needs a due date."))
        return data

    def _post_clean(self):
        pass

    def outcome_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in OUTCOME_FIELDS}
        data["owner_person"] = (data["owner_person"] or "").strip()
        return data
