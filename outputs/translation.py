from modeltranslation.translator import TranslationOptions, register

from .models import PublishedOutput


@register(PublishedOutput)
class PublishedOutputTranslationOptions(TranslationOptions):
    fields = ("title", "summary")
