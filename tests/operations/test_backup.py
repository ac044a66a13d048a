"""Backups: a dump restored into an empty database has every record and every file."""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection

from cities.models import City
from operations.backups import BackupError, verify_backup
from practices.models import Deliverable
from tests.factories import (
    ArticleFactory,
    MembershipFactory,
    TransferStepFactory,
    UserFactory,
    activate_totp,
)

ROOT = Path(__file__).resolve().parents[2]


def _table_rows(conn_params: dict) -> dict[str, list[tuple]]:
    with psycopg.connect(**conn_params) as conn, conn.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
        tables = [row[0] for row in cursor.fetchall()]
        rows = {}
        for table in tables:
            cursor.execute(f'SELECT * FROM "{table}" ORDER BY 1')
            rows[table] = cursor.fetchall()
        return rows


def _files(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _params(name: str) -> dict:
    settings_dict = connection.settings_dict
    return {
        "host": settings_dict["HOST"] or "127.0.0.1",
        "port": settings_dict["PORT"] or 5432,
        "user": settings_dict["USER"] or "postgres",
        "password": settings_dict["PASSWORD"] or None,
        "dbname": name,
    }


@pytest.fixture
def empty_database():
    name = f"{connection.settings_dict['NAME']}_restore"
    admin = {**_params("postgres")}
    with psycopg.connect(**admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(**admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_an_empty_database(settings, tmp_path, empty_database):
    # A realistic network: seed data, demo people, history rows, public and private files.
    call_command("seed_demo", verbosity=0)
    coordinator = UserFactory(email="backup-person@example.org")
    MembershipFactory(user=coordinator, city=City.objects.first())
    activate_totp(coordinator)
    step = TransferStepFactory(progress=60, status="in_progress")
    step.progress = 70
    step.save()
    article = ArticleFactory()
    article.cover_image.save("cover.png", ContentFile(b"\x89PNG\r\n\x1a\nnot-really"))
    deliverable = Deliverable.objects.filter(city__isnull=False).first()
    deliverable.file.save("plan.pdf", ContentFile(b"%PDF-1.7 the plan"))

    call_command("backup", output=str(tmp_path / "backups"), verbosity=0)
    (backup_folder,) = (tmp_path / "backups").iterdir()
    assert oct(backup_folder.stat().st_mode & 0o777) == "0o700"
    verify_backup(backup_folder)

    restored_media = tmp_path / "restored" / "media"
    restored_private = tmp_path / "restored" / "private"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "citisense.test_settings",
            "DATABASE_URL": "postgres://{user}@{host}:{port}/{dbname}".format(
                **_params(empty_database)
            ),
            "MEDIA_ROOT": str(restored_media),
            "PRIVATE_MEDIA_ROOT": str(restored_private),
        }
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(backup_folder), "--no-input"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr

    original = _table_rows(_params(connection.settings_dict["NAME"]))
    restored = _table_rows(_params(empty_database))
    assert set(restored) == set(original)
    assert sum(len(rows) for rows in original.values()) > 100
    for table, rows in original.items():
        assert restored[table] == rows, table

    assert _files(restored_media) == _files(Path(settings.MEDIA_ROOT))
    assert _files(restored_private) == _files(Path(settings.PRIVATE_MEDIA_ROOT))
    assert any(name.startswith("deliverables/") for name in _files(restored_private))
    assert any(name.startswith("news/") for name in _files(restored_media))


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
