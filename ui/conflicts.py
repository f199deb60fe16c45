"""Keep mine or take theirs: what the app asks when a save is refused because someone else saved first.

Every save passes the version it was read at. A refusal (a `Conflict` that is not "busy") names who changed
the thing and when; the officer chooses to keep theirs (save again over the newer version, on purpose) or
to take the other change (reload what is stored now).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget


def is_stale(exc: BaseException) -> bool:
    """A save refused because the thing moved on since it was read (not a busy store, not bad input)."""
    from tracker.errors import Conflict

    return isinstance(exc, Conflict) and "busy" not in str(exc)


def ask_keep_or_take(parent: QWidget, text: str) -> str:
    """ "mine" or "theirs", asked in a window-modal box (the save has already come back: nothing waits)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Changed by someone else")
    box.setText(text[:1].upper() + text[1:] + ".")
    box.setInformativeText("Keep mine saves your change over theirs; take theirs shows what is stored now.")
    mine = box.addButton("&Keep mine", QMessageBox.ButtonRole.AcceptRole)
    theirs = box.addButton("&Take theirs", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(theirs)
    box.setAccessibleName("Changed by someone else: keep mine or take theirs")
    box.exec()
    return "mine" if box.clickedButton() is mine else "theirs"


def on_refusal(
    ask: Callable[[str], str],
    keep_mine: Callable[[], None],
    take_theirs: Callable[[], None],
    other: Callable[[BaseException], None],
) -> Callable[[BaseException], None]:
    """An error handler for a versioned save: a stale refusal asks, anything else goes to `other`."""

    def handle(exc: BaseException) -> None:
        if not is_stale(exc):
            other(exc)
        elif ask(str(exc)) == "mine":
            keep_mine()
        else:
            take_theirs()

    return handle
