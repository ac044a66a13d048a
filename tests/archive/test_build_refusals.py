"""build_archive refuses what it cannot do before writing anything, and an interrupted build
leaves neither a half-written archive nor its temporary folder."""

import os

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from archive import services
from archive.crawl import Crawl
from tests.lifecycle.conftest import AFTER_CLOSING

pytestmark = pytest.mark.django_db


def build(*args):
    with translation.override("en"):
        call_command("build_archive", *args)


@pytest.fixture
def closed(at, life):
    at(AFTER_CLOSING)
    services.close_network(
        network=life.network, user=life.staff, final_story={"en": "Done.", "el": "Τέλος."}
    )
    return life.network


def test_a_network_that_does_not_exist(tmp_path, closed):
    with pytest.raises(CommandError, match=r"There is no network “nowhere”\."):
        build("--network", "nowhere", "--output", str(tmp_path / "out"))
    assert list(tmp_path.iterdir()) == []


def test_a_network_that_is_not_closed(tmp_path, at, life):
    at(AFTER_CLOSING)
    with pytest.raises(CommandError, match="Ended network is not closed"):
        build("--network", life.network.slug, "--output", str(tmp_path / "out"))
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_is_not_empty(tmp_path, closed):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "previous.html").write_text("kept")
    with pytest.raises(CommandError, match="is not an empty folder"):
        build("--network", closed.slug, "--output", str(tmp_path / "out"))
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["previous.html"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_folder_that_cannot_be_written(tmp_path, closed):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(CommandError, match="cannot be written"):
        build("--network", closed.slug, "--output", str(locked / "out"))
    assert list(locked.iterdir()) == []


def test_a_folder_whose_parent_does_not_exist(tmp_path, closed):
    with pytest.raises(CommandError, match="cannot be written"):
        build("--network", closed.slug, "--output", str(tmp_path / "missing" / "out"))
    assert list(tmp_path.iterdir()) == []


def test_unknown_languages_are_named(tmp_path, closed):
    with pytest.raises(CommandError, match="Unknown languages: xx"):
        build("--network", closed.slug, "--output", str(tmp_path / "out"), "--language=xx")


def test_an_interrupted_build_leaves_nothing(tmp_path, closed, monkeypatch):
    def interrupted(self):
        self.write("/el/", b"<html>half</html>", "text/html")
        raise KeyboardInterrupt

    monkeypatch.setattr(Crawl, "run", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build("--network", closed.slug, "--output", str(tmp_path / "out"))
    assert list(tmp_path.iterdir()) == []


def test_a_tarball_that_exists_is_not_overwritten(tmp_path, closed):
    (tmp_path / "out.tar.gz").write_bytes(b"previous")
    with pytest.raises(CommandError, match="already exists"):
        build("--network", closed.slug, "--output", str(tmp_path / "out"), "--tarball")
    assert (tmp_path / "out.tar.gz").read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["out.tar.gz"]
