"""The system libraries Qt's X11 plugin needs: the list `./run` checks, `.ci/run` installs and the README names
is the list the installed plugin asks for."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("desktop_libraries", ROOT / "scripts" / "desktop_libraries.py")
libraries = importlib.util.module_from_spec(spec)
spec.loader.exec_module(libraries)


def needed_by_the_plugin() -> set[str]:
    if not sys.platform.startswith("linux") or shutil.which("readelf") is None:
        pytest.skip("the X11 plugin and readelf are on Linux only")
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    names: set[str] = set()
    for binary in (qt / "plugins" / "platforms" / "libqxcb.so", qt / "lib" / "libQt6XcbQpa.so.6"):
        dynamic = subprocess.run(["readelf", "-d", str(binary)], capture_output=True, text=True, check=True)
        names |= set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic.stdout))
    return {name for name in names if not name.startswith("libQt6")}


def test_the_list_is_what_the_installed_plugin_loads():
    assert needed_by_the_plugin() - libraries.EVERYWHERE == set(libraries.LIBRARIES)


def test_ci_installs_them_and_the_readme_names_them():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "scripts/desktop_libraries.py --packages" in ci
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for package in libraries.LIBRARIES.values():
        assert re.search(rf"(?<![\w-]){re.escape(package)}(?![\w-])", readme), package
    run = (ROOT / "run").read_text(encoding="utf-8")
    assert "scripts/desktop_libraries.py" in run.split("exec .venv/bin/tracker-app")[0]


def test_a_missing_library_is_named_with_the_apt_command(capsys, monkeypatch):
    present = set(libraries.LIBRARIES) - {"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}
    monkeypatch.setattr(libraries, "installed", lambda: present)
    assert libraries.main(["desktop_libraries.py"]) == 1
    err = capsys.readouterr().err
    assert "libxcb-icccm.so.4 (libxcb-icccm4)" in err
    assert "sudo apt install libxcb-icccm4 libxcb-keysyms1" in err


def test_nothing_is_said_when_all_are_there(capsys, monkeypatch):
    monkeypatch.setattr(libraries, "installed", lambda: set(libraries.LIBRARIES) | {"libc.so.6"})
    assert libraries.main(["desktop_libraries.py"]) == 0
    assert capsys.readouterr().err == ""


def test_the_loader_cache_is_read():
    if shutil.which("ldconfig") is None and not Path("/sbin/ldconfig").exists():
        pytest.skip("no ldconfig here")
    present = libraries.installed()
    assert present is not None and "libc.so.6" in present
