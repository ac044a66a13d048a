from modeltranslation.translator import TranslationOptions, register

from .models import Practice, Transfer


@register(Practice)
class PracticeTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "description")


@register(Transfer)
class TransferTranslationOptions(TranslationOptions):
    fields = ("adaptation_notes",)
