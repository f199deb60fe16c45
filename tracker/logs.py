"""The log file IT support asks for: errors with their tracebacks go here, never to the user's screen."""

from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

from tracker.paths import APP_AUTHOR, APP_NAME

LOGGER = "pcp_tracker"


def log_dir() -> Path:
    """The user log folder (platformdirs), or `logs` in TRACKER_DATA_DIR when that is set (tests, portable)."""
    override = os.environ.get("TRACKER_DATA_DIR")
    if override:
        return Path(override) / "logs"
    from platformdirs import user_log_dir

    return Path(user_log_dir(APP_NAME, APP_AUTHOR))


def log_file() -> Path:
    return log_dir() / "tracker.log"


def logger() -> logging.Logger:
    """The app's logger, writing to a rotating file (1 MB, five old files kept) once first asked for."""
    log = logging.getLogger(LOGGER)
    if not log.handlers:
        log.setLevel(logging.INFO)
        log.propagate = False
        try:
            log_dir().mkdir(parents=True, exist_ok=True)
            handler: logging.Handler = RotatingFileHandler(
                log_file(), maxBytes=1_000_000, backupCount=5, encoding="utf-8", delay=True
            )
        except OSError:  # no writable log folder: keep going without a file rather than fail the command
            handler = logging.NullHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
    return log


def record_unexpected(program: str, exc: BaseException) -> str:
    """Log an unexpected failure with its traceback; return the one line to show the user."""
    logger().error("%s failed", program, exc_info=(type(exc), exc, exc.__traceback__))
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    summary = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
    return f"{program}: unexpected error ({summary[:200]}); the details are in {log_file()}"
