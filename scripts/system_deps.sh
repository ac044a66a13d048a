#!/usr/bin/env bash
# Debian packages the test suite uses: Chromium for browser tests (never a browser download),
# docker-compose to validate docker-compose.yml, gettext for messages, the PostgreSQL client tools,
# Pango and DejaVu fonts (Greek and Latin glyphs) for the PDF reports WeasyPrint renders,
# poppler-utils (pdftotext), with which the tests read those PDFs back; Java and npm for the W3C
# Nu HTML Checker (vnu-jar, installed by `npm ci` from package-lock.json) the HTML test runs; the fault drills start
# their own PostgreSQL cluster (initdb, pg_ctl) and redis-server.
set -euo pipefail
needed=()
command -v chromium >/dev/null 2>&1 || needed+=(chromium)
command -v docker-compose >/dev/null 2>&1 || needed+=(docker-compose)
command -v msgfmt >/dev/null 2>&1 || needed+=(gettext)
command -v pg_dump >/dev/null 2>&1 || needed+=(postgresql-client)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || needed+=(postgresql)
command -v redis-server >/dev/null 2>&1 || needed+=(redis-server)
command -v pdftotext >/dev/null 2>&1 || needed+=(poppler-utils)
command -v java >/dev/null 2>&1 || needed+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || needed+=(npm)
for pkg in libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core; do
  dpkg -s "$pkg" >/dev/null 2>&1 || needed+=("$pkg")
done
[ ${#needed[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${needed[*]}. Install them with: sudo apt-get install -y ${needed[*]}" >&2
  exit 1
fi
echo "Installing ${needed[*]} from Debian…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
