#!/usr/bin/env bash
# Builds the one-folder bundle OUT_DIR/tracker/ holding both programs, tracker-app and tracker, then checks it:
# the bundled command line computes a template's deadlines, loads the London demo into a store and writes a
# report from it, and the bundled app opens every page offscreen (--smoke-test). Exits non-zero if any fails.
#
#   packaging/build.sh OUT_DIR          (PYTHON=/path/to/python to use another interpreter than .venv's)
#
# Leaves OUT_DIR/tracker/ (the bundle: copy or zip this folder) and the checks' files OUT_DIR/check.db,
# OUT_DIR/check.pdf and OUT_DIR/check-data/. On Windows run the same PyInstaller line in a shell there (see
# packaging/windows/README.md); a bundle only runs on the system it was built on.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: packaging/build.sh OUT_DIR" >&2
  exit 2
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$1"
out="$(cd "$1" && pwd)"
python="${PYTHON:-$root/.venv/bin/python}"
if [ -z "${PYTHON:-}" ] && [ ! -x "$python" ]; then
  bash "$root/scripts/bootstrap.sh" postgres  # a fresh checkout: make .venv with the project installed
fi

# PyInstaller is a build tool only, so it is pinned here rather than in pyproject.toml; the PostgreSQL driver
# comes from the project's own `postgres` extra so the bundle can reach a shared server.
"$python" -m pip install -q "pyinstaller==6.22.3"
postgres_extra="$("$python" -c 'import tomllib, sys; print(" ".join(tomllib.load(open(sys.argv[1], "rb"))["project"]["optional-dependencies"]["postgres"]))' "$root/pyproject.toml")"
# shellcheck disable=SC2086  # one argument per requirement
"$python" -m pip install -q $postgres_extra

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
started=$SECONDS
rm -rf "$out/tracker"
(cd "$root" && "$python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$out" --workpath "$work" packaging/tracker-app.spec)
echo "built $out/tracker in $((SECONDS - started)) s ($(du -sh "$out/tracker" | cut -f1))"

# The checks keep their files in OUT_DIR, never in the user's own data folder or settings.
export TRACKER_DATA_DIR="$out/check-data"
export TRACKER_SETTINGS="$out/check-data/settings.ini"
unset TRACKER_DB
rm -rf "$out/check.db" "$out/check.pdf" "$TRACKER_DATA_DIR"
store="sqlite:///$out/check.db"
failed=0

check() {  # check NAME COMMAND...: runs it, prints its output, remembers a failure
  local name="$1"
  shift
  echo "--- $name"
  if "$@"; then
    echo "--- $name: ok"
  else
    echo "--- $name: FAILED (exit $?)" >&2
    failed=1
  fi
}

check "tracker --version" "$out/tracker/tracker" --version
check "tracker rules compute" "$out/tracker/tracker" rules compute plan-pcc --trigger election=2024-05-02
check "tracker demo" "$out/tracker/tracker" demo --db "$store"
check "tracker report status" "$out/tracker/tracker" report status --cycle london-2022 -o "$out/check.pdf" --db "$store"
if [ "$(head -c 5 "$out/check.pdf" 2>/dev/null)" != "%PDF-" ]; then
  echo "--- the report $out/check.pdf is not a PDF" >&2
  failed=1
fi
# The PostgreSQL driver is in the bundle: a server that is not there is a connection error, not a missing module.
echo "--- the PostgreSQL driver"
driver="$("$out/tracker/tracker" cycles --db "postgresql+psycopg://nobody@127.0.0.1:1/none" 2>&1 || true)"
echo "$driver"
if ! grep -qi "connection" <<<"$driver" || grep -qi "no module named" <<<"$driver"; then
  echo "--- the PostgreSQL driver: FAILED (psycopg is not usable in the bundle)" >&2
  failed=1
fi
check "tracker-app --smoke-test" env QT_QPA_PLATFORM=offscreen "$out/tracker/tracker-app" --smoke-test --db "$store"

if [ "$failed" -ne 0 ]; then
  echo "build.sh: the bundle in $out/tracker failed a check (see above)" >&2
  exit 1
fi
echo "build.sh: the bundle in $out/tracker passed every check"
