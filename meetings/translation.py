from modeltranslation.translator import TranslationOptions, register

from .models import AgendaItem, Meeting


@register(Meeting)
class MeetingTranslationOptions(TranslationOptions):
    fields = ("title", "agenda", "venue", "minutes_summary")


@register(AgendaItem)
class AgendaItemTranslationOptions(TranslationOptions):
    fields = ("title", "description")
