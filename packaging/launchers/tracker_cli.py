"""Entry script of the bundled `tracker` command line (tracker.cli.main stays an ordinary module)."""

from tracker.cli.main import console

raise SystemExit(console())
