#!/usr/bin/env bash
# Installs the one-folder bundle (packaging/build.sh OUT_DIR makes OUT_DIR/tracker) for the current user, with
# no administrator rights: the bundle into ~/.local/opt/pcp-tracker, `tracker-app` and `tracker` on the path
# in ~/.local/bin, the desktop entry, the icons (the hicolor theme) and the AppStream metadata under
# ~/.local/share (or $XDG_DATA_HOME). Installing again replaces what an earlier install put there.
#
#   packaging/install-linux.sh BUNDLE_DIR      install (BUNDLE_DIR holds tracker-app and tracker)
#   packaging/install-linux.sh --uninstall     remove everything an install put there (your stores stay)
#
# The desktop entry and the icons are read from this script's own checkout (packaging/ and resources/icons).
set -euo pipefail

app_id="org.pcptracker.Tracker"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
opt="$HOME/.local/opt/pcp-tracker"
bin="$HOME/.local/bin"
sizes=(16 24 32 48 64 128 256)

usage() {
  echo "usage: packaging/install-linux.sh BUNDLE_DIR | --uninstall" >&2
  exit 2
}

refresh_caches() {  # the desktop's own caches; a desktop without these tools finds the files anyway
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$data/applications" 2>/dev/null || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$data/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t "$data/icons/hicolor" 2>/dev/null || true
  fi
}

remove_link() {  # a link in ~/.local/bin goes only when it points into our bundle
  local link="$bin/$1"
  if [ -L "$link" ] && [[ "$(readlink "$link")" == "$opt/"* ]]; then
    rm -f "$link"
  fi
}

uninstall() {
  rm -rf "$opt"
  remove_link tracker-app
  remove_link tracker
  rm -f "$data/applications/$app_id.desktop" "$data/metainfo/$app_id.metainfo.xml"
  for size in "${sizes[@]}"; do
    rm -f "$data/icons/hicolor/${size}x${size}/apps/$app_id.png"
  done
  rm -f "$data/icons/hicolor/scalable/apps/$app_id.svg"
  refresh_caches
}

[ $# -eq 1 ] || usage
if [ "$1" = "--uninstall" ]; then
  uninstall
  echo "Removed the Police and Crime Plan tracker from $opt and $data (your stores and settings are kept)."
  exit 0
fi
case "$1" in -*) usage ;; esac

bundle="$1"
for program in tracker-app tracker; do
  if [ ! -f "$bundle/$program" ] || [ ! -x "$bundle/$program" ]; then
    echo "install-linux.sh: $bundle is not a bundle: it has no program $program (make one with packaging/build.sh OUT_DIR)" >&2
    exit 2
  fi
done
bundle="$(cd "$bundle" && pwd)"
if [ "$bundle" = "$opt" ]; then
  echo "install-linux.sh: $bundle is already the installed copy" >&2
  exit 2
fi

# copied beside the old copy first, then swapped in: an install that fails half way leaves the old one working
mkdir -p "$(dirname "$opt")"
staging="$(mktemp -d "$opt.new.XXXXXX")"
trap 'rm -rf "$staging"' EXIT
cp -a "$bundle/." "$staging/"
rm -rf "$opt"
mv "$staging" "$opt"
trap - EXIT

mkdir -p "$bin"
for program in tracker-app tracker; do
  if [ -e "$bin/$program" ] && ! { [ -L "$bin/$program" ] && [[ "$(readlink "$bin/$program")" == "$opt/"* ]]; }; then
    echo "install-linux.sh: $bin/$program is not ours, so it is left as it is" >&2
  else
    ln -sfn "$opt/$program" "$bin/$program"
  fi
done

mkdir -p "$data/applications"
# the entry starts the installed program by its full path, so it works whether or not ~/.local/bin is on PATH
sed -e "s|^Exec=tracker-app\$|Exec=\"$opt/tracker-app\"|" -e "s|^TryExec=tracker-app\$|TryExec=$opt/tracker-app|" \
  "$here/$app_id.desktop" >"$data/applications/$app_id.desktop"
mkdir -p "$data/metainfo"
cp "$here/$app_id.metainfo.xml" "$data/metainfo/$app_id.metainfo.xml"
for size in "${sizes[@]}"; do
  mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
  cp "$root/resources/icons/pcp-tracker-$size.png" "$data/icons/hicolor/${size}x${size}/apps/$app_id.png"
done
mkdir -p "$data/icons/hicolor/scalable/apps"
cp "$root/resources/icons/pcp-tracker.svg" "$data/icons/hicolor/scalable/apps/$app_id.svg"
refresh_caches

echo "Installed the Police and Crime Plan tracker in $opt; it is in the desktop's applications menu."
case ":$PATH:" in
  *":$bin:"*) ;;
  *) echo "To run tracker and tracker-app from a terminal, add $bin to PATH." ;;
esac
