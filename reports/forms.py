from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.locking import VersionedForm
from workspace.forms import DateInput

from .models import CityReport, ReportingPeriod


class PeriodForm(forms.ModelForm):
    class Meta:
        model = ReportingPeriod
        fields = ["number", "start_date", "end_date", "due_date", "is_demo"]
        widgets = {"start_date": DateInput(), "end_date": DateInput(), "due_date": DateInput()}

    def __init__(self, *args, network=None, **kwargs):
        super().__init__(*args, **kwargs)
        if network is not None:
            self.instance.network = network


class ReportForm(VersionedForm):
    """The narrative sections, with the version the person started from."""

    class Meta:
        model = CityReport
        fields = ["achievements", "difficulties", "next_steps"]
        widgets = {name: forms.Textarea(attrs={"rows": 8}) for name in fields}
        help_texts = {
            "achievements": _("Required to submit. What the city did in this period."),
            "difficulties": _("What held the work back, if anything."),
            "next_steps": _("Required to submit. What comes in the next period."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
        self.fields["version"].required = True


class ReviewForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required to reopen: say what the city should add or change."),
    )

    def __init__(self, *args, reopening: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.reopening = reopening

    def clean_comment(self) -> str:
        comment = self.cleaned_data["comment"].strip()
        if self.reopening and not comment:
            raise ValidationError(_("Say what is missing, so the city knows what to change."))
        return comment


class SubmitForm(forms.Form):
    """The confirmation of a submission: the version the person read."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
