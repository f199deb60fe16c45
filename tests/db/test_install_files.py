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


def test_the_desktop_entry_passes_desktop_file_validate():
    desktop = PACKAGING / "pcp-tracker.desktop"
    result = subprocess.run(
        [_validator("desktop-file-validate"), str(desktop)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in (result.stdout + result.stderr).lower(), result.stdout + result.stderr
    lines = desktop.read_text(encoding="utf-8").splitlines()
    assert "Icon=pcp-tracker" in lines
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
        '<launchable type="desktop-id">pcp-tracker.desktop</launchable>',
        "<metadata_license>CC0-1.0</metadata_license>",
        "<project_license>MIT</project_license>",
        "<category>Office</category>",
        '<release version="0.2.0" date="2026-11-22"/>',
    ):
        assert needed in text, needed


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
