from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from common.forms import DateInput, OneMessagePerField
from common.locking import VersionedForm
from practices.models import Deliverable, StepComment, TransferStep
from practices.uploads import ACCEPT_ATTRIBUTE, TYPES_FOR_HUMANS, check_upload


def limit_to_network(field: forms.Field, network) -> None:
    """Tells the person the allowed period before they pick a date (the model enforces it)."""
    if network is None:
        return
    field.widget.attrs.update(
        {"min": network.start_date.isoformat(), "max": network.end_date.isoformat()}
    )
    field.help_text = _("Between %(start)s and %(end)s, the network's period.") % {
        "start": formats.date_format(network.start_date, "SHORT_DATE_FORMAT"),
        "end": formats.date_format(network.end_date, "SHORT_DATE_FORMAT"),
    }


class StepEditForm(VersionedForm):
    class Meta:
        model = TransferStep
        fields = ["status", "progress", "due_date", "notes"]
        widgets = {
            "due_date": DateInput(),
            "progress": forms.NumberInput(attrs={"min": 0, "max": 100, "step": 1}),
            "notes": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "progress": _("From 0 to 100. A step marked done is at 100."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_to_network(self.fields["due_date"], self.instance.transfer.city.network)


class StepCreateForm(OneMessagePerField, forms.ModelForm):
    class Meta:
        model = TransferStep
        fields = ["transfer", "phase", "title", "due_date", "status", "progress", "notes"]
        widgets = {
            "due_date": DateInput(),
            "progress": forms.NumberInput(attrs={"min": 0, "max": 100, "step": 1}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, transfers=None, network=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["transfer"].queryset = transfers.select_related("city", "practice").order_by(
            "city__order", "practice__order"
        )
        self.fields["transfer"].label = _("City and practice")
        limit_to_network(self.fields["due_date"], network)


class DeliverableEditForm(VersionedForm):
    class Meta:
        model = Deliverable
        fields = ["status", "due_date"]
        widgets = {"due_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_to_network(self.fields["due_date"], self.instance.network)


class _UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"), widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "%(types)s; at most %(limit)s. The type is checked from the content, not the name."
        ) % {"types": TYPES_FOR_HUMANS, "limit": filesizeformat(settings.MAX_UPLOAD_SIZE)}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload(upload)
        return upload


class EvidenceForm(_UploadForm):
    description = forms.CharField(label=_("What it shows"), max_length=200, required=False)


class DeliverableUploadForm(_UploadForm):
    pass


class CommentForm(forms.ModelForm):
    class Meta:
        model = StepComment
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if not body:
            raise ValidationError(_("Write a comment first."))
        return body


class ClosingDateForm(forms.Form):
    closing_date = forms.DateField(
        label=_("Final reporting closes on"),
        required=False,
        widget=DateInput(),
    )
