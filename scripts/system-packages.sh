#!/bin/sh
# Prints the Debian packages of scripts/system-packages.txt, one a line:
#   system-packages.sh runtime   the packages the production image installs (not tagged [test])
#   system-packages.sh all       every package (tests included)
# Used by the Dockerfile and by scripts/system_deps.sh, so the two install from one list.
set -eu
list="${SYSTEM_PACKAGES:-$(dirname "$0")/system-packages.txt}"
case "${1:-}" in
  runtime) awk '{ sub(/#.*/, "") } NF && $2 != "[test]" { print $1 }' "$list" ;;
  all) awk '{ sub(/#.*/, "") } NF { print $1 }' "$list" ;;
  *) echo "usage: $0 runtime|all" >&2; exit 2 ;;
esac
