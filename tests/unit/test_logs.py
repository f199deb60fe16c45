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
