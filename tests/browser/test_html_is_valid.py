"""The HTML of every page the crawl opens passes the W3C Nu HTML Checker with no error.

The checker is the npm package vnu-jar (pinned in package-lock.json, installed by `make test`
through `npm ci`), run with the machine's Java (scripts/system_deps.sh installs both).
"""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.crawl import demo_pages, in_language

pytestmark = pytest.mark.browser

VNU = (
    Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)


def test_every_page_is_valid_html(client_for, demo_site, tmp_path):
    java = shutil.which("java")
    if not java or not VNU.exists():
        pytest.fail(
            "The W3C Nu HTML Checker needs Java and node_modules/vnu-jar: run `make system-deps` "
            "and `npm ci --ignore-scripts` (make test does both)."
        )
    files = []
    for email, kind, path in demo_pages(client_for):
        client = client_for(email)
        for language, _name in settings.LANGUAGES:
            address = in_language(path, language)
            response = client.get(address)
            assert response.status_code == 200, address
            name = f"{len(files):04d}-{language}-{kind.replace(':', '-').replace('?', '-')}.html"
            (tmp_path / name).write_bytes(response.content)
            files.append((name, address))

    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--skip-non-html", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )

    addresses = dict(files)
    report = result.stderr
    for name, address in addresses.items():
        report = report.replace(f"file:{tmp_path}/{name}", address)
    assert result.returncode == 0, f"{len(files)} pages checked:\n{report[:6000]}"
