import datetime as dt
import zoneinfo

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from common.forms import add_language_fields, language_data
from common.languages import localized_fields, required_languages
from common.uploads import FileValidator

from .models import Meeting
from .services import EDITABLE_FIELDS

LOCAL_INPUT = "%Y-%m-%dT%H:%M"


def _timezone_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(zoneinfo.available_timezones()) if "/" in name]


class LocalDateTimeField(forms.DateTimeField):
    """A wall-clock time without a zone: the form places it in the venue's time zone."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_INPUT)

    def to_python(self, value):
        # Not DateTimeField.to_python: it would place the time in the site's zone and refuse
        # times that a daylight-saving change skips there, though the venue may be elsewhere.
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return timezone.make_naive(value) if timezone.is_aware(value) else value
        try:
            result = parse_datetime(str(value).strip())
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if result is None:
            result = forms.fields.BaseTemporalField.to_python(self, value)
        return timezone.make_naive(result) if timezone.is_aware(result) else result


def _in_zone(naive: dt.datetime, zone: zoneinfo.ZoneInfo) -> dt.datetime | None:
    """The aware time, or None when that wall-clock time does not exist or happens twice."""
    early = naive.replace(tzinfo=zone, fold=0)
    late = naive.replace(tzinfo=zone, fold=1)
    if early.utcoffset() != late.utcoffset():
        return None
    round_trip = early.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None)
    return early if round_trip == naive else None


class MeetingForm(forms.ModelForm):
    start = LocalDateTimeField(label=_("Start (venue time)"))
    end = LocalDateTimeField(label=_("End (venue time)"))
    timezone = forms.ChoiceField(
        label=_("Venue time zone"),
        choices=_timezone_choices,
        initial="Europe/Athens",
        help_text=_("Times are entered and shown in the venue's local time."),
    )

    class Meta:
        model = Meeting
        fields = list(EDITABLE_FIELDS)
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in localized_fields("agenda", required_languages())
        }

    def __init__(self, *args, network=None, organiser_cities=None, **kwargs):
        super().__init__(*args, **kwargs)
        if network is not None:
            self.fields["host_city"].queryset = network.cities.order_by("order", "slug")
        if organiser_cities is not None:
            # A coordinator plans their own city's URBACT Local Group meetings, nothing else:
            # another kind or another city's id sent anyway is refused as an invalid choice.
            local = Meeting.Kind.LOCAL_ULG
            self.fields["kind"].choices = [(local.value, local.label)]
            self.fields["kind"].initial = local.value
            self.fields["host_city"].queryset = organiser_cities
            self.fields["host_city"].required = True
            self.fields["host_city"].empty_label = None
        if self.instance.pk:
            # Show the stored times as the venue's wall-clock times.
            self.initial["start"] = self.instance.local_start.replace(tzinfo=None)
            self.initial["end"] = self.instance.local_end.replace(tzinfo=None)
        for name in localized_fields("title", required_languages()):
            self.fields[name].required = False
        # Most meetings are planned to the minute; the precision is lowered only for one
        # whose exact days or times were never published.
        self.fields["date_precision"].required = False

    def clean_date_precision(self) -> str:
        return (
            self.cleaned_data.get("date_precision")
            or self.instance.date_precision
            or Meeting.Precision.TIME
        )

    def clean(self):
        data = super().clean()
        titles = localized_fields("title", required_languages())
        if not any(data.get(name) for name in titles):
            self.add_error(titles[0], _("Give the meeting a title in at least one language."))
        zone_name = data.get("timezone")
        if zone_name:
            zone = zoneinfo.ZoneInfo(zone_name)
            for name in ("start", "end"):
                if data.get(name) is None:
                    continue
                aware = _in_zone(data[name], zone)
                if aware is None:
                    self.add_error(
                        name,
                        _(
                            "This time is skipped or repeated by a daylight-saving change in "
                            "the venue's time zone; choose another."
                        ),
                    )
                    data.pop(name, None)
                else:
                    data[name] = aware
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The meeting must end after it starts."))
        venues = localized_fields("venue", required_languages())
        if not any(data.get(name) for name in venues) and not data.get("online_url"):
            self.add_error(venues[0], _("Give a venue or an online meeting link."))
        return data

    def _post_clean(self):
        # The services validate and save the model; here only the fields are read.
        pass

    def meeting_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}


class InviteForm(forms.Form):
    people = forms.ModelMultipleChoiceField(
        label=_("People"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    cities = forms.ModelMultipleChoiceField(
        label=_("All coordinators of these cities"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, people, cities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people
        self.fields["cities"].queryset = cities

    def clean(self):
        data = super().clean()
        if not data.get("people") and not data.get("cities"):
            raise forms.ValidationError(_("Choose at least one person or city to invite."))
        return data


class RSVPForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("attending", _("I will attend")), ("declined", _("I cannot attend"))],
    )


MINUTES_VALIDATOR = FileValidator(kinds={"pdf", "docx", "odt"})
#: The minutes' summary field of each required language.
SUMMARY_LABELS = {"el": _("Summary (Greek)"), "en": _("Summary (English)")}


class MinutesForm(forms.Form):
    file = forms.FileField(
        label=_("File of the minutes"),
        required=False,
        help_text=_("PDF, Word (.docx) or OpenDocument (.odt), up to %(size)s.")
        % {"size": filesizeformat(settings.MAX_UPLOAD_SIZE)},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_language_fields(
            self,
            "summary",
            SUMMARY_LABELS,
            required=False,
            widget=forms.Textarea(attrs={"rows": 4}),
        )

    def summary(self) -> dict[str, str]:
        return language_data(self, "summary")

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            MINUTES_VALIDATOR(upload)
            upload.seek(0)
        return upload
