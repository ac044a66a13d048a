"""Dates and names inside translated sentences, in the form each language gives them there.

A sentence is translated whole, with ``{placeholders}`` (``say``). A date placeholder reads as
the date stands alone (``{end}``: "31 August 2026"), or with its month in the case the
translation needs: ``{end.genitive}``, ``{end.dative}``, ``{end.locative}``,
``{end.accusative}`` ("beidzās 2026. gada 31. augustā", "līdz 2027. gada 26. februārim",
"μεταξύ Οκτωβρίου 2024 και Οκτωβρίου 2025", "από τον Σεπτέμβριο 2024"). A name placeholder may
ask for its Hungarian definite article: ``{name.Article}`` / ``{name.article}`` ("A
CITISENSE", "az URBACT"), decided by the name's first sound. Italian and Catalan dates take
their preposition and article as one, by the date's first sound: ``{start.da}`` ``{end.a}``
``{day.il}`` ("dal 1º settembre 2024", "all'11 agosto", "da settembre 2024 ad agosto 2026"),
``{start.del}`` ``{end.al}`` ``{day.el}`` ("de l’1 de setembre de 2024 al 31 d’agost").

The catalogues hold each month in each case (contexts "month nominative", "month genitive",
…), where day, month and year go ("date in a sentence", "month in a sentence") and how the
first day of a month is written ("1º" in Italian). Only the cases a language uses need differ
from the plain name; English gives the same word for all.

Sentences with these placeholders are marked ``# xgettext:no-python-brace-format``: the case
is chosen by the translation, so its placeholders differ from the English ones on purpose
(tests/i18n/test_date_phrases.py checks every catalogue uses only known names and cases).
"""

import datetime as dt
import functools
import re
from collections.abc import Callable
from importlib import import_module

from django.utils import dateformat, formats
from django.utils.dates import MONTHS_ALT
from django.utils.translation import pgettext, pgettext_lazy

CASES = ("nominative", "genitive", "dative", "locative", "accusative")
ARTICLES = ("Article", "article")
ITALIAN = ("da", "a", "il")
CATALAN = ("del", "al", "el")
FORMS = CASES + ARTICLES + ITALIAN + CATALAN

MONTHS = {
    "nominative": (
        pgettext_lazy("month nominative", "January"),
        pgettext_lazy("month nominative", "February"),
        pgettext_lazy("month nominative", "March"),
        pgettext_lazy("month nominative", "April"),
        pgettext_lazy("month nominative", "May"),
        pgettext_lazy("month nominative", "June"),
        pgettext_lazy("month nominative", "July"),
        pgettext_lazy("month nominative", "August"),
        pgettext_lazy("month nominative", "September"),
        pgettext_lazy("month nominative", "October"),
        pgettext_lazy("month nominative", "November"),
        pgettext_lazy("month nominative", "December"),
    ),
    "genitive": (
        pgettext_lazy("month genitive", "January"),
        pgettext_lazy("month genitive", "February"),
        pgettext_lazy("month genitive", "March"),
        pgettext_lazy("month genitive", "April"),
        pgettext_lazy("month genitive", "May"),
        pgettext_lazy("month genitive", "June"),
        pgettext_lazy("month genitive", "July"),
        pgettext_lazy("month genitive", "August"),
        pgettext_lazy("month genitive", "September"),
        pgettext_lazy("month genitive", "October"),
        pgettext_lazy("month genitive", "November"),
        pgettext_lazy("month genitive", "December"),
    ),
    "dative": (
        pgettext_lazy("month dative", "January"),
        pgettext_lazy("month dative", "February"),
        pgettext_lazy("month dative", "March"),
        pgettext_lazy("month dative", "April"),
        pgettext_lazy("month dative", "May"),
        pgettext_lazy("month dative", "June"),
        pgettext_lazy("month dative", "July"),
        pgettext_lazy("month dative", "August"),
        pgettext_lazy("month dative", "September"),
        pgettext_lazy("month dative", "October"),
        pgettext_lazy("month dative", "November"),
        pgettext_lazy("month dative", "December"),
    ),
    "locative": (
        pgettext_lazy("month locative", "January"),
        pgettext_lazy("month locative", "February"),
        pgettext_lazy("month locative", "March"),
        pgettext_lazy("month locative", "April"),
        pgettext_lazy("month locative", "May"),
        pgettext_lazy("month locative", "June"),
        pgettext_lazy("month locative", "July"),
        pgettext_lazy("month locative", "August"),
        pgettext_lazy("month locative", "September"),
        pgettext_lazy("month locative", "October"),
        pgettext_lazy("month locative", "November"),
        pgettext_lazy("month locative", "December"),
    ),
    "accusative": (
        pgettext_lazy("month accusative", "January"),
        pgettext_lazy("month accusative", "February"),
        pgettext_lazy("month accusative", "March"),
        pgettext_lazy("month accusative", "April"),
        pgettext_lazy("month accusative", "May"),
        pgettext_lazy("month accusative", "June"),
        pgettext_lazy("month accusative", "July"),
        pgettext_lazy("month accusative", "August"),
        pgettext_lazy("month accusative", "September"),
        pgettext_lazy("month accusative", "October"),
        pgettext_lazy("month accusative", "November"),
        pgettext_lazy("month accusative", "December"),
    ),
}


_AFTER_DAY = tuple(MONTHS_ALT[number] for number in range(1, 13))


class Day:
    """A date in a sentence: "31 August 2026", "2026. gada 31. augustā"."""

    def __init__(self, value: dt.date):
        self.value = value.date() if isinstance(value, dt.datetime) else value

    def form(self, case: str | None = None) -> str:
        if case in ITALIAN or case in CATALAN:
            return _contracted(case, self.form(), vowel=self.value.day in _VOWEL_DAYS[case])
        value = self.value
        # Standing alone, the month takes the form it has after a day (Greek genitive, Catalan
        # "d’agost"); a case asked for by the sentence replaces it.
        month = MONTHS.get(case, _AFTER_DAY)
        day = pgettext("the first day of a month", "1") if value.day == 1 else str(value.day)
        # xgettext:no-python-brace-format
        pattern = pgettext("date in a sentence", "{day} {month} {year}")
        return _fill(
            pattern, {"day": day, "month": str(month[value.month - 1]), "year": value.year}
        )

    def __str__(self) -> str:
        return self.form()


class Moment(Day):
    """A day and its time: "3 March 2026, 10:00", "2026. gada 3. martā plkst. 10:00"."""

    def __init__(self, value: dt.datetime):
        super().__init__(value)
        self.moment = value

    def form(self, case: str | None = None) -> str:
        if case in ITALIAN or case in CATALAN:
            return super().form(case)  # the preposition before the whole day and time
        # xgettext:no-python-brace-format
        pattern = pgettext("date and time in a sentence", "{date}, {time}")
        time = formats.time_format(self.moment, "TIME_FORMAT")
        return _fill(pattern, {"date": super().form(case), "time": time})


class Month(Day):
    """A month in a sentence: "September 2024", "2024. gada septembra", "Σεπτεμβρίου 2024"."""

    def form(self, case: str | None = None) -> str:
        if case in ITALIAN or case in CATALAN:
            # Italian months take no article ("da settembre 2024 ad agosto 2026"); Catalan ones do
            # ("del setembre de 2024 a l’agost de 2026").
            # Catalan elides before abril, agost, octubre; Italian writes "ad" before an "a" only
            # ("ad agosto", "a ottobre").
            vowel = self.value.month in ((4, 8) if case == "a" else (4, 8, 10))
            return _contracted(case, self.form(), vowel=vowel, month=True)
        month = MONTHS[case if case in MONTHS else "nominative"][self.value.month - 1]
        # xgettext:no-python-brace-format
        pattern = pgettext("month in a sentence", "{month} {year}")
        return _fill(pattern, {"month": str(month), "year": self.value.year})


# Days of the month read with a vowel first: Italian otto, undici (1 is "1º", primo); Catalan
# u (l’1), onze (l’11).
_VOWEL_DAYS = {
    "da": {8, 11},
    "a": {8, 11},
    "il": {8, 11},
    "del": {1, 11},
    "al": {1, 11},
    "el": {1, 11},
}
_CONTRACTED = {
    # form: (before a consonant, before a vowel) for a day; then the same for a month
    "da": ("dal ", "dall’", "da ", "da "),
    "a": ("al ", "all’", "a ", "ad "),
    "il": ("il ", "l’", "", ""),
    "del": ("del ", "de l’", "del ", "de l’"),
    "al": ("al ", "a l’", "al ", "a l’"),
    "el": ("el ", "l’", "el ", "l’"),
}


def _contracted(form: str, text: str, *, vowel: bool, month: bool = False) -> str:
    before_consonant, before_vowel = _CONTRACTED[form][2:] if month else _CONTRACTED[form][:2]
    return (before_vowel if vowel else before_consonant) + text


_VOWELS = set("aáeéiíoóöőuúüűAÁEÉIÍOÓÖŐUÚÜŰ")
# Letters whose Hungarian names start with a vowel sound: ef, el, em, en, er, es, iksz.
_VOWEL_LETTER_NAMES = _VOWELS | set("FLMNRSX")


def hungarian_article(word: str) -> str:
    """ "az" before a vowel sound, else "a": az URBACT, a CITISENSE, az 1., a 2., az 5."""
    word = word.lstrip(" „“\"'(«")
    if not word:
        return "a"
    digits = re.match(r"\d+", word)
    if digits:
        number = digits.group()
        # egy, öt, ötven…, ezer…, egymillió…: the numbers read with a vowel first.
        return (
            "az"
            if number == "1" or number[0] == "5" or (len(number) in (4, 7) and number[0] == "1")
            else "a"
        )
    head = re.match(r"[^\W\d_]+", word)
    letters = head.group() if head else word
    if letters.isupper() and 1 < len(letters) <= 4:  # an abbreviation read letter by letter
        return "az" if letters[0] in _VOWEL_LETTER_NAMES else "a"
    return "az" if letters[0] in _VOWELS else "a"


_PLACEHOLDER = re.compile(r"\{(\w+)(?:\.(\w+))?\}")


def _fill(template: str, values: dict) -> str:
    def replace(match: re.Match) -> str:
        name, form = match.groups()
        if name not in values:
            return match.group()
        value = values[name]
        if isinstance(value, Day):
            return value.form(form)
        if form in ARTICLES:
            article = hungarian_article(str(value))
            return article.capitalize() if form == "Article" else article
        return str(value)

    return _PLACEHOLDER.sub(replace, str(template))


def say(sentence, **values) -> str:
    """``sentence`` (already translated) with its placeholders filled: dates (``Day``,
    ``Month``) in the case the translation asks for, names with their article."""
    return _fill(sentence, values)


# Short phrases around one or two dates, for any page (``{% date_phrase %}`` in templates).
PHRASES = {
    "since": pgettext_lazy(
        "date phrase",
        # xgettext:no-python-brace-format
        "since {day}",
    ),
    "left": pgettext_lazy(
        "date phrase: an organisation left a group",
        # xgettext:no-python-brace-format
        "left on {day}",
    ),
}


def _when(value):
    if isinstance(value, dt.datetime):
        return Moment(value)
    return Day(value) if isinstance(value, dt.date) else value


def date_phrase(key: str, **dates) -> str:
    """A short phrase with its dates: ``PHRASES[key]``, or for "app:key" the ``PHRASES`` of
    that app's ``phrases`` module (where an app keeps its own sentences about dates)."""
    if ":" in key:
        app, key = key.split(":", 1)
        sentences = import_module(f"{app}.phrases").PHRASES
    else:
        sentences = PHRASES
    values = {name: _when(value) for name, value in dates.items()}
    return say(sentences[key], **values)


#: The specifiers of a date format that are plain numbers or a month's name, as
#: ``django.utils.dateformat`` writes them. The short formats of every language are made of
#: numbers alone (``d/m/Y``, ``j.m.Y``, ``Y.m.d.``), the long ones add the month's name
#: (``j E Y``, ``Y. F j.``); writing them directly costs a fraction of ``date_format``, which is
#: most of a long list's Python time. The names are Django's, in the active language.
_NUMBERS: dict[str, Callable[[dt.date], str]] = {
    "d": lambda day: f"{day.day:02d}",
    "j": lambda day: str(day.day),
    "m": lambda day: f"{day.month:02d}",
    "n": lambda day: str(day.month),
    "y": lambda day: f"{day.year % 100:02d}",
    "Y": lambda day: f"{day.year:04d}",
    "F": lambda day: str(dateformat.MONTHS[day.month]),
    "E": lambda day: str(dateformat.MONTHS_ALT[day.month]),
}


@functools.cache
def _numeric_format(format_string: str) -> tuple | None:
    """``format_string`` as its literal texts and number writers, split as Django's
    ``dateformat`` splits it; None when it names anything else (a month's name, a weekday),
    which ``date_format`` writes. Formats are few (one per language and kind): one split
    each per process."""
    pieces = []
    for i, piece in enumerate(dateformat.re_formatchars.split(format_string)):
        if i % 2:
            if piece not in _NUMBERS:
                return None
            pieces.append(_NUMBERS[piece])
        elif piece:
            pieces.append(dateformat.re_escaped.sub(r"\1", piece))
    return tuple(pieces)


class DayTexts:
    """Each distinct day written once per list in each format (``"SHORT_DATE_FORMAT"``, …) of
    the active language: a list repeats its days, and ``date_format`` is the dear part of a
    row. A format of numbers and month names only is looked up once per list and written
    without Django's formatter (the same text)."""

    def __init__(self) -> None:
        self._texts: dict[tuple, str] = {}
        self._formats: dict[str, tuple | None] = {}

    def __call__(self, day: dt.date | None, fmt: str) -> str:
        if day is None:
            return ""
        text = self._texts.get((day, fmt))
        if text is None:
            text = self._texts[day, fmt] = self._write(day, fmt)
        return text

    def _write(self, day: dt.date, fmt: str) -> str:
        if fmt not in self._formats:
            self._formats[fmt] = _numeric_format(str(formats.get_format(fmt)))
        pieces = self._formats[fmt]
        if pieces is None or type(day) is not dt.date:
            return formats.date_format(day, fmt)
        return "".join(piece if type(piece) is str else piece(day) for piece in pieces)
