"""The one way the GUI runs work off its thread: database queries, imports and PDF builds.

`TaskRunner.run(key, fn, on_done, on_error)` runs `fn()` on the thread pool and delivers its result (or
exception) back on the GUI thread through a queued signal. A newer task with the same key makes the
older one's result stale, so a quick double change of the "as of" date can never show the older answer.
Workers receive plain arguments and the services object (each call opens its own session), never widgets.
"""

from __future__ import annotations

import itertools
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Relay(QObject):
    finished = Signal(int, object, object)  # task id, result, exception


class _Task(QRunnable):
    def __init__(self, task_id: int, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.task_id = task_id
        self.fn = fn
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # delivered to the GUI thread, which decides how to show it
            exc.formatted = traceback.format_exc()
            self.relay.finished.emit(self.task_id, None, exc)
            return
        self.relay.finished.emit(self.task_id, result, None)


class TaskRunner(QObject):
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._relay = _Relay()
        self._relay.finished.connect(self._deliver)
        self._ids = itertools.count(1)
        self._latest: dict[str, int] = {}
        self._callbacks: dict[int, tuple[str, Callable, Callable | None]] = {}

    def run(
        self,
        key: str,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> int:
        task_id = next(self._ids)
        self._latest[key] = task_id
        self._callbacks[task_id] = (key, on_done, on_error)
        self.busy_changed.emit(True)
        self.pool.start(_Task(task_id, fn, self._relay))
        return task_id

    def cancel(self, key: str) -> None:
        """Forget the pending task for key: its result will be dropped when it arrives."""
        self._latest.pop(key, None)

    @property
    def pending(self) -> int:
        return len(self._callbacks)

    @Slot(int, object, object)
    def _deliver(self, task_id: int, result: Any, error: BaseException | None) -> None:
        key, on_done, on_error = self._callbacks.pop(task_id, (None, None, None))
        if not self._callbacks:
            self.busy_changed.emit(False)
        if key is None or self._latest.get(key) != task_id:
            return  # stale: a newer request for the same thing has been made, or it was cancelled
        self._latest.pop(key, None)
        if error is None:
            on_done(result)
        elif on_error is not None:
            on_error(error)
        else:
            raise error

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)


class MainThreadCollector(QObject):
    """Python's cyclic garbage collector runs on whichever thread happens to allocate. If that is a worker,
    it may free Qt objects that belong to the GUI thread, which crashes. So automatic collection is turned
    off and the collector runs from a timer on the GUI thread instead."""

    def __init__(self, interval_ms: int = 3000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        import gc

        from PySide6.QtCore import QTimer

        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect)
        self.timer.start(interval_ms)

    @Slot()
    def collect(self) -> None:
        import gc

        gc.collect()
