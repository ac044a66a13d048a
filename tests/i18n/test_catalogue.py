"""Every interface language's catalogue is complete: every string in the code is translated,
nothing is fuzzy, and the plural forms are the language's own (``msgfmt --check``)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
IGNORED = shutil.ignore_patterns(
    ".venv", "var", ".git", "build", "__pycache__", "*.mo", "node_modules"
)


def untranslated(po: polib.POFile) -> list[str]:
    return [
        entry.msgid
        for entry in po
        if not entry.obsolete and (not entry.translated() or "fuzzy" in entry.flags)
    ]


#: The strings are written in English, which needs no catalogue.
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != "en"]
#: How many plural forms each language has (gettext's Plural-Forms header).
PLURAL_FORMS = {"lv": 3}


def catalogue(language: str) -> Path:
    return ROOT / "locale" / language / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("language", TRANSLATED)
def test_committed_catalogue_has_no_untranslated_or_fuzzy_entries(language):
    assert catalogue(language).exists(), f"no catalogue for {language}"
    po = polib.pofile(str(catalogue(language)))
    assert po.metadata.get("Language") == language
    assert untranslated(po) == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogue_is_written_in_its_language_not_copied_from_english(language):
    """A few entries are the same in English (names, "CSV", a loanword like Italian
    "password"); a catalogue that repeats its English is not a translation."""
    assert catalogue(language).exists(), f"no catalogue for {language}"
    entries = [e for e in polib.pofile(str(catalogue(language))) if not e.obsolete]
    same = [e.msgid for e in entries if not e.msgid_plural and e.msgstr == e.msgid]
    assert len(same) <= len(entries) * 0.04, same


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogue_passes_msgfmt_check_with_the_right_plural_forms(language):
    assert catalogue(language).exists(), f"no catalogue for {language}"
    po = polib.pofile(str(catalogue(language)))
    plural_forms = po.metadata.get("Plural-Forms", "")
    assert f"nplurals={PLURAL_FORMS.get(language, 2)};" in plural_forms.replace(" ", "")
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(catalogue(language))],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogue_has_the_same_strings_as_the_greek_one(language):
    """No catalogue lags behind or keeps strings the code no longer has."""
    assert catalogue(language).exists(), f"no catalogue for {language}"
    keys = [
        {(e.msgid, e.msgid_plural) for e in polib.pofile(str(catalogue(code))) if not e.obsolete}
        for code in ("el", language)
    ]
    assert keys[1] == keys[0]


def test_every_string_in_the_code_is_in_the_catalogue(tmp_path):
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=IGNORED)
    env = {**os.environ, "DJANGO_DEBUG": "1"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            *(f"--locale={code}" for code in TRANSLATED if catalogue(code).exists()),
            "--no-obsolete",
            "--ignore=tests",
            "--ignore=var",
            "--ignore=.venv",
            "--ignore=build",
        ],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    for code in TRANSLATED:
        path = copy / "locale" / code / "LC_MESSAGES" / "django.po"
        if path.exists():
            assert untranslated(polib.pofile(str(path))) == [], code
