from modeltranslation.translator import TranslationOptions, register

from common.languages import written_in_any_language

from .models import Indicator, Measurement, Series


@register(Indicator)
class IndicatorTranslationOptions(TranslationOptions):
    fields = ("name", "description", "unit", "unit_one")


@register(Series)
class SeriesTranslationOptions(TranslationOptions):
    """Where a baseline comes from, as the city wrote it (in any language)."""

    fields = ("baseline_source",)
    fallback_languages = written_in_any_language()


@register(Measurement)
class MeasurementTranslationOptions(TranslationOptions):
    fields = ("note",)
    fallback_languages = written_in_any_language()
