"""The project as a whole: settings, migrations, compose file and the embedded default."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(args, env_overrides, **kwargs):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(env_overrides)
    return subprocess.run(
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, **kwargs
    )


def test_settings_refuse_to_start_without_secret_key_when_debug_is_off():
    result = run([sys.executable, "manage.py", "check"], {"DJANGO_DEBUG": "0"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_makemigrations_check_is_clean():
    result = run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        {"DJANGO_DEBUG": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_migrate_and_seed_work_on_the_embedded_sqlite_default(tmp_path):
    env = {"DJANGO_DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    migrate = run([sys.executable, "manage.py", "migrate", "--no-input"], env)
    assert migrate.returncode == 0, migrate.stderr
    seed = run([sys.executable, "manage.py", "seed_demo", "--with-demo-users"], env)
    assert seed.returncode == 0, seed.stderr
    assert "Seed complete" in seed.stdout
    again = run([sys.executable, "manage.py", "seed_demo", "--with-demo-users"], env)
    assert "nothing new" in again.stdout


def test_docker_compose_file_is_valid():
    if not shutil.which("docker-compose"):
        pytest.fail("docker-compose is missing: run `bash scripts/system_deps.sh`")
    result = run(["docker-compose", "config", "-q"], {"DJANGO_SECRET_KEY": "compose-check"})
    assert result.returncode == 0, result.stderr
    config = run(["docker-compose", "config", "--services"], {"DJANGO_SECRET_KEY": "x"}).stdout
    assert set(config.split()) == {"db", "redis", "web", "worker", "beat"}
