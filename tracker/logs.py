"""The log file IT support asks for: errors with their tracebacks go here, never to the user's screen."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
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


class SharedLogHandler(logging.Handler):
    """Appends each record to the log file, shared safely by every tracker process on the computer (the app
    and any number of commands): the file is created readable by its owner alone (0600, for it holds
    tracebacks), and each write, and the rotation when the file passes `max_bytes` (the file renamed to .1,
    .1 to .2, … `backups` kept), happens under a lock on a file beside it, so two processes never rotate at
    once nor write into a file another has just renamed."""

    def __init__(self, path: Path | None = None, max_bytes: int = 1_000_000, backups: int = 5) -> None:
        super().__init__()
        self.fixed, self.max_bytes, self.backups = path, max_bytes, backups

    @property
    def path(self) -> Path:
        return self.fixed or log_file()  # None: the log file of the moment (TRACKER_DATA_DIR may change)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            data = (self.format(record) + "\n").encode("utf-8", "replace")
            with _locked(self.path.with_name(self.path.name + ".lock")):
                if self.path.exists() and self.path.stat().st_size + len(data) > self.max_bytes:
                    self._rotate()
                descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
                try:
                    os.write(descriptor, data)
                finally:
                    os.close(descriptor)
        except Exception:  # noqa: BLE001 - logging must never fail the command it reports on
            self.handleError(record)

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        """No log folder to write to: the command goes on, and prints no logging traceback of its own."""

    def _rotate(self) -> None:
        for n in range(self.backups - 1, 0, -1):
            older = self.path.with_name(f"{self.path.name}.{n}")
            if older.exists():
                os.replace(older, self.path.with_name(f"{self.path.name}.{n + 1}"))
        os.replace(self.path, self.path.with_name(f"{self.path.name}.1"))


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(descriptor, msvcrt.LK_LOCK, 1)  # retries for about ten seconds
            try:
                yield
            finally:
                os.lseek(descriptor, 0, os.SEEK_SET)
                msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(descriptor, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


class _NoSecrets(logging.Formatter):
    """The usual line, with any password in a database URL (in the message or its traceback) masked."""

    def format(self, record: logging.LogRecord) -> str:
        from tracker.persistence.urls import mask_passwords

        return mask_passwords(super().format(record))


def logger() -> logging.Logger:
    """The app's logger, writing to the shared log file (1 MB, five old files kept) once first asked for."""
    log = logging.getLogger(LOGGER)
    if not log.handlers:
        log.setLevel(logging.INFO)
        log.propagate = False
        try:
            log_dir().mkdir(parents=True, exist_ok=True, mode=0o700)
            handler: logging.Handler = SharedLogHandler()
        except OSError:  # no writable log folder: keep going without a file rather than fail the command
            handler = logging.NullHandler()
        handler.setFormatter(_NoSecrets("%(asctime)s %(levelname)s %(process)d %(name)s: %(message)s"))
        log.addHandler(handler)
    return log


def record_unexpected(program: str, exc: BaseException) -> str:
    """Log an unexpected failure with its traceback; return the one line to show the user."""
    logger().error("%s failed", program, exc_info=(type(exc), exc, exc.__traceback__))
    from tracker.persistence.urls import mask_passwords

    first = mask_passwords(str(exc).strip().splitlines()[0]) if str(exc).strip() else ""
    summary = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
    return f"{program}: unexpected error ({summary[:200]}); the details are in {log_file()}"
