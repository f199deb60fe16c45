"""Entry script of the bundled `tracker-app` (PyInstaller runs it as __main__; ui.app stays an ordinary module)."""

from ui.app import main

raise SystemExit(main())
