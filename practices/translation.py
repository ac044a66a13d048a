from modeltranslation.translator import TranslationOptions, register

from common.languages import written_in_any_language

from .models import Practice, Transfer, TransferStep


@register(Practice)
class PracticeTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "description")


@register(Transfer)
class TransferTranslationOptions(TranslationOptions):
    fields = ("adaptation_notes",)


@register(TransferStep)
class TransferStepTranslationOptions(TranslationOptions):
    """A standard step's name comes in every language from the data file; a step a coordinator
    adds is named in their language, which every other language falls back to."""

    fields = ("title",)
    fallback_languages = written_in_any_language()


@register(TransferStep.history.model)
class HistoricalTransferStepTranslationOptions(TranslationOptions):
    """The history keeps a step's title in every language, as the step does."""

    fields = ("title",)
    fallback_languages = written_in_any_language()
