"""Fill the catalogues from JSON files of translations, in any language.

A translations file holds {language: {key: translation}}. A key is the msgid, or
"context::msgid" for an entry with a msgctxt, or "msgid|msgid_plural" for a plural entry, whose
translation is then a list with one string per plural form (Latvian has three).

Usage:
  python scripts/po_fill.py missing LANG           # untranslated or fuzzy keys of LANG, as JSON
  python scripts/po_fill.py apply FILE.json [...]  # apply every language in the files
Run `manage.py makemessages --all --no-obsolete --no-location …` first (see the README). Keep the
files you apply: after a merge, regenerate the catalogues and apply them again.
"""

import json
import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"), wrapwidth=100)


def key_of(entry: polib.POEntry) -> str:
    key = entry.msgid if not entry.msgid_plural else f"{entry.msgid}|{entry.msgid_plural}"
    return f"{entry.msgctxt}::{key}" if entry.msgctxt else key


def is_missing(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        empty = not entry.msgstr_plural or not all(entry.msgstr_plural.values())
    else:
        empty = not entry.msgstr
    return empty or "fuzzy" in entry.flags


def missing(po: polib.POFile) -> list[str]:
    return [key_of(entry) for entry in po if not entry.obsolete and is_missing(entry)]


def apply(po: polib.POFile, translations: dict) -> int:
    applied = 0
    for entry in po:
        if entry.obsolete:
            continue
        value = translations.get(key_of(entry))
        if value is None:
            continue
        if entry.msgid_plural:
            forms = value if isinstance(value, list) else [value]
            count = len(entry.msgstr_plural) or len(forms)
            entry.msgstr_plural = {n: forms[min(n, len(forms) - 1)] for n in range(count)}
        else:
            entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
            entry.previous_msgid = None
            entry.previous_msgid_plural = None
            entry.previous_msgctxt = None
        applied += 1
    return applied


def main() -> int:
    command, args = sys.argv[1:2], sys.argv[2:]
    if command == ["missing"] and len(args) == 1:
        print(json.dumps(missing(catalogue(args[0])), ensure_ascii=False, indent=2))
        return 0
    if command == ["apply"] and args:
        by_language: dict[str, dict] = {}
        for path in args:
            for language, entries in json.loads(Path(path).read_text(encoding="utf-8")).items():
                by_language.setdefault(language, {}).update(entries)
        for language, translations in sorted(by_language.items()):
            po = catalogue(language)
            count = apply(po, translations)
            po.save()
            print(f"{language}: applied {count}; still missing {len(missing(po))}")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
