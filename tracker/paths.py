"""Where the app keeps its files. Every path goes through here so tests and portable use can override it."""

from __future__ import annotations

import os
from pathlib import Path

from tracker.errors import BadInput

APP_NAME = "pcp-tracker"
APP_AUTHOR = "pcp-tracker"

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _package_folder(package: str, fallback: str) -> Path:
    """A data folder shipped inside the wheel (found from any working folder), else the source checkout's."""
    from importlib.resources import files

    try:
        found = files(package)
    except ModuleNotFoundError:
        return PROJECT_ROOT / fallback
    return Path(str(found))


RESOURCES = _package_folder("tracker._resources", "resources")
MIGRATIONS = _package_folder("tracker._migrations", "db")
DOCS = _package_folder("tracker._docs", "docs")


def data_dir(create: bool = True) -> Path:
    """The user data folder (platformdirs), or TRACKER_DATA_DIR when set."""
    override = os.environ.get("TRACKER_DATA_DIR")
    if override:
        path = Path(override)
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir(APP_NAME, APP_AUTHOR))
    if path.exists() and not path.is_dir():
        raise BadInput(
            "data folder" if not override else "TRACKER_DATA_DIR", str(path), "is a file, not a folder"
        )
    if create:
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BadInput("data folder", str(path), f"cannot be created: {exc.strerror or exc}") from None
    return path


def default_database_url(create_folder: bool = True) -> str:
    return f"sqlite:///{data_dir(create_folder) / 'tracker.db'}"


def example_database_url() -> str:
    """The London example lives in a store file of its own, so demo cycles never mix with real work."""
    return f"sqlite:///{data_dir() / 'london-example.db'}"


def database_url(explicit: str | None = None, create_folder: bool = True) -> str:
    """--db beats TRACKER_DB beats the machine-wide configuration IT sets (tracker.config) beats the
    embedded SQLite file in the user data folder."""
    if explicit or os.environ.get("TRACKER_DB"):
        return explicit or os.environ["TRACKER_DB"]
    from tracker.config import site_config

    return site_config().database_url or default_database_url(create_folder)


def resource(*parts: str) -> Path:
    return RESOURCES.joinpath(*parts)


def user_guide() -> str:
    """The user guide (docs/user-guide.md) as Markdown text."""
    return DOCS.joinpath("user-guide.md").read_text(encoding="utf-8")
