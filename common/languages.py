"""The content languages and their columns, which language a translated value is actually shown
in, and the same page in each language.

Code never spells a language column (``title_el``) by hand: it asks for ``localized_fields``,
``translations`` or ``set_translations`` here, so adding a language to ``settings.LANGUAGES`` is
the only change a new language needs in the code."""

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TypeVar

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest
from django.urls import NoReverseMatch, Resolver404, get_script_prefix, resolve, reverse
from django.utils.text import capfirst
from django.utils.translation import get_language_info, override
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order

from .sites import site_url
from .static_build import archiving

T = TypeVar("T")

#: Query parameters that change what a page shows and so belong in its canonical address.
CANONICAL_PARAMS = ("page",)
#: Slugs are written from the English text: Latin letters, the network's working language.
SLUG_LANGUAGE = "en"


def language_codes() -> tuple[str, ...]:
    """Every content language, in the site's order (``settings.LANGUAGES``)."""
    return tuple(code for code, _name in settings.LANGUAGES)


def required_languages() -> tuple[str, ...]:
    """The languages every translated content field is written in (Greek and English): the
    workspace's forms ask for these; the others are added where someone wrote them and fall
    back otherwise."""
    return tuple(settings.REQUIRED_CONTENT_LANGUAGES)


def localized_fields(name: str, languages: Iterable[str] | None = None) -> list[str]:
    """The columns of the translated field ``name`` (or of a lookup across a relation,
    ``city__name``): one per language in ``languages``, every language when not given."""
    return [
        build_localized_fieldname(name, code)
        for code in (language_codes() if languages is None else languages)
    ]


def slug_source(name: str) -> str:
    """The column a slug is written from (the admin's ``prepopulated_fields``)."""
    return build_localized_fieldname(name, SLUG_LANGUAGE)


def slug_text(obj, name: str) -> str:
    """The text a slug is made from: ``name`` in English, else in the first language that has it."""
    for code in (SLUG_LANGUAGE, *language_codes()):
        text = getattr(obj, build_localized_fieldname(name, code), None)
        if text:
            return text
    return ""


def translations(name: str, values: Mapping[str, object] | None) -> dict:
    """The columns of ``name`` with their texts from ``values`` (language -> text), for the
    languages given only: keyword arguments for ``Model(...)`` or ``defaults=``. Every language,
    empty where not given: ``localized_values``."""
    return {build_localized_fieldname(name, code): text for code, text in (values or {}).items()}


def translated_values(obj, name: str, languages: Iterable[str] | None = None) -> dict[str, object]:
    """``obj``'s text of ``name`` per language (language -> text), every language when not given."""
    codes = language_codes() if languages is None else languages
    return {code: getattr(obj, build_localized_fieldname(name, code)) for code in codes}


def set_translations(obj, name: str, values: Mapping[str, object]) -> None:
    """Writes the given languages' texts of ``name`` on ``obj``; other languages are kept."""
    unknown = set(values) - set(language_codes())
    if unknown:
        raise ValueError(f"Not a content language: {', '.join(sorted(unknown))}")
    for code, value in values.items():
        setattr(obj, build_localized_fieldname(name, code), value)


def supplying_language(obj, field: str) -> str:
    """The language whose column gives ``obj.<field>`` under the active language.

    modeltranslation falls back silently when the active language's column is empty; pages mark
    such text with its real language so screen readers and translators know.
    """
    active = get_language()
    # A model may fall back further than the site (see ``written_in_any_language``).
    fallbacks = getattr(getattr(type(obj), field, None), "fallback_languages", None)
    for lang in resolution_order(active, fallbacks):
        if getattr(obj, build_localized_fieldname(field, lang), None) not in (None, ""):
            return lang
    return active


def shown_in(row: Mapping[str, object], field: str, languages: Sequence[str]) -> tuple[object, str]:
    """What modeltranslation would show of ``field``, and its language, from a row read with
    ``values()``: its first non-empty column (``<field>_<lang>``) in ``languages`` (the active
    language's resolution order), else an empty text in the active language.

    For lists of many rows, where a model instance per row would cost more than the row.
    """
    for lang, column in _columns_of(field, tuple(languages)):
        value = row[column]
        if value not in (None, ""):
            return value, lang
    return "", languages[0]


@functools.cache
def _columns_of(field: str, languages: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Each language's column of ``field``: a list asks for the same few per row."""
    return tuple((lang, build_localized_fieldname(field, lang)) for lang in languages)


def absolute(path: str) -> str:
    """The public address of a path on the site being served (its network's address, see
    ``common.sites``; never the request's Host header as typed)."""
    return f"{site_url()}{path}"


def language_of(person) -> str:
    """The language a person reads the portal and its emails in: their preferred language when
    the site offers it, else the site's default (also for someone unknown, e.g. None)."""
    language = getattr(person, "preferred_language", "") or ""
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def path_in_language(path_info: str, lang: str, match=None) -> str | None:
    """The same page in another language, or None when the path is not one of ours.

    ``match``: the request's ``resolver_match``, when it has one, to skip resolving again.
    """
    if match is None:
        try:
            match = resolve(path_info)
        except Resolver404:
            return None
    try:
        kwargs = tuple(sorted(match.kwargs.items()))
        return _reverse_in(lang, match.view_name, tuple(match.args), kwargs, get_script_prefix())
    except TypeError:  # an argument that cannot be a key
        with override(lang):
            try:
                return reverse(match.view_name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                return None


@functools.lru_cache(maxsize=4096)
def _reverse_in(lang: str, view_name: str, args: tuple, kwargs: tuple, prefix: str) -> str | None:
    """Every page links to itself in every language: each address is worked out once per
    process (URL patterns do not change while it runs; ``prefix``, the script prefix reverse()
    starts with, is part of the key)."""
    with override(lang):
        try:
            return reverse(view_name, args=args, kwargs=dict(kwargs))
        except NoReverseMatch:
            return None


#: The caches of ``once_per_language``, forgotten with the others below.
_PER_LANGUAGE: list = []


def once_per_language(build: Callable[[], T]) -> Callable[[], T]:
    """``build()`` worked out once per process for each language (the active one when it is
    called) and script prefix: for what every request in one language shares, such as the
    addresses and labels of a page's frame. Forgotten when the URL or language settings
    change (tests)."""
    cached = functools.lru_cache(maxsize=64)(lambda language, prefix: build())
    _PER_LANGUAGE.append(cached)

    @functools.wraps(build)
    def in_active_language() -> T:
        return cached(get_language(), get_script_prefix())

    return in_active_language


@receiver(setting_changed)
def _forget_addresses(*, setting: str, **kwargs) -> None:
    if setting in (
        "ROOT_URLCONF",
        "LANGUAGES",
        "LANGUAGE_CODE",
        "PREFIX_DEFAULT_LANGUAGE",
        "LOCALE_PATHS",
    ):
        _reverse_in.cache_clear()
        _menu_names.cache_clear()
        for cached in _PER_LANGUAGE:
            cached.cache_clear()


@functools.lru_cache(maxsize=16)
def _menu_names(languages: tuple) -> dict[str, str]:
    """As menu items: "Italiano", "Català" (Django spells them in lower case)."""
    return {code: capfirst(get_language_info(code)["name_local"]) for code, _name in languages}


def _canonical_query(request: HttpRequest) -> str:
    kept = request.GET.copy()
    for key in list(kept):
        if key not in CANONICAL_PARAMS or kept.get(key) in ("", "1"):
            del kept[key]
    return f"?{kept.urlencode()}" if kept else ""


def language_versions(request: HttpRequest) -> list[dict]:
    """One entry per language: the switcher's link and the hreflang/canonical addresses."""
    active = get_language()
    query = request.GET.urlencode()
    canonical_query = _canonical_query(request)
    versions = []
    building = archiving()
    names = _menu_names(tuple(settings.LANGUAGES))
    for code, _name in settings.LANGUAGES:
        if building is not None and code not in building.languages:
            continue  # an archive links only to the languages it holds
        path = path_in_language(request.path_info, code, getattr(request, "resolver_match", None))
        if path is None:
            # An unknown address: send the visitor to the other language's home page.
            path = _reverse_in(code, "portal:home", (), (), get_script_prefix())
            link, public = path, None
        else:
            link = f"{path}?{query}" if query else path
            public = absolute(path + canonical_query)
        versions.append(
            {
                "code": code,
                "name": names[code],
                "link": link,
                "absolute": public,
                "is_active": code == active,
            }
        )
    return versions


def translated_columns(name: str) -> list[str]:
    """The columns of the translated field ``name`` that the active language shows (its own and
    its fallbacks', for ``values()`` and ``only()`` across a relation, which modeltranslation
    does not expand): a list reads the same columns however many languages the site has."""
    return [build_localized_fieldname(name, lang) for lang in resolution_order(get_language())]


def written_in_any_language() -> dict[str, tuple[str, ...]]:
    """Fallback languages for texts people write in whatever language they work in (a step's
    title, a measurement's note): every language, so that nobody reads an empty text where
    someone wrote one in Latvian. Pages mark such text with its language."""
    preferred = tuple(settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"])
    return {"default": preferred + tuple(c for c, _n in settings.LANGUAGES if c not in preferred)}


def localized_values(field: str, values: Mapping[str, str] | None) -> dict[str, str]:
    """Every language column of the translated ``field``, from ``{"el": …, "en": …}`` (a data
    file's text): the text in each language given, empty in the others (which then fall back)."""
    values = values or {}
    return translations(field, {code: values.get(code, "") for code in language_codes()})


def missing_translations(obj, field: str, values: Mapping[str, str] | None) -> dict[str, str]:
    """The columns of ``field`` that ``obj`` leaves empty and ``values`` fills, unless someone
    changed the text since it was loaded (a filled column that differs): then none, so that a
    data file loaded again adds languages without undoing anybody's edit."""
    wanted = localized_values(field, values)
    current = {column: getattr(obj, column) or "" for column in wanted}
    if any(current[column] and current[column] != text for column, text in wanted.items()):
        return {}
    return {column: text for column, text in wanted.items() if text and not current[column]}


def shown_text(model, field: str):
    """What modeltranslation shows of ``field`` under the active language, as one database
    expression: its first non-empty column in the field's fallback order. For ``values()`` in a
    union, where every kind of row must give the same columns (modeltranslation's own
    ``values()`` gives one column per language). An untranslated field is read as it is."""
    from django.db.models import CharField, F, Value
    from django.db.models.functions import Coalesce, NullIf
    from modeltranslation.translator import NotRegistered, translator

    try:
        translated = field in translator.get_options_for_model(model).fields
    except NotRegistered:
        translated = False
    if not translated:
        return F(field)
    fallbacks = getattr(getattr(model, field, None), "fallback_languages", None)
    columns = [
        NullIf(F(build_localized_fieldname(field, lang)), Value(""), output_field=CharField())
        for lang in resolution_order(get_language(), fallbacks)
    ]
    return Coalesce(*columns, Value(""), output_field=CharField())
