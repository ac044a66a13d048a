"""Fill the Greek catalogue from a JSON file of {msgid: msgstr} (plurals: msgid -> [one, other]).

Usage:
  python scripts/po_fill.py missing             # list untranslated or fuzzy msgids as JSON
  python scripts/po_fill.py apply FILE.json     # apply translations, clear fuzzy flags
  python scripts/po_fill.py merge A.po [B.po …]  # take translations found in other catalogues
Run `manage.py makemessages -l el` first; hold `flock /tmp/citisense-po.lock` around both when
several people edit the catalogue at once.
"""

import json
import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parent.parent / "locale" / "el" / "LC_MESSAGES" / "django.po"


def missing(po: polib.POFile) -> list[str]:
    out = []
    for entry in po:
        if entry.obsolete:
            continue
        empty = (
            not entry.msgstr if not entry.msgid_plural else not all(entry.msgstr_plural.values())
        )
        if empty or "fuzzy" in entry.flags:
            out.append(
                entry.msgid if not entry.msgid_plural else f"{entry.msgid}|{entry.msgid_plural}"
            )
    return out


def apply(po: polib.POFile, translations: dict) -> int:
    applied = 0
    for entry in po:
        if entry.obsolete:
            continue
        key = entry.msgid if not entry.msgid_plural else f"{entry.msgid}|{entry.msgid_plural}"
        value = translations.get(key, translations.get(entry.msgid))
        if value is None:
            continue
        if entry.msgid_plural:
            forms = value if isinstance(value, list) else [value, value]
            entry.msgstr_plural = {0: forms[0], 1: forms[-1]}
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
    po = polib.pofile(str(PO), wrapwidth=100)
    if sys.argv[1:2] == ["missing"]:
        print(json.dumps(missing(po), ensure_ascii=False, indent=2))
        return 0
    if sys.argv[1:2] == ["apply"] and len(sys.argv) == 3:
        translations = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
        count = apply(po, translations)
        po.save()
        left = missing(po)
        print(f"applied {count}; still missing {len(left)}")
        return 0
    if sys.argv[1:2] == ["merge"] and len(sys.argv) >= 3:
        translations: dict = {}
        for path in sys.argv[2:]:
            for entry in polib.pofile(path):
                if entry.obsolete or "fuzzy" in entry.flags:
                    continue
                if entry.msgid_plural and all(entry.msgstr_plural.values()):
                    key = f"{entry.msgid}|{entry.msgid_plural}"
                    translations[key] = [entry.msgstr_plural[0], entry.msgstr_plural[1]]
                elif entry.msgstr:
                    translations[entry.msgid] = entry.msgstr
        count = apply(po, translations)
        po.save()
        print(f"merged {count}; still missing {len(missing(po))}")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
