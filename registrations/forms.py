import datetime as dt

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from common.forms import language_labels
from common.languages import localized_fields, required_languages
from meetings.forms import LocalDateTimeField

from .models import Question, RegistrationSettings

ANSWER_MAX_LENGTH = 500


class RegistrationForm(forms.Form):
    """The public form; the meeting's own questions are added as ``question_<id>`` fields."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("We send a link to this address; your registration counts once you open it."),
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    consent = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree that my details are kept for this meeting."
        ),
        error_messages={"required": _("Please accept the privacy notice to register.")},
    )
    # Hidden from people by the stylesheet; bots fill every field they find.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, setup: RegistrationSettings, questions: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        if not setup.ask_organisation:
            del self.fields["organisation"]
        for question in questions:
            self.fields[self.field_name(question)] = self._field_for(question)
        # The honeypot last, so that people tabbing through never meet it.
        self.order_fields([name for name in self.fields if name != "website"] + ["website"])

    @staticmethod
    def field_name(question: Question) -> str:
        return f"question_{question.pk}"

    @staticmethod
    def _field_for(question: Question) -> forms.Field:
        if question.kind == Question.Kind.CHOICE:
            return forms.ChoiceField(
                label=question.label,
                required=question.required,
                choices=[(option, option) for option in question.options()],
                widget=forms.RadioSelect,
            )
        return forms.CharField(
            label=question.label, required=question.required, max_length=ANSWER_MAX_LENGTH
        )

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))

    def answers(self) -> dict[str, str]:
        """Answers by question id, as the registrant read them."""
        return {
            str(question.pk): self.cleaned_data.get(self.field_name(question), "")
            for question in self.questions
            if self.cleaned_data.get(self.field_name(question))
        }


def _aware(naive: dt.datetime | None, zone) -> dt.datetime | None:
    return naive.replace(tzinfo=zone) if naive else None


class SettingsForm(forms.ModelForm):
    opens_at = LocalDateTimeField(label=_("Opens at (venue time)"), required=False)
    closes_at = LocalDateTimeField(
        label=_("Closes at (venue time)"),
        required=False,
        help_text=_("Empty: when the meeting starts."),
    )

    class Meta:
        model = RegistrationSettings
        fields = ["is_open", "opens_at", "closes_at", "places", "ask_organisation"]

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting
        self.zone = meeting.tzinfo
        for name in ("opens_at", "closes_at"):
            value = getattr(self.instance, name)
            if value:
                self.initial[name] = value.astimezone(self.zone).replace(tzinfo=None)

    def clean_opens_at(self):
        return _aware(self.cleaned_data.get("opens_at"), self.zone)

    def clean_closes_at(self):
        return _aware(self.cleaned_data.get("closes_at"), self.zone)


#: A question and its options are written in each required language.
_LABELS = localized_fields("label", required_languages())
_CHOICES = localized_fields("choices", required_languages())


class BaseQuestionFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        for form in self.forms:
            data = getattr(form, "cleaned_data", {})
            if not data or data.get("DELETE"):
                continue
            if not any(data.get(name) for name in _LABELS):
                form.add_error(_LABELS[0], _("Write the question in at least one language."))


QuestionFormSet = inlineformset_factory(
    RegistrationSettings,
    Question,
    formset=BaseQuestionFormSet,
    fields=["order", "kind", *_LABELS, *_CHOICES, "required"],
    labels={
        **language_labels("label", {"el": _("Question in Greek"), "en": _("Question in English")}),
        **language_labels("choices", {"el": _("Options in Greek"), "en": _("Options in English")}),
    },
    widgets={name: forms.Textarea(attrs={"rows": 3}) for name in _CHOICES},
    extra=2,
    can_delete=True,
)


class CheckInCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Check-in code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class DoorSearchForm(forms.Form):
    q = forms.CharField(label=_("Find by name, email or organisation"), required=False)
