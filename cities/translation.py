from modeltranslation.translator import TranslationOptions, register

from .models import City, Network, NetworkClosure


@register(Network)
class NetworkTranslationOptions(TranslationOptions):
    fields = ("tagline", "description", "good_practice")


@register(City)
class CityTranslationOptions(TranslationOptions):
    fields = ("name", "description", "ulg_description")


@register(NetworkClosure)
class NetworkClosureTranslationOptions(TranslationOptions):
    fields = ("final_story", "prizes")
