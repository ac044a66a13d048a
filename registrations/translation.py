from modeltranslation.translator import TranslationOptions, register

from .models import Question


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("label", "choices")
