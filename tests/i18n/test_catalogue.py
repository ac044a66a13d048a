"""The Greek catalogue is complete: every interface string in the code has a Greek translation."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib

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


def test_committed_catalogue_has_no_untranslated_or_fuzzy_entries():
    po = polib.pofile(str(ROOT / "locale" / "el" / "LC_MESSAGES" / "django.po"))
    assert untranslated(po) == []


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
            "-l",
            "el",
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
    po = polib.pofile(str(copy / "locale" / "el" / "LC_MESSAGES" / "django.po"))
    assert untranslated(po) == []
