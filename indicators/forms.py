from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from common.forms import DateInput
from practices.uploads import ACCEPT_ATTRIBUTE, TYPES_FOR_HUMANS, check_upload

VALUE_FIELD = {"max_digits": 14, "decimal_places": 2}


class BaselineForm(forms.Form):
    baseline_value = forms.DecimalField(label=_("Baseline"), required=False, **VALUE_FIELD)
    baseline_date = forms.DateField(label=_("Baseline date"), required=False, widget=DateInput())
    baseline_source = forms.CharField(
        label=_("Source of the baseline"),
        max_length=255,
        required=False,
        help_text=_("E.g. the survey or register the figure comes from."),
    )
    target_value = forms.DecimalField(label=_("Target"), required=False, **VALUE_FIELD)


class MeasurementForm(forms.Form):
    value = forms.DecimalField(label=_("Value"), **VALUE_FIELD)
    measured_on = forms.DateField(label=_("Measured on"), widget=DateInput())
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
    evidence = forms.FileField(
        label=_("Evidence"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].help_text = _(
            "%(types)s; at most %(limit)s. Kept private: only the network's people see it."
        ) % {"types": TYPES_FOR_HUMANS, "limit": filesizeformat(settings.MAX_UPLOAD_SIZE)}

    def clean_evidence(self):
        upload = self.cleaned_data.get("evidence")
        if upload:
            check_upload(upload)
        return upload
