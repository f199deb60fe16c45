"""What an installation puts on a machine: the desktop entry, the AppStream metadata, the icons, the one-folder
bundle (packaging/build.sh), and the machine-wide configuration file that IT writes (tracker/config.py)."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from tracker.config import SiteConfig, site_config
from tracker.errors import TrackerError

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def _validator(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (Debian: apt-get install desktop-file-utils appstream)")
    return found


APP_ID = "org.pcptracker.Tracker"


def test_the_desktop_entry_is_named_after_the_app_id_and_names_the_window_class():
    lines = (PACKAGING / f"{APP_ID}.desktop").read_text(encoding="utf-8").splitlines()
    assert f"Icon={APP_ID}" in lines
    assert "StartupWMClass=tracker-app" in lines  # the program's name: the window's WM_CLASS instance
    app = (ROOT / "ui" / "app.py").read_text(encoding="utf-8")
    assert f'setDesktopFileName("{APP_ID}")' in app  # on Wayland the window finds its entry by this


def test_the_desktop_entry_passes_desktop_file_validate():
    desktop = PACKAGING / f"{APP_ID}.desktop"
    result = subprocess.run(
        [_validator("desktop-file-validate"), str(desktop)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in (result.stdout + result.stderr).lower(), result.stdout + result.stderr
    lines = desktop.read_text(encoding="utf-8").splitlines()
    assert f"Icon={APP_ID}" in lines
    assert "Exec=tracker-app" in lines


def test_the_metainfo_passes_appstreamcli_validate():
    metainfo = PACKAGING / "org.pcptracker.Tracker.metainfo.xml"
    result = subprocess.run(
        [_validator("appstreamcli"), "validate", "--no-net", str(metainfo)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    text = metainfo.read_text(encoding="utf-8")
    for needed in (
        f'<launchable type="desktop-id">{APP_ID}.desktop</launchable>',
        "<metadata_license>CC0-1.0</metadata_license>",
        "<project_license>MIT</project_license>",
        "<category>Office</category>",
    ):
        assert needed in text, needed


def test_the_version_is_written_once_and_the_latest_release_is_it():
    import re

    from tracker import __version__
    from tracker.about import package_version

    assert re.fullmatch(r"[0-9]+\.[0-9]+\.[0-9]+", __version__)
    assert package_version() == __version__
    metainfo = (PACKAGING / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    releases = re.findall(r'<release version="([^"]+)"', metainfo)
    assert releases and releases[0] == __version__, "add the release to the metainfo, newest first"
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject and 'attr = "tracker.__version__"' in pyproject
    assert '\nversion = "' not in pyproject
    iss = (PACKAGING / "windows" / "pcp-tracker.iss").read_text(encoding="utf-8")
    assert "tracker\\__init__.py" in iss and __version__ not in iss
    # no other file of the project writes the version out (the metainfo's release list must, and is checked above)
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    if tracked.returncode != 0:
        pytest.skip("not a git checkout")
    holders = []
    for name in tracked.stdout.splitlines():
        path = ROOT / name
        if (
            name.startswith("tests/corpus/")
            or not path.is_file()
            or path.suffix in (".png", ".ico", ".ttf", ".pdf", ".docx")
        ):
            continue
        if f'"{__version__}"' in path.read_text(encoding="utf-8", errors="replace"):
            holders.append(name)
    assert holders == [f"packaging/{APP_ID}.metainfo.xml", "tracker/__init__.py"], holders


def _png_size(path: Path) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which must come first after the 8-byte signature."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    length, kind, width, height = struct.unpack(">I4sII", head[8:24])
    assert kind == b"IHDR" and length == 13, f"{path.name} has no IHDR chunk first"
    return width, height


@pytest.mark.parametrize("size", SIZES)
def test_every_icon_size_exists_and_is_the_size_its_name_says(size):
    path = ICONS / f"pcp-tracker-{size}.png"
    assert path.is_file(), f"{path.name} is missing: run packaging/make_icons.py"
    assert _png_size(path) == (size, size)


def test_the_icon_source_is_an_svg():
    assert (ICONS / "pcp-tracker.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_the_windows_icon_holds_seven_sizes():
    image_module = pytest.importorskip("PIL.Image", reason="Pillow reads the .ico")
    with image_module.open(ICONS / "pcp-tracker.ico") as ico:
        assert sorted(ico.info["sizes"]) == [(s, s) for s in SIZES]


# -- the one-folder bundle -------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(
    os.environ.get("TRACKER_BUILD_BUNDLE") != "1",
    reason="builds the PyInstaller bundle (a few minutes): set TRACKER_BUILD_BUNDLE=1 to run it",
)
def test_build_sh_builds_a_bundle_whose_programs_pass_their_checks(tmp_path):
    out = tmp_path / "out"
    result = subprocess.run(
        ["bash", str(PACKAGING / "build.sh"), str(out)], capture_output=True, text=True, timeout=1800
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    assert (out / "tracker" / "tracker").is_file()
    assert (out / "tracker" / "tracker-app").is_file()
    assert (out / "check.pdf").read_bytes().startswith(b"%PDF")
    assert "smoke test:" in result.stdout


# -- the per-user install on Linux ---------------------------------------------------------------------------


def _fake_bundle(folder: Path) -> Path:
    """A folder shaped like the bundle: both programs (tiny scripts) and their shared _internal folder."""
    bundle = folder / "bundle"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "_internal" / "library.bin").write_bytes(b"\0" * 64)
    for program in ("tracker-app", "tracker"):
        (bundle / program).write_text(f'#!/bin/sh\necho {program} "$@"\n', encoding="utf-8")
        (bundle / program).chmod(0o755)
    return bundle


def _install(home: Path, *argv: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "XDG_DATA_HOME"}
    env["HOME"] = str(home)
    return subprocess.run(
        ["bash", str(PACKAGING / "install-linux.sh"), *argv],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


# indexes the desktop's own tools rebuild over a folder (where those tools are installed): not the app's files
DESKTOP_CACHES = {"mimeinfo.cache", "icon-theme.cache"}


def _files(home: Path) -> set[str]:
    return {
        str(p.relative_to(home))
        for p in home.rglob("*")
        if (p.is_file() or p.is_symlink()) and p.name not in DESKTOP_CACHES
    }


def test_install_linux_puts_the_bundle_entry_and_icons_in_the_users_home_and_uninstall_removes_them(tmp_path):
    home = tmp_path / "home with space"
    (home / ".local" / "bin").mkdir(parents=True)
    (home / ".local" / "bin" / "other-tool").write_text("#!/bin/sh\n", encoding="utf-8")  # not ours: stays
    bundle = _fake_bundle(tmp_path)

    result = _install(home, str(bundle))
    assert result.returncode == 0, result.stderr
    opt = home / ".local" / "opt" / "pcp-tracker"
    assert (opt / "_internal" / "library.bin").read_bytes() == b"\0" * 64
    assert os.access(opt / "tracker-app", os.X_OK)
    for program in ("tracker-app", "tracker"):
        link = home / ".local" / "bin" / program
        assert link.is_symlink() and link.resolve() == (opt / program).resolve()
    run = subprocess.run(
        [str(home / ".local" / "bin" / "tracker"), "--version"], capture_output=True, text=True
    )
    assert run.stdout.strip() == "tracker --version"
    share = home / ".local" / "share"
    entry = share / "applications" / f"{APP_ID}.desktop"
    lines = entry.read_text(encoding="utf-8").splitlines()
    assert f'Exec="{opt}/tracker-app"' in lines and f"TryExec={opt}/tracker-app" in lines
    assert "StartupWMClass=tracker-app" in lines and f"Icon={APP_ID}" in lines
    for size in SIZES:
        icon = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert _png_size(icon) == (size, size)
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    assert (share / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    validator = shutil.which("desktop-file-validate")
    if validator:
        checked = subprocess.run([validator, str(entry)], capture_output=True, text=True, timeout=60)
        assert checked.returncode == 0, checked.stdout + checked.stderr

    # installing again (a new version) replaces the old copy: a file the new bundle lacks is gone
    (opt / "_internal" / "left-over.bin").write_bytes(b"old")
    assert _install(home, str(bundle)).returncode == 0
    assert not (opt / "_internal" / "left-over.bin").exists()

    result = _install(home, "--uninstall")
    assert result.returncode == 0, result.stderr
    assert _files(home) == {".local/bin/other-tool"}


def test_install_linux_refuses_a_folder_that_is_not_a_bundle_and_writes_nothing(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    empty = tmp_path / "not-a-bundle"
    empty.mkdir()
    for argv in ([str(empty)], [], ["--wrong"]):
        result = _install(home, *argv)
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1, result.stderr
    assert _files(home) == set()


# -- the source distribution ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_sdist_carries_the_tests_the_licence_and_the_user_guide(tmp_path):
    import importlib.util
    import sys
    import tarfile

    out = tmp_path / "dist"
    if importlib.util.find_spec("build") is None:  # a dev install has it (the dev extra)
        pytest.skip("the build package is not installed (pip install -e .[dev])")
    build = subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "-o", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert build.returncode == 0, (build.stdout + build.stderr)[-3000:]
    from tracker import __version__

    (tarball,) = out.glob("*.tar.gz")
    assert tarball.name == f"pcp_tracker-{__version__}.tar.gz"
    top = f"pcp_tracker-{__version__}/"
    with tarfile.open(tarball) as archive:
        names = {n.removeprefix(top) for n in archive.getnames()}
    for needed in (
        "LICENSE",
        "docs/user-guide.md",
        "tests/conftest.py",
        "tests/cli_helpers.py",
        "tests/unit/test_remind.py",
        "tests/ui/test_app.py",
        "tests/db/test_install_files.py",
        "packaging/install-linux.sh",
        f"packaging/{APP_ID}.desktop",
        "resources/areas/police_areas.json",
    ):
        assert needed in names, needed
    assert not any("__pycache__" in n or n.endswith(".pyc") for n in names)


# -- the machine-wide configuration ----------------------------------------------------------------------------


def test_the_site_configuration_is_read_from_the_file_named(tmp_path, monkeypatch):
    path = tmp_path / "pcp-tracker.toml"
    path.write_text(
        'database_url = "postgresql+psycopg://tracker@db.example.internal/tracker"\n'
        'organisation = "Wessex Police and Crime Panel"\n'
        'colour_scheme = "dark"  # a key this version does not know is ignored\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("TRACKER_SITE_CONFIG", str(path))
    assert site_config() == SiteConfig(
        database_url="postgresql+psycopg://tracker@db.example.internal/tracker",
        organisation="Wessex Police and Crime Panel",
        path=path,
    )


def test_a_site_configuration_with_only_some_keys_leaves_the_others_none(tmp_path, monkeypatch):
    path = tmp_path / "pcp-tracker.toml"
    path.write_text('organisation = "Wessex Police and Crime Panel"\n', encoding="utf-8")
    monkeypatch.setenv("TRACKER_SITE_CONFIG", str(path))
    config = site_config()
    assert config.database_url is None
    assert config.organisation == "Wessex Police and Crime Panel"


def test_a_missing_site_configuration_gives_all_none(tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_SITE_CONFIG", str(tmp_path / "absent.toml"))
    assert site_config() == SiteConfig(database_url=None, organisation=None, path=None)


def test_a_malformed_site_configuration_is_an_error_naming_the_file(tmp_path, monkeypatch):
    path = tmp_path / "pcp-tracker.toml"
    path.write_text('database_url = "sqlite:///unterminated\n', encoding="utf-8")
    monkeypatch.setenv("TRACKER_SITE_CONFIG", str(path))
    with pytest.raises(TrackerError) as caught:
        site_config()
    assert str(caught.value).startswith(f"the site configuration {path} cannot be read: ")


def test_a_site_configuration_value_of_the_wrong_kind_is_an_error_naming_the_key(tmp_path, monkeypatch):
    path = tmp_path / "pcp-tracker.toml"
    path.write_text("database_url = 5432\n", encoding="utf-8")
    monkeypatch.setenv("TRACKER_SITE_CONFIG", str(path))
    with pytest.raises(TrackerError, match="database_url must be a string"):
        site_config()


def test_without_the_override_the_file_is_in_the_site_config_folder(monkeypatch):
    from platformdirs import site_config_dir

    from tracker.config import site_config_path

    monkeypatch.delenv("TRACKER_SITE_CONFIG", raising=False)
    expected = Path(site_config_dir("pcp-tracker", "pcp-tracker")) / "pcp-tracker.toml"
    assert site_config_path() == expected


def test_the_site_configuration_sets_the_store_and_the_organisation_for_everyone(
    tmp_path, monkeypatch, capsys
):
    from tests.cli_helpers import ok

    store = tmp_path / "shared" / "team.db"
    store.parent.mkdir()
    config = tmp_path / "pcp-tracker.toml"
    config.write_text(
        f'database_url = "sqlite:///{store}"\norganisation = "Wessex Police and Crime Panel"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("TRACKER_SITE_CONFIG", str(config))
    ok(capsys, "init")  # no --db: the site configuration names the store
    assert store.exists()
    shown = {r["key"]: r["value"] for r in ok(capsys, "settings", "show")}
    assert shown["organisation"] == "Wessex Police and Crime Panel"
    ok(capsys, "settings", "set", "organisation", "Our own name")  # a store setting still wins
    assert {r["key"]: r["value"] for r in ok(capsys, "settings", "show")}["organisation"] == "Our own name"
