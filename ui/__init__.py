"""The desktop app: Qt widgets over the services that `tracker` builds."""

from __future__ import annotations

import sys


def _keep_none_alive() -> None:
    """PySide6 6.12.0 drops one reference to None on every call of a Qt method that returns nothing: a
    hundred calls of QLabel.setText lower sys.getrefcount(None) by a hundred. From Python 3.12 None is
    immortal and this does no harm; on 3.11 None starts with a few thousand references, so after that many
    calls the app aborts with "deallocating None". Give None the practically endless count that 3.12 gives
    it (its count is the first field of the object; None is never freed either way)."""
    if sys.version_info >= (3, 12):
        return
    import ctypes

    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40


_keep_none_alive()
