from modeltranslation.translator import TranslationOptions, register

from .models import StandardQuestion, StandardStep


@register(StandardStep)
class StandardStepTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(StandardQuestion)
class StandardQuestionTranslationOptions(TranslationOptions):
    fields = ("label", "choices")
