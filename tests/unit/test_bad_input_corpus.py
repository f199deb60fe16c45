"""Nothing a user types, points at or interrupts crashes the command line or loses data.

Every case of the corpus in tests/bad_inputs.py runs in-process against a fresh copy of one base store and must:
exit 0 or 2 as the case allows (never 1, the unexpected-error exit), print no traceback, say what is wrong in one
line on stderr when it exits 2, finish within a time limit, and leave the store's content unchanged when it fails.

Cases that fail today because of a product bug are kept and marked xfail(strict=True) in KNOWN_BUGS, so the suite
stays green, the bug is recorded, and the mark must be removed once the bug is fixed.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import logging
import os
import shutil
import signal
import sqlite3
import stat
import tempfile
from pathlib import Path

import pytest

from tests.bad_inputs import cases, reset_scratch

TIME_LIMIT_SECONDS = 60

# case id -> what goes wrong (one line). These are product bugs to fix; the xfail is strict.
KNOWN_BUGS: dict[str, str] = {}  # the nine the corpus first found are fixed: see the case ids in git history


class _Hang(BaseException):  # BaseException: the CLI's `except Exception` must not swallow it
    pass


def _run(argv: list[str]) -> tuple[int, str, str]:
    from tracker.cli.main import main

    out, err = io.StringIO(), io.StringIO()

    def on_alarm(signum, frame):
        raise _Hang(f"no answer within {TIME_LIMIT_SECONDS} s")

    # As in a real process the root logger has no handlers, so a library's warning (pypdf's "EOF marker not found")
    # reaches stderr through logging's last resort, as the user would see it; pytest's log capture would hide it.
    root = logging.getLogger()
    saved_handlers = root.handlers[:]
    root.handlers = []
    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(TIME_LIMIT_SECONDS)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse's own errors
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        root.handlers = saved_handlers
    return code, out.getvalue(), err.getvalue()


def _dump(db_file: Path) -> str:
    connection = sqlite3.connect(db_file)
    try:
        return "\n".join(connection.iterdump())
    finally:
        connection.close()


# The case files are written once at collection, in a folder that lives as long as the test session, so the
# parametrize ids and argv are known before any fixture runs.
_CORPUS_DIR = Path(tempfile.mkdtemp(prefix="tracker-bad-inputs-"))
_CASES = cases(_CORPUS_DIR / "files")


def _inputs_snapshot() -> dict[str, tuple]:
    """What each case file is (kind, size, link target), so a case that changes another case's input is caught."""
    snapshot = {}
    for entry in os.scandir(_CORPUS_DIR / "files"):
        info = entry.stat(follow_symlinks=False)
        target = os.readlink(entry.path) if entry.is_symlink() else None
        snapshot[entry.name] = (
            stat.S_IFMT(info.st_mode),
            info.st_size if stat.S_ISREG(info.st_mode) else None,
            target,
        )
    return snapshot


_INPUTS = _inputs_snapshot()


@atexit.register  # the folder is made at collection, so it is removed even when every case is deselected
def _cleanup_corpus():
    for path in (_CORPUS_DIR / "files" / "read-only", _CORPUS_DIR / "files" / "unreadable.txt"):
        with contextlib.suppress(OSError):
            path.chmod(0o700)
    shutil.rmtree(_CORPUS_DIR, ignore_errors=True)


@pytest.fixture(scope="module")
def base_store(tmp_path_factory) -> Path:
    """The store every case starts from: the London demo, body wessex, cycles c1 (plan-pcc) and p27 (precept)."""
    folder = tmp_path_factory.mktemp("base-store")
    db_file = folder / "base.db"
    url = f"sqlite:///{db_file}"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TRACKER_DATA_DIR", str(folder / "data"))
        mp.delenv("TRACKER_DB", raising=False)
        mp.setenv("TRACKER_USER", "test officer")
        for argv in (
            ["demo"],
            ["body", "add", "wessex", "--name", "W", "--kind", "pcc", "--members", "10"],
            ["cycle", "add", "c1", "--body", "wessex", "--template", "plan-pcc", "--trigger", "election=2024-05-02"],
            ["cycle", "add", "p27", "--body", "wessex", "--template", "precept",
             "--trigger", "financial_year_start=2027-04-01"],
        ):  # fmt: skip
            code, _, err = _run([*argv, "--db", url])
            assert code == 0, err
    # One file, whatever the journal mode: fold the WAL into the main file so a plain copy is the whole store.
    connection = sqlite3.connect(db_file)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return db_file


def _params():
    for case in _CASES:
        marks = []
        if case.id in KNOWN_BUGS:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[case.id]))
        yield pytest.param(case, id=case.id, marks=marks)


def test_corpus_is_big_enough():
    assert len(_CASES) >= 100
    assert len({c.id for c in _CASES}) == len(_CASES)
    assert set(KNOWN_BUGS) <= {c.id for c in _CASES}, "a KNOWN_BUGS entry names no case"


@pytest.mark.parametrize("case", list(_params()))
def test_bad_input(case, base_store, tmp_path):
    db_file = tmp_path / "tracker.db"
    shutil.copy(base_store, db_file)
    argv = list(case.argv)
    if not case.has_own_db:
        argv += ["--db", f"sqlite:///{db_file}"]
    before = _dump(db_file)
    reset_scratch(_CORPUS_DIR / "files")

    code, out, err = _run(argv)

    assert code != 1, f"unexpected error (exit 1): {err!r}"
    assert code in case.expect, f"exit {code}, expected {sorted(case.expect)}; stderr: {err!r}"
    assert "Traceback" not in err, err
    assert ":pw@" not in out + err, "a database password was shown"
    assert "\x1b" not in out + err, "a control character reached the terminal raw"
    if code == 2:
        lines = err.strip().splitlines()
        assert len(lines) == 1, f"stderr is {len(lines)} lines: {err!r}"
        assert lines[0].startswith(("tracker: error:", "usage:")), err
    if case.store_must_not_change and code != 0:
        assert _dump(db_file) == before, "a failed command changed the store"
    reset_scratch(_CORPUS_DIR / "files")  # the inputs a case may change are checked as made afresh
    now = _inputs_snapshot()
    assert {name: now.get(name) for name in _INPUTS} == _INPUTS, "the case changed a file other cases use"
    assert not (_CORPUS_DIR / "files" / "no-such-folder").exists(), "the case created the missing folder"
