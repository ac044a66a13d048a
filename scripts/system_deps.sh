#!/usr/bin/env bash
# Installs the Debian packages of scripts/system-packages.txt that are missing: the runtime ones
# the Docker image also installs (gettext, the PostgreSQL client, Pango and the DejaVu fonts
# for the PDF reports) and those only the tests use (Chromium, docker-compose, poppler-utils,
# PostgreSQL and Redis servers for the fault drills). The list says why each is there.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# Installed packages and what they provide (postgresql-client-15 provides postgresql-client).
installed="$(dpkg-query -W -f='${Status}\t${Package}, ${Provides}\n' 2>/dev/null \
  | awk -F'\t' '$1 == "install ok installed" { print $2 }' | tr ',' '\n' | awk '{ print $1 }')"
needed=()
while read -r pkg; do
  grep -qx -- "$pkg" <<<"$installed" || needed+=("$pkg")
done < <(sh "$here/system-packages.sh" all)
[ ${#needed[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${needed[*]}. Install them with: sudo apt-get install -y ${needed[*]}" >&2
  exit 1
fi
echo "Installing ${needed[*]} from Debian…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
