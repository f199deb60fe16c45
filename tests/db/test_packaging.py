"""The wheel carries what the program reads at run time, and works from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    if result.returncode != 0:
        pytest.fail(result.stderr[-2000:])
    return next(out.glob("pcp_tracker-*.whl"))


def test_the_wheel_holds_templates_wording_fonts_areas_demo_and_migrations(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "tracker/_resources/templates/plan-pcc.v1.json",
        "tracker/_resources/report_templates/agenda.json",
        "tracker/_resources/fonts/DejaVuSans.ttf",
        "tracker/_resources/areas/police_areas.json",
        "tracker/_resources/demo/london.json",
        "tracker/_migrations/env.py",
        "tracker/_migrations/script.py.mako",
        "tracker/_migrations/versions/0003_bodies_and_settings.py",
        "tracker/_docs/user-guide.md",
    ):
        assert needed in names, needed


def test_the_unpacked_wheel_runs_from_another_folder(wheel, tmp_path):
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    env = {**os.environ, "PYTHONPATH": str(unpacked), "TRACKER_DATA_DIR": str(tmp_path / "data")}
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    def tracker(*argv):
        return subprocess.run(
            [sys.executable, "-m", "tracker.cli.main", *argv], cwd=elsewhere, env=env,
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip

    where = subprocess.run(
        [sys.executable, "-c", "import tracker; print(tracker.__file__)"], cwd=elsewhere, env=env,
        capture_output=True, text=True,
    )  # fmt: skip
    assert where.stdout.startswith(str(unpacked)), where.stdout
    assert tracker("rules", "list").returncode == 0
    store = f"sqlite:///{tmp_path / 'data' / 'store.db'}"
    demo = tracker("demo", "--db", store)
    assert demo.returncode == 0, demo.stderr
    report = tracker(
        "report", "status", "--cycle", "london-2022", "-o", str(tmp_path / "s.pdf"), "--db", store
    )
    assert report.returncode == 0, report.stderr
    assert (tmp_path / "s.pdf").read_bytes().startswith(b"%PDF")
