"""Alphabetical order as the active interface language sorts words.

Accents do not change a word's place (``é`` sorts with ``e``) except for the letters that a
language counts as letters of their own and places after their base letter: Latvian ``č``
after ``c``, Hungarian ``ö`` after ``o``, Spanish ``ñ`` after ``n``. Case and accents only
break ties. (Hungarian's double letters, ``cs`` or ``gy``, are not treated as one letter.)
"""

import unicodedata

from django.utils.translation import get_language

#: Letters sorted after their base letter, per language (lower case).
OWN_LETTERS = {
    "lv": "čģķļņšž",
    "hu": "öőüű",
    "es": "ñ",
}


def _base(char: str) -> str:
    decomposed = unicodedata.normalize("NFD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)) or char


def sort_key(text: str, language: str | None = None) -> tuple:
    """A key for ``sorted()`` that orders ``text`` as ``language`` (default: the active one)."""
    own = OWN_LETTERS.get((language or get_language() or "").split("-")[0], "")
    folded = unicodedata.normalize("NFC", text or "").casefold().replace("ς", "σ")
    primary = tuple((_base(char), 1) if char in own else (_base(char), 0) for char in folded)
    return (primary, folded, text or "")
