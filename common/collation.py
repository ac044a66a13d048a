"""Alphabetical order as the active interface language sorts words.

Accents do not change a word's place (``é`` sorts with ``e``) except for the letters that a
language counts as letters of their own and places after their base letter: Latvian ``č``
after ``c``, Hungarian ``ö`` after ``o``, Spanish ``ñ`` after ``n``. Hungarian's double and
triple letters (``cs``, ``gy``, ``sz``, ``dzs`` …) are letters too, each after its first letter:
``cukor`` before ``csak``. Case and accents only break ties.
"""

import re
import unicodedata

from django.utils.translation import get_language

#: Letters sorted after their base letter, per language (lower case).
OWN_LETTERS = {
    "lv": "čģķļņšž",
    "hu": "öőüű",
    "es": "ñ",
}
#: Letters written with more than one character, in alphabetical order after their first
#: character (longest first, so that ``dzs`` is read before ``dz``).
MULTI_LETTERS = {
    "hu": ("dzs", "cs", "dz", "gy", "ly", "ny", "sz", "ty", "zs"),
}
_SINGLE = re.compile(".", re.DOTALL)
_SPLITTERS = {
    language: re.compile("|".join(letters) + "|.", re.DOTALL)
    for language, letters in MULTI_LETTERS.items()
}


def _base(char: str) -> str:
    decomposed = unicodedata.normalize("NFD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)) or char


def _place(letter: str, own: str) -> tuple[str, int]:
    """Where one letter sorts: its base character, then how far after it the letter comes."""
    if len(letter) > 1:
        return (letter[0], len(letter))  # "cs" (2) after every "c…", "dzs" (3) after "dz"
    return (_base(letter), 1 if letter in own else 0)


def sort_key(text: str, language: str | None = None) -> tuple:
    """A key for ``sorted()`` that orders ``text`` as ``language`` (default: the active one)."""
    code = (language or get_language() or "").split("-")[0]
    own = OWN_LETTERS.get(code, "")
    folded = unicodedata.normalize("NFC", text or "").casefold().replace("ς", "σ")
    letters = _SPLITTERS.get(code, _SINGLE).findall(folded)
    primary = tuple(_place(letter, own) for letter in letters)
    return (primary, folded, text or "")
