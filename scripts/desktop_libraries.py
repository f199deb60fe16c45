"""The system libraries Qt's X11 desktop plugin (libqxcb.so, with libQt6XcbQpa) loads, and the Debian and
Ubuntu packages that hold them. Without one of them the app cannot open a window on an X11 desktop, and Qt
only says that it "could not load the Qt platform plugin xcb".

    python3 scripts/desktop_libraries.py             # names any that is missing, with the apt command; exit 1
    python3 scripts/desktop_libraries.py --packages  # the package names, one a line (for .ci/run)

Standard library only: it runs before the virtual environment exists.
"""

from __future__ import annotations

import subprocess
import sys

# soname -> package. The list is what `readelf -d` names as NEEDED in PySide6's Qt/plugins/platforms/
# libqxcb.so and Qt/lib/libQt6XcbQpa.so.6 (a test compares them), less what every desktop already has
# (the C and C++ runtimes, GL, GLib).
LIBRARIES = {
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}
# needed too, and already on any machine with a desktop: not checked, but told apart from a forgotten one
EVERYWHERE = {
    "libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1", "libGL.so.1", "libEGL.so.1",
    "libglib-2.0.so.0", "libgthread-2.0.so.0",
}  # fmt: skip


def installed() -> set[str] | None:
    """The sonames the dynamic loader knows (`ldconfig -p`), or None when it cannot be asked."""
    for ldconfig in ("ldconfig", "/sbin/ldconfig", "/usr/sbin/ldconfig"):
        try:
            listing = subprocess.run([ldconfig, "-p"], capture_output=True, text=True, timeout=30).stdout
        except OSError:
            continue
        return {line.split()[0] for line in listing.splitlines()[1:] if line.strip()}
    return None


def missing(present: set[str]) -> list[tuple[str, str]]:
    """(soname, package) for each library the plugin needs that is not in `present`."""
    return [(name, package) for name, package in LIBRARIES.items() if name not in present]


def message(absent: list[tuple[str, str]]) -> str:
    names = ", ".join(f"{name} ({package})" for name, package in absent)
    packages = " ".join(dict.fromkeys(package for _name, package in absent))
    return (
        f"The desktop app needs system libraries that are not installed: {names}.\n"
        f"On Debian or Ubuntu: sudo apt install {packages}"
    )


def main(argv: list[str]) -> int:
    if argv[1:] == ["--packages"]:
        print("\n".join(dict.fromkeys(LIBRARIES.values())))
        return 0
    present = installed()
    if present is None:
        return 0  # no ldconfig (not a glibc system): nothing to say, Qt will speak for itself
    absent = missing(present)
    if absent:
        print(message(absent), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
