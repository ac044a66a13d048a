"""Drill: `make backup`, the database and the media lost, `make restore` into an empty database.

Every table comes back with every row (same content, not just the same count) and every
public and private file with the same SHA-256.
"""

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection

from cities.models import City
from operations.backups import verify_backup
from practices.models import Deliverable
from tests.factories import (
    ArticleFactory,
    MembershipFactory,
    TransferStepFactory,
    UserFactory,
    activate_totp,
)

pytestmark = [pytest.mark.drill, pytest.mark.django_db(transaction=True)]

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


def _url(name: str) -> str:
    params = _params(name)
    password = f":{params['password']}" if params["password"] else ""
    return f"postgres://{params['user']}{password}@{params['host']}:{params['port']}/{name}"


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


def _make(target: str, *, database: str, media: Path, private: Path, stdin: str = "", **args):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "MAKE"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "citisense.test_settings",
            "DATABASE_URL": _url(database),
            "MEDIA_ROOT": str(media),
            "PRIVATE_MEDIA_ROOT": str(private),
        }
    )
    result = subprocess.run(
        ["make", "--no-print-directory", target, *(f"{k}={v}" for k, v in args.items())],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_make_backup_then_make_restore_into_an_empty_database(settings, tmp_path, empty_database):
    # A realistic network: seed data, people with authenticators, history, public and private files.
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
    media, private = Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)
    original_rows = _table_rows(_params(connection.settings_dict["NAME"]))
    original_media, original_private = _files(media), _files(private)
    assert sum(len(rows) for rows in original_rows.values()) > 100
    assert any(name.startswith("deliverables/") for name in original_private)
    assert any(name.startswith("news/") for name in original_media)

    backups = tmp_path / "backups"
    _make(
        "backup",
        database=connection.settings_dict["NAME"],
        media=media,
        private=private,
        BACKUP_DIR=backups,
    )
    (backup_folder,) = backups.iterdir()
    assert oct(backup_folder.stat().st_mode & 0o777) == "0o700"
    verify_backup(backup_folder)

    # The disaster: the files are gone, and the restore goes into a brand-new, empty database.
    shutil.rmtree(media)
    shutil.rmtree(private)
    _make(
        "restore",
        database=empty_database,
        media=media,
        private=private,
        stdin="yes\n",
        BACKUP=backup_folder,
    )

    restored_rows = _table_rows(_params(empty_database))
    assert set(restored_rows) == set(original_rows)
    counts = {table: len(rows) for table, rows in restored_rows.items()}
    assert counts == {table: len(rows) for table, rows in original_rows.items()}
    for table, rows in original_rows.items():
        assert restored_rows[table] == rows, table
    assert _files(media) == original_media
    assert _files(private) == original_private
