"""Unexpected failures: one line for the user naming the log file, the traceback in the log."""

from __future__ import annotations

from tests.cli_helpers import run
from tracker.logs import log_file


def test_an_unexpected_error_exits_1_with_one_line_and_the_log_path(capsys, monkeypatch, panel):
    from tracker.services import bodies

    def broken(self):
        raise RuntimeError("the disk said no")

    monkeypatch.setattr(bodies.BodyService, "list", broken)
    code, out, err = run(capsys, "body", "list", "--db", panel)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "RuntimeError: the disk said no" in err and str(log_file()) in err
    logged = log_file().read_text(encoding="utf-8")
    assert "Traceback" in logged and "the disk said no" in logged


def test_an_unreachable_server_is_a_clear_refusal_with_the_password_hidden(capsys):
    code, _, err = run(capsys, "cycles", "--db", "postgresql://officer:s3cret@127.0.0.1:1/tracker")
    assert code == 2 and "cannot open the store" in err and "s3cret" not in err


def test_version(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("tracker ")


def test_the_log_file_is_readable_by_its_owner_alone_and_never_holds_a_password(capsys, monkeypatch, panel):
    import os
    import stat

    from tracker.services import bodies

    def broken(self):
        raise RuntimeError("could not reach postgresql://officer:s3cret@db.example/tracker")

    monkeypatch.setattr(bodies.BodyService, "list", broken)
    code, _, err = run(capsys, "body", "list", "--db", panel)
    assert code == 1 and "s3cret" not in err
    if os.name == "posix":
        assert stat.S_IMODE(log_file().stat().st_mode) == 0o600
    logged = log_file().read_text(encoding="utf-8")
    assert "could not reach postgresql://officer:***@db.example" in logged and "s3cret" not in logged


def _write_lines(path: str, writer: int, count: int) -> None:
    from pathlib import Path

    from tracker.logs import SharedLogHandler

    handler = SharedLogHandler(Path(path), max_bytes=4_000, backups=200)
    import logging

    handler.setFormatter(logging.Formatter("%(message)s"))
    for n in range(count):
        handler.emit(
            logging.LogRecord("t", logging.INFO, __file__, 1, f"writer {writer} line {n:04d}", None, None)
        )


def test_several_processes_logging_at_once_rotate_without_losing_or_mixing_a_line(tmp_path):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    path = tmp_path / "tracker.log"
    with ProcessPoolExecutor(3, mp_context=multiprocessing.get_context("spawn")) as pool:
        for future in [pool.submit(_write_lines, str(path), w, 300) for w in range(3)]:
            future.result(timeout=120)
    files = [
        p for p in tmp_path.iterdir() if p.name.startswith("tracker.log") and not p.name.endswith(".lock")
    ]
    assert len(files) > 3  # it rotated, many times
    lines = [line for p in files for line in p.read_text(encoding="utf-8").splitlines()]
    expected = {f"writer {w} line {n:04d}" for w in range(3) for n in range(300)}
    assert sorted(lines) == sorted(expected)  # every line once, whole
