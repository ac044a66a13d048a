"""``build_archive``: check the request, render into a temporary folder beside the target,
index, describe, then rename; an interrupted build leaves nothing half-written."""

import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files import File
from django.utils import timezone
from django.utils.translation import gettext as _

from cities.models import Network
from common.static_build import archive_of
from common.uploads import private_storage

from . import publish
from .crawl import Crawl
from .selectors import archive_folder


class ArchiveRefused(Exception):
    """The build cannot start (or could not finish); nothing was written."""


@dataclass
class Built:
    folder: Path
    tarball: Path | None
    pages: int
    files: int
    failures: list[tuple[str, int]]


def network_named(slug: str | None) -> Network:
    network = Network.objects.filter(slug=slug).first() if slug else Network.objects.default()
    if network is None:
        raise ArchiveRefused(
            _("There is no network “%(slug)s”.") % {"slug": slug}
            if slug
            else _("There is no network to archive.")
        )
    return network


def check_output(output: Path) -> None:
    if output.exists() and (not output.is_dir() or any(output.iterdir())):
        raise ArchiveRefused(
            _("“%(path)s” is not an empty folder: choose a new one.") % {"path": output}
        )
    parent = output.parent
    if not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK):
        raise ArchiveRefused(
            _("“%(path)s” cannot be written: check that it exists and may be written to.")
            % {"path": parent}
        )


def check_languages(languages: list[str] | None) -> tuple[str, ...]:
    codes = [code for code, _name in settings.LANGUAGES]
    if not languages:
        return tuple(codes)
    unknown = [code for code in languages if code not in codes]
    if unknown:
        raise ArchiveRefused(
            _("Unknown languages: %(codes)s. The site has: %(known)s.")
            % {"codes": ", ".join(unknown), "known": ", ".join(codes)}
        )
    return tuple(code for code in codes if code in languages)


def build(
    *,
    network: Network,
    output: Path,
    languages: tuple[str, ...],
    tarball: bool = False,
    as_of: date | None = None,
) -> Built:
    if not network.is_closed:
        raise ArchiveRefused(
            _("%(name)s is not closed: close it in the workspace first.") % {"name": network.name}
        )
    output = output.absolute()
    check_output(output)
    if tarball and output.with_name(f"{output.name}.tar.gz").exists():
        raise ArchiveRefused(
            _("“%(path)s” already exists: choose a new folder name.")
            % {"path": output.with_name(f"{output.name}.tar.gz")}
        )
    as_of = as_of or timezone.localdate()
    # The crawl asks for the network's own address: its links and host are the network's.
    site = urlsplit(network.address)
    work = Path(tempfile.mkdtemp(prefix=f".{output.name}.", dir=output.parent))
    try:
        crawl = Crawl(
            root=work, languages=languages, host=site.netloc, secure=site.scheme == "https"
        )
        with archive_of(network, as_of=as_of, languages=languages):
            crawl.run()
            publish.write_root_page(work, network=network, languages=languages, as_of=as_of)
        publish.write_server_config(work, network=network, written=crawl.written)
        publish.run_pagefind(work)
        manifest = publish.write_manifest(work, network=network, as_of=as_of, languages=languages)
        work.chmod(0o755)
        if output.exists():
            output.rmdir()  # empty, checked above
        work.rename(output)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    written_tarball = None
    if tarball:
        written_tarball = publish.write_tarball(output, output.with_name(f"{output.name}.tar.gz"))
        keep_for_download(network=network, tarball=written_tarball, as_of=as_of)
    pages = sum(
        1 for content_type in crawl.written.values() if content_type.startswith("text/html")
    )
    return Built(output, written_tarball, pages, len(manifest["files"]), crawl.failures)


def keep_for_download(*, network: Network, tarball: Path, as_of: date) -> str:
    """A copy in the private storage, which lead staff download from the workspace."""
    stamp = timezone.now().strftime("%Y%m%dT%H%M%S")
    name = (
        f"{archive_folder(network=network)}/{network.slug}-archive-{as_of:%Y-%m-%d}-{stamp}.tar.gz"
    )
    with open(tarball, "rb") as handle:
        return private_storage().save(name, File(handle))
