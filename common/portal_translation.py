"""Which of an object's texts are the portal team's translation, not the network's own words.

A network writes its texts in its working languages; the portal team may translate them into the
partners' languages so that every visitor can read them. Those translations are ours, and the data
file, the admin and the public pages say so: an object lists the languages in which its texts are
the portal's translation (``portal_translations``), and lead staff clear a language when the
network supplies its own text.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def _codes(value) -> list[str]:
    """The site's language codes in ``value`` ("it lv" or a list), in the site's order."""
    if value in (None, ""):
        return []
    asked = set(value.split() if isinstance(value, str) else value)
    return [code for code, _name in settings.LANGUAGES if code in asked] + sorted(
        asked - {code for code, _name in settings.LANGUAGES}
    )


class LanguageCodesField(models.CharField):
    """Some of the site's languages, stored as their codes separated by spaces ("it lv hu")."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return _codes(value)

    def to_python(self, value):
        return _codes(value)

    def get_prep_value(self, value):
        return " ".join(_codes(value))

    def value_to_string(self, obj):
        return " ".join(_codes(self.value_from_object(obj)))

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        known = {code for code, _name in settings.LANGUAGES}
        unknown = [code for code in _codes(value) if code not in known]
        if unknown:
            raise ValidationError(
                _("Unknown language code: %(codes)s."),
                code="invalid",
                params={"codes": ", ".join(unknown)},
            )

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=settings.LANGUAGES,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=kwargs.get("label", self.verbose_name),
            help_text=self.help_text,
        )


class PortalTranslated(models.Model):
    """For a model with translated texts that the portal team may have translated."""

    portal_translations = LanguageCodesField(
        _("translated by the portal team"),
        help_text=_(
            "The languages in which these texts are the portal team's translation, not the "
            "network's own words. Untick a language when the network gives its own text."
        ),
    )

    class Meta:
        abstract = True

    def is_portal_translation(self, lang: str | None = None) -> bool:
        """Whether the texts shown in ``lang`` (the active language) are our translation."""
        return (lang or get_language()) in self.portal_translations
