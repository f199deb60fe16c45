"""`tracker export ics|xlsx`: deadlines, meetings and registers for Outlook, Google Calendar and Excel."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    export = subparsers.add_parser("export", help="export dates to a calendar file or a register to Excel")
    inner = export.add_subparsers(dest="export_kind", metavar="KIND", parser_class=subparsers._parser_class)
    inner.required = True
    for name in ("tracker.cli.export_ics", "tracker.cli.export_xlsx"):
        try:
            module = __import__(name, fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name == name:  # not written yet
                continue
            raise
        module.register(inner)
