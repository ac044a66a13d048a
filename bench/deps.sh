#!/usr/bin/env bash
# The benchmark's load driver, wrk, from Debian (never a download from elsewhere).
set -euo pipefail
command -v wrk >/dev/null 2>&1 && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "wrk is missing. Install it with: sudo apt-get install -y wrk" >&2
  exit 1
fi
echo "Installing wrk from Debian…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null
