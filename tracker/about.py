"""The installed version, and a `--version` option that looks it up only when asked."""

from __future__ import annotations

import argparse


def package_version() -> str:
    """The version, from tracker/__init__.py: the same in a checkout, an installed wheel and a bundle."""
    from tracker import __version__

    return __version__


class VersionAction(argparse.Action):
    """Like argparse's "version" action, with the version looked up only when --version is given."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"{parser.prog} {package_version()}")  # to standard output, as argparse's own action does
        parser.exit()


def add_version_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action=VersionAction, help="show the version and exit")
