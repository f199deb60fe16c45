"""The machine-wide configuration that IT sets once for everyone who uses the tracker on a computer.

A TOML file `pcp-tracker.toml` in the site configuration folder:

    Windows  %PROGRAMDATA%\\pcp-tracker\\pcp-tracker\\pcp-tracker.toml
    Linux    /etc/xdg/pcp-tracker/pcp-tracker.toml      (the first folder of $XDG_CONFIG_DIRS)
    macOS    /Library/Application Support/pcp-tracker/pcp-tracker.toml

or the file named by the environment variable TRACKER_SITE_CONFIG (tests, or a file kept elsewhere).

    # the shared store for the whole team
    database_url = "postgresql+psycopg://tracker@db.example.internal/tracker"
    organisation = "Example Police and Crime Panel"
    # how long one action waits, in seconds, before it is refused as busy (see README, team section)
    lock_timeout = 5
    statement_timeout = 30

A key this version does not know is ignored, so a newer file still works with an older program. A missing
file means no machine-wide settings; a file that cannot be read is an error naming the file, never a silent
fallback to another store.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from tracker.errors import TrackerError
from tracker.paths import APP_AUTHOR, APP_NAME

FILE_NAME = "pcp-tracker.toml"
ENV_VAR = "TRACKER_SITE_CONFIG"


@dataclass(frozen=True)
class SiteConfig:
    database_url: str | None = None
    organisation: str | None = None
    lock_timeout: float | None = None
    statement_timeout: float | None = None
    path: Path | None = None  # the file read, None when there is none


def site_config_path() -> Path:
    """Where the machine-wide file is looked for: TRACKER_SITE_CONFIG, else the site config folder."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    from platformdirs import site_config_dir

    return Path(site_config_dir(APP_NAME, APP_AUTHOR)) / FILE_NAME


def site_config() -> SiteConfig:
    """The machine-wide settings, all None when the file does not exist."""
    path = site_config_path()
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        return SiteConfig()
    except tomllib.TOMLDecodeError as exc:
        raise TrackerError(f"the site configuration {path} cannot be read: {exc}") from exc
    except OSError as exc:  # a folder where the file should be, no permission to read it
        raise TrackerError(f"the site configuration {path} cannot be read: {exc.strerror or exc}") from exc
    return SiteConfig(
        database_url=_text(data, "database_url", path),
        organisation=_text(data, "organisation", path),
        lock_timeout=_seconds(data, "lock_timeout", path),
        statement_timeout=_seconds(data, "statement_timeout", path),
        path=path,
    )


def _text(data: dict, key: str, path: Path) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise TrackerError(
            f"the site configuration {path} cannot be read: {key} must be a string in quotes, not {value!r}"
        )
    value = value.strip()
    return value or None


def _seconds(data: dict, key: str, path: Path) -> float | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 3600:
        raise TrackerError(
            f"the site configuration {path} cannot be read: {key} must be a number of seconds from more "
            f"than 0 to 3600, not {value!r}"
        )
    return float(value)
