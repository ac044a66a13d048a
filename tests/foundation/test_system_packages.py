"""One list of Debian packages (scripts/system-packages.txt) feeds both scripts/system_deps.sh
and the Dockerfile, so the image has what the tests had: Pango and the DejaVu fonts that
WeasyPrint and the report's stylesheet need, gettext and the PostgreSQL client."""

import re
import shutil
import subprocess
from pathlib import Path

from django.conf import settings

from reports.documents import FONT_FILES

ROOT = Path(__file__).resolve().parents[2]
LIST = ROOT / "scripts" / "system-packages.txt"
READER = ROOT / "scripts" / "system-packages.sh"


def listed() -> tuple[list[str], list[str]]:
    """(runtime, test-only) packages, read here independently of the shell reader."""
    runtime, tests = [], []
    for line in LIST.read_text(encoding="utf-8").splitlines():
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        assert len(words) <= 2 and words[1:] in ([], ["[test]"]), line
        assert "#" in line, f"say why {words[0]} is needed: {line}"
        (tests if words[1:] else runtime).append(words[0])
    return runtime, tests


def reader(which: str) -> list[str]:
    result = subprocess.run(["sh", str(READER), which], capture_output=True, text=True, check=True)
    return result.stdout.split()


def test_the_list_names_what_the_image_and_the_tests_need():
    runtime, tests = listed()
    for package in ["gettext", "postgresql-client", "libpango-1.0-0", "libpangoft2-1.0-0"]:
        assert package in runtime
    assert "fonts-dejavu-core" in runtime
    assert {"chromium", "poppler-utils", "docker-compose"} <= set(tests)
    assert not set(runtime) & set(tests)
    assert reader("runtime") == runtime
    assert reader("all") == runtime + tests


def test_the_dockerfile_installs_the_runtime_list_and_nothing_else():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(
        r"^COPY scripts/system-packages\.txt scripts/system-packages\.sh (\S+)/$",
        dockerfile,
        re.MULTILINE,
    )
    assert "system-packages.sh runtime" in dockerfile
    installs = [line for line in dockerfile.splitlines() if "apt-get install" in line]
    assert installs == ["    && apt-get install -y --no-install-recommends $packages \\"]
    # No package is named by hand in the Dockerfile: it would drift from the list.
    runtime, tests = listed()
    code = "\n".join(line for line in dockerfile.splitlines() if not line.startswith("#"))
    for package in runtime + tests:
        assert not re.search(rf"(?<![\w/.-]){re.escape(package)}(?![\w.-])", code), package


def test_system_deps_reads_the_same_list():
    script = (ROOT / "scripts" / "system_deps.sh").read_text(encoding="utf-8")
    assert 'system-packages.sh" all' in script
    code = "\n".join(line for line in script.splitlines() if not line.lstrip().startswith("#"))
    runtime, tests = listed()
    for package in runtime + tests:
        assert not re.search(rf"(?<![\w/.-]){re.escape(package)}(?![\w.-])", code), package
    # On this machine every listed package is there: the script has nothing to install.
    result = subprocess.run(["bash", str(ROOT / "scripts" / "system_deps.sh")], capture_output=True)
    assert result.returncode == 0 and not result.stdout, result.stderr.decode()


def owner(path: str) -> str:
    """The Debian package that installed ``path``."""
    found = subprocess.run(["dpkg", "-S", path], capture_output=True, text=True, check=True)
    return found.stdout.split(":", 1)[0].split(",")[0].strip()


def test_the_reports_font_and_pango_come_from_listed_packages():
    runtime, _tests = listed()
    for file in FONT_FILES.values():
        path = Path(settings.REPORTS_FONT_DIR) / file
        assert path.is_file(), path
        assert owner(str(path.resolve())) in runtime
    for library in ["libpango-1.0.so.0", "libpangoft2-1.0.so.0"]:
        assert owner(library) in runtime


def test_a_greek_pdf_embeds_the_listed_font():
    """WeasyPrint, with only what the list installs, renders Greek in DejaVu and embeds it."""
    from weasyprint import HTML

    assert shutil.which("pdffonts") and shutil.which("pdftotext"), "run scripts/system_deps.sh"
    html = (
        '<html lang="el"><body style="font-family: \'DejaVu Sans\'">'
        "<h1>Έκθεση δικτύου</h1><p>Ασφαλείς γειτονιές στον Πειραιά.</p></body></html>"
    )
    pdf = HTML(string=html).write_pdf()
    fonts = subprocess.run(
        ["pdffonts", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    rows = fonts.splitlines()[2:]
    assert rows and all(re.search(r"\+DejaVu-?Sans", row) for row in rows), fonts
    assert all(re.search(r"\byes\s+yes\s+yes\b", row) for row in rows), fonts  # embedded
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "Ασφαλείς γειτονιές στον Πειραιά." in text
