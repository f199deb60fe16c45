"""Running the `tracker` command line in-process, as the tests of its commands do."""

from __future__ import annotations

import json

from tracker.cli.main import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one command."""
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse's own errors
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def ok(capsys, *argv: str):
    """The JSON a command prints, asserting it succeeded."""
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)
