from django import forms
from django.conf.global_settings import LANGUAGES as ALL_LANGUAGES
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import DateInput


class PublishForm(forms.Form):
    title_el = forms.CharField(label=_("Title in Greek"), max_length=255)
    title_en = forms.CharField(label=_("Title in English"), max_length=255)
    document_language = forms.ChoiceField(
        label=_("Language of the document"), choices=ALL_LANGUAGES, initial="en"
    )
    published_on = forms.DateField(
        label=_("Published on"),
        initial=timezone.localdate,
        widget=DateInput(),
    )
