#!/usr/bin/env bash
# Creates .venv and installs the project with pinned dependencies. Re-runs pip only when pyproject.toml changes.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-}"
if [ -z "$PYTHON" ]; then
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      PYTHON="$candidate"; break
    fi
  done
fi
if [ -z "$PYTHON" ]; then
  echo "Python 3.11 or newer is needed (python3 --version)." >&2
  exit 1
fi

extras="${1:-}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
fi
# The stamp names the pyproject.toml installed and holds the extras installed with it: asking for fewer
# extras than are already there (./run after ./run-tests) installs nothing.
stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
installed="$(cat "$stamp" 2>/dev/null || echo missing)"
needed=no
[ "$installed" = missing ] && needed=yes
for extra in ${extras//,/ }; do
  case ",$installed," in *",$extra,"*) ;; *) needed=yes ;; esac
done
if [ "$needed" = yes ]; then
  all="$extras"
  if [ "$installed" != missing ] && [ -n "$installed" ]; then all="$installed,$extras"; fi
  all="$(echo "$all" | tr ',' '\n' | sed '/^$/d' | sort -u | paste -sd, -)"
  spec="."
  [ -n "$all" ] && spec=".[$all]"
  .venv/bin/python -m pip install --quiet -e "$spec"
  rm -f .venv/.installed-*
  echo "$all" > "$stamp"
fi
