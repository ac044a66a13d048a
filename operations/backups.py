"""Backups: a PostgreSQL dump (custom format) plus a tarball of the public and private media.

A backup is one folder, ``citisense-<UTC time>/``, holding ``database.dump``, ``media.tar.gz``
and ``manifest.json`` (what was backed up, with SHA-256 checksums checked before a restore).
"""

import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from common.uploads import sha256_of

DATABASE_FILE = "database.dump"
MEDIA_FILE = "media.tar.gz"
MANIFEST_FILE = "manifest.json"
#: folder name inside the tarball -> setting holding the folder on disk
MEDIA_FOLDERS = {"media": "MEDIA_ROOT", "private": "PRIVATE_MEDIA_ROOT"}


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class Backup:
    folder: Path

    @property
    def database(self) -> Path:
        return self.folder / DATABASE_FILE

    @property
    def media(self) -> Path:
        return self.folder / MEDIA_FILE

    @property
    def manifest(self) -> Path:
        return self.folder / MANIFEST_FILE


def _postgres_env(using: str) -> dict[str, str]:
    """libpq environment for the pg_* tools, so no password appears on a command line."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        raise BackupError(
            "Backups need PostgreSQL (DATABASE_URL=postgres://…); "
            f"this database is {connection.vendor}."
        )
    params = connection.settings_dict
    env = {**os.environ, "PGDATABASE": params["NAME"]}
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if params.get(key):
            env[variable] = str(params[key])
    if params.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = params["OPTIONS"]["sslmode"]
    return env


def _run(args: list[str], env: dict[str, str]) -> None:
    if shutil.which(args[0]) is None:
        raise BackupError(
            f"{args[0]} is not installed (Debian: apt-get install postgresql-client)."
        )
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{args[0]} failed: {result.stderr.strip()}")


def _count_files(folder: Path) -> int:
    return sum(1 for path in folder.rglob("*") if path.is_file()) if folder.is_dir() else 0


def create_backup(*, destination: Path, using: str = DEFAULT_DB_ALIAS) -> Backup:
    env = _postgres_env(using)
    destination.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%dT%H%M%S%fZ")
    backup = Backup(destination / f"citisense-{stamp}")
    # Backups hold every private file and password hash: readable by the owner only.
    backup.folder.mkdir(mode=0o700)
    old_umask = os.umask(0o077)
    try:
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={backup.database}",
            ],
            env,
        )
        files = {}
        with tarfile.open(backup.media, "w:gz") as archive:
            for arcname, setting in MEDIA_FOLDERS.items():
                folder = Path(getattr(settings, setting))
                files[arcname] = _count_files(folder)
                if folder.is_dir():
                    archive.add(folder, arcname=arcname)
        manifest = {
            "format": "citisense-backup/1",
            "created_at": timezone.now().isoformat(),
            "database": env["PGDATABASE"],
            "files": files,
            "sha256": {
                DATABASE_FILE: sha256_of(backup.database),
                MEDIA_FILE: sha256_of(backup.media),
            },
        }
        backup.manifest.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    finally:
        os.umask(old_umask)
    return backup


def verify_backup(folder: Path) -> Backup:
    backup = Backup(folder)
    if not backup.manifest.is_file():
        raise BackupError(f"{folder} is not a backup folder: {MANIFEST_FILE} is missing.")
    manifest = json.loads(backup.manifest.read_text(encoding="utf-8"))
    for name, expected in manifest.get("sha256", {}).items():
        path = folder / name
        if not path.is_file() or sha256_of(path) != expected:
            raise BackupError(f"{path} is missing or damaged (checksum mismatch).")
    return backup


def restore_backup(*, source: Path, using: str = DEFAULT_DB_ALIAS) -> Backup:
    """Replaces the database's content with the dump and puts the files back.

    Files present now but not in the backup are left alone (they are unreferenced after the
    restore). Stop the web and worker processes first.
    """
    backup = verify_backup(source)
    env = _postgres_env(using)
    connections[using].close()
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={env['PGDATABASE']}",
            str(backup.database),
        ],
        env,
    )
    with tempfile.TemporaryDirectory() as scratch, tarfile.open(backup.media, "r:gz") as archive:
        # The "data" filter refuses absolute paths, "..", links out of the folder and devices.
        archive.extractall(scratch, filter="data")
        for arcname, setting in MEDIA_FOLDERS.items():
            extracted = Path(scratch) / arcname
            if extracted.is_dir():
                shutil.copytree(extracted, Path(getattr(settings, setting)), dirs_exist_ok=True)
    return backup
