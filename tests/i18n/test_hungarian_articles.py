"""Hungarian never writes the lazy "a(z)": a sentence whose placeholder needs an article is
rewritten so the article belongs to a fixed noun ("erre a címre: %(email)s")."""

import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted((ROOT / "locale" / "hu" / "LC_MESSAGES").glob("*.po"))
LAZY_ARTICLE = re.compile(r"\ba\(z\)", re.IGNORECASE)


def translations(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[n] for n in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def test_there_is_a_hungarian_catalogue():
    assert ROOT / "locale" / "hu" / "LC_MESSAGES" / "django.po" in CATALOGUES


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.name)
def test_no_hungarian_translation_uses_the_lazy_article(path):
    lazy = [
        (entry.msgid, text)
        for entry in polib.pofile(str(path))
        if not entry.obsolete
        for text in translations(entry)
        if LAZY_ARTICLE.search(text)
    ]
    assert lazy == []
