from django import forms
from django.conf.global_settings import LANGUAGES as ALL_LANGUAGES
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import DateInput, add_language_fields, language_data

#: The output's title field of each required language.
TITLE_LABELS = {"el": _("Title in Greek"), "en": _("Title in English")}


class PublishForm(forms.Form):
    document_language = forms.ChoiceField(
        label=_("Language of the document"), choices=ALL_LANGUAGES, initial="en"
    )
    published_on = forms.DateField(
        label=_("Published on"),
        initial=timezone.localdate,
        widget=DateInput(),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_language_fields(self, "title", TITLE_LABELS, first=True, max_length=255)

    def title(self) -> dict[str, str]:
        return language_data(self, "title")
