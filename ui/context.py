"""What every page shares: the services, the task runner, and the day statuses are computed for."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.workers import TaskRunner


class AppContext(QObject):
    as_of_changed = Signal(object)  # dt.date
    data_changed = Signal(str)  # cycle id, or "" for everything: something was saved, pages reload
    cycle_selected = Signal(str)  # a page asks to show a cycle (dashboard -> cycle page)

    def __init__(self, services, runner: TaskRunner | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.runner = runner or TaskRunner(self)
        self._as_of = dt.date.today()
        self.current_cycle: str | None = None  # the cycle on show, which Edit and Remove cycle act on
        self.cycle_selected.connect(self._select)

    def _select(self, cycle_id: str) -> None:
        self.current_cycle = cycle_id

    @property
    def as_of(self) -> dt.date:
        return self._as_of

    def set_as_of(self, day: dt.date) -> None:
        if day != self._as_of:
            self._as_of = day
            self.as_of_changed.emit(day)


class Page(QWidget):
    """A main page. `loaded` fires each time its data has arrived and is shown (the smoke test waits on it)."""

    loaded = Signal()
    title = ""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setAccessibleName(f"{self.title} page")
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(16, 14, 16, 14)
        self.layout_.setSpacing(10)
        self.loads = 0  # how many times its data has arrived
        self.loaded.connect(self._count_load)

    def _count_load(self) -> None:
        self.loads += 1

    def refresh(self) -> None:
        """Reload from the store, off the GUI thread. Pages override this."""
        self.loaded.emit()

    def reload_if_shown(self) -> None:
        """Answer a change made elsewhere: a page out of sight is reloaded when it is next shown, so
        saving one thing does not reload every page ever visited."""
        if self.isVisible():
            self.refresh()

    def error_text(self, exc: BaseException) -> str:
        from tracker.errors import TrackerError

        if isinstance(exc, TrackerError):
            return str(exc)
        return f"{exc.__class__.__name__}: {exc}"
