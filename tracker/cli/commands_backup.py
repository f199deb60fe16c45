"""`tracker backup -o FILE` and `tracker restore FILE`."""

from __future__ import annotations

import argparse
from pathlib import Path

from tracker.cli.common import Output, add_command, services_for


def register(subparsers: argparse._SubParsersAction) -> None:
    p = add_command(
        subparsers, "backup", cmd_backup, "copy the whole store to one SQLite file while others keep working"
    )
    p.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="the backup file to write (must be new)"
    )
    p = add_command(subparsers, "restore", cmd_restore, "copy a backup into an empty store, history included")
    p.add_argument("file", metavar="FILE", help="a file written by tracker backup")


def cmd_backup(args: argparse.Namespace) -> Output:
    from tracker.services.backup import backup

    services = services_for(args)
    target = Path(args.output).expanduser().absolute()
    counts = backup(services.uow, services.url, target)
    return Output({"file": str(target), "rows": counts}, f"Backed up {sum(counts.values())} rows to {target}")


def cmd_restore(args: argparse.Namespace) -> Output:
    from tracker.services.backup import restore

    services = services_for(args)
    source = Path(args.file).expanduser().absolute()
    counts = restore(services.uow, services.url, source)
    return Output(
        {"file": str(source), "rows": counts}, f"Restored {sum(counts.values())} rows from {source}"
    )
