"""The `tracker` console script: parses arguments, dispatches to a command module, prints the result."""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Sequence

from tracker.about import add_version_option
from tracker.cli.common import add_common_options, field_as_typed, to_json
from tracker.domain.formatting import without_controls
from tracker.errors import BadInput, TrackerError

# Each module listed here has `register(subparsers)`. Kept explicit so start-up imports only what is named.
COMMAND_MODULES = (
    "tracker.cli.commands_store",
    "tracker.cli.commands_setup",
    "tracker.cli.commands_register",
    "tracker.cli.commands_analytics",
    "tracker.cli.commands_rules",
    "tracker.cli.commands_documents",
    "tracker.cli.commands_reports",
    "tracker.cli.commands_export",
    "tracker.cli.commands_remind",
    "tracker.cli.commands_backup",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own usage errors also exit 2 with one line
        self.exit(2, f"tracker: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="tracker",
        description="Police and Crime Plan tracker",
        epilog="Dates are YYYY-MM-DD or day first (12/3/2025, 12-03-2025, 12 March 2025), never month first.",
    )
    add_version_option(parser)
    add_common_options(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    subparsers.required = True
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # a command group not written yet
                continue
            raise
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        from tracker.reports.wording import wording

        wording()  # the papers' wording is checked at every start: a typo names its key, not a blank later
        output = args.handler(args)
    except TrackerError as exc:
        if isinstance(exc, BadInput):
            exc.field = field_as_typed(exc.field, getattr(args, "command_parser", None))
            exc.args = (exc.message,)
        print(f"tracker: error: {without_controls(str(exc))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("tracker: interrupted; nothing half written (each change is one transaction)", file=sys.stderr)
        return 130
    except Exception as exc:  # anything else: one line for the user, the traceback in the log file
        from tracker.logs import record_unexpected

        print(without_controls(record_unexpected("tracker", exc)), file=sys.stderr)
        return 1
    if output is None:
        return 0
    if getattr(args, "json", False):
        sys.stdout.write(to_json(output.data) + "\n")
    elif output.text:
        sys.stdout.write(without_controls(output.text.rstrip("\n")) + "\n")  # a file name may hold an escape
    return 0


def console() -> int:
    """The installed `tracker` command: main() with the cyclic collector set for a short run. A command runs
    for a second or two and keeps nearly everything it builds, so collecting every 700 allocations (Python's
    default) rescans the same long-lived objects over and over; memory is still freed by reference counting."""
    gc.set_threshold(20_000, 20, 20)
    return main()


if __name__ == "__main__":
    raise SystemExit(console())
