"""Shared test set-up. Qt must never look for a display: set the platform before anything imports Qt."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory, monkeypatch):
    """No test may touch the user's real store: the data folder and TRACKER_DB point at a temp folder."""
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("TRACKER_DATA_DIR", str(folder))
    monkeypatch.delenv("TRACKER_DB", raising=False)
    monkeypatch.setenv("TRACKER_USER", "test officer")
    # a machine-wide configuration on the test machine must not steer the tests
    monkeypatch.setenv("TRACKER_SITE_CONFIG", str(folder / "no-site-config.toml"))
    # nor may a test write the user's own window settings: the app and any tracker-app it starts keep theirs here
    monkeypatch.setenv("TRACKER_SETTINGS", str(folder / "settings.ini"))


@pytest.fixture
def db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'tracker.db'}"


@pytest.fixture
def services(db_url):
    from tracker.services.factory import open_services

    svc = open_services(db_url)
    yield svc
    svc.dispose()


@pytest.fixture
def demo(services):
    services.demo.load()
    return services


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("the shared seed documents are not beside the repository")
    return SEEDS


@pytest.fixture
def panel(db_url, capsys):
    """An empty store with one commissioner and its panel of 12, as a new secretariat would start."""
    from tests.cli_helpers import ok

    ok(
        capsys, "body", "add", "wessex", "--name", "Wessex Police and Crime Commissioner", "--kind", "pcc",
        "--area", "Wessex", "--members", "12", "--db", db_url,
    )  # fmt: skip
    return db_url
