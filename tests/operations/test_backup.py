"""Backups: damaged ones are refused, a restore asks first. The full backup-and-restore drill
is tests/drills/test_backup_restore.py.
"""

import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from operations.backups import BackupError, verify_backup

ROOT = Path(__file__).resolve().parents[2]


def test_a_damaged_backup_is_refused(tmp_path):
    folder = tmp_path / "citisense-x"
    folder.mkdir()
    (folder / "manifest.json").write_text('{"sha256": {"database.dump": "00"}}')
    (folder / "database.dump").write_bytes(b"tampered")
    with pytest.raises(BackupError, match="damaged"):
        verify_backup(folder)


def test_restore_asks_before_replacing_anything(tmp_path, monkeypatch):
    from django.core.management.base import CommandError

    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(tmp_path))


def test_make_targets_exist():
    makefile = (ROOT / "Makefile").read_text()
    assert "\nbackup:" in makefile and "\nrestore:" in makefile
    result = subprocess.run(
        ["make", "-n", "restore"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert "BACKUP=" in result.stdout + result.stderr
