"""What makes a rendered folder an archive: Pagefind's search index, the manifest, the server
configuration, the root page and the tarball."""

import json
import subprocess
import sys
import tarfile
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from common import exports
from common.sites import site_url
from common.uploads import sha256_of

#: Content types a static server must send for the archive's data files (by extension).
TYPES = {
    ".ics": exports.ICS,
    ".csv": exports.CSV,
    ".json": exports.JSON,
    ".jsonld": "application/ld+json",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
}


class PagefindFailed(Exception):
    pass


def run_pagefind(root: Path) -> str:
    """Index the archive's pages: one index per ``<html lang>``, written under ``/pagefind/``.
    Pagefind (from PyPI, ``pagefind[bin]``) is run as its own command, by this Python."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(root), "--output-subdir", "pagefind"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if result.returncode != 0:
        raise PagefindFailed(result.stderr or result.stdout)
    return result.stdout


def write_root_page(root: Path, *, network, languages: tuple[str, ...], as_of) -> None:
    """``/index.html``: the live site redirects ``/`` by the visitor's language; a static
    server cannot, so the page sends them to the first language and lists the others."""
    code = languages[0]
    with translation.override(code):
        html = render_to_string(
            "archive/root.html",
            {
                "network": network,
                "languages": [
                    (lang, translation.get_language_info(lang)["name_local"]) for lang in languages
                ],
                "first": code,
                "as_of": as_of,
            },
        )
    (root / "index.html").write_text(html, encoding="utf-8")


def directory_types(written: dict[str, str]) -> list[tuple[str, str]]:
    """(address, content type) of the addresses ending in ``/`` that are not HTML pages
    (the news feed): a static server must be told their type."""
    return sorted(
        (
            path,
            content_type.split(";")[0] + ("; charset=utf-8" if "charset" in content_type else ""),
        )
        for path, content_type in written.items()
        if path.endswith("/") and content_type and not content_type.startswith("text/html")
    )


def write_server_config(root: Path, *, network, written: dict[str, str]) -> None:
    """``nginx.conf`` beside the files: content types of feeds, calendars and data, the 404
    page, caching, and the headers Pagefind's WebAssembly needs."""
    context = {
        "network": network,
        "types": sorted(TYPES.items()),
        "directories": directory_types(written),
        "default_language": settings.LANGUAGE_CODE,
    }
    (root / "nginx.conf").write_text(
        render_to_string("archive/nginx.conf", context), encoding="utf-8"
    )


def write_manifest(root: Path, *, network, as_of, languages: tuple[str, ...]) -> dict:
    files = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.name != "manifest.json":
            relative = path.relative_to(root).as_posix()
            files.append({"path": relative, "size": path.stat().st_size, "sha256": sha256_of(path)})
    manifest = {
        "network": network.slug,
        "name": network.name,
        "as_of": as_of.isoformat(),
        "site_url": site_url(),
        "languages": list(languages),
        "files": files,
    }
    (root / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return manifest


def write_tarball(root: Path, tarball: Path) -> Path:
    """One ``.tar.gz`` of the folder (its top folder named after the tarball)."""
    top = tarball.name.removesuffix(".tar.gz")
    partial = tarball.with_name(tarball.name + ".partial")
    with tarfile.open(partial, "w:gz") as archive:
        archive.add(root, arcname=top)
    partial.replace(tarball)
    return tarball
