"""Run a function off the GUI thread; its result comes back by signal, on the GUI thread."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(str)


class Job(QRunnable):
    def __init__(self, function: Callable[[], object]):
        super().__init__()
        self.function = function
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.function()
        except Exception as error:  # noqa: BLE001 - reported to the user, not swallowed
            self.signals.failed.emit(str(error))
        else:
            self.signals.done.emit(result)


_running: set[Job] = set()  # keeps each job's signals alive until its result has been delivered


def run_in_background(function: Callable[[], object], on_done: Callable[[object], None],
                      on_failed: Callable[[str], None]) -> Job:
    job = Job(function)
    job.signals.done.connect(on_done)
    job.signals.failed.connect(on_failed)
    job.signals.done.connect(lambda _result: _running.discard(job))
    job.signals.failed.connect(lambda _message: _running.discard(job))
    _running.add(job)
    QThreadPool.globalInstance().start(job)
    return job
