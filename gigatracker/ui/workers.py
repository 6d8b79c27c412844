"""Run work off the GUI thread; results come back by signal, on the GUI thread.

Reads run on the global pool; the performance figures on a pool of their own (one thread: they share
one engine), so a switch of period never queues behind a window reload. Writes run one at a time, in the order they were asked for, on the
store writer (a pool of one thread), so an undo never overtakes the edit it undoes.
"""
from __future__ import annotations

import logging
import sys
from typing import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)  # the exception: dialogs show a LedgerError next to its field


class Job(QRunnable):
    def __init__(self, function: Callable[[], object]):
        super().__init__()
        self.function = function
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.function()
        except Exception as error:  # noqa: BLE001 - reported to the user, not swallowed
            log.warning("background job %s failed: %s: %s", getattr(self.function, "__qualname__", "?"),
                        type(error).__name__, error, exc_info=True)  # the traceback, for whoever reads the log
            self._deliver(self.signals.failed, error)
        else:
            self._deliver(self.signals.done, result)

    @staticmethod
    def _deliver(signal, value) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the application is shutting down: nobody is left to receive it
            pass


# How often a worker running Python hands the GIL to the GUI thread (CPython's default: 5 ms). Painting calls
# from Qt into Python (table cells, chart items) and back many times, each waiting for the GIL while a
# worker formats a large book (benchmarks/ui_latency.py --page performance, 100k transactions: the longest
# GUI stall of the scope switches 249 ms at 5 ms, 99-108 ms at 1 ms).
GIL_SWITCH_SECONDS = 0.001

_running: set[Job] = set()  # keeps each job's signals alive until its result has been delivered
_parked: list[tuple[Callable, Callable]] = []  # delivered receivers' callbacks, let go at the next turn
_kept: list[QObject] = []
_single: dict[str, QThreadPool] = {}  # pools of one thread, made when first used


def _one_thread(name: str) -> QThreadPool:
    if name not in _single:
        pool = _single[name] = QThreadPool()
        pool.setMaxThreadCount(1)
    return _single[name]


def writer_pool() -> QThreadPool:
    return _one_thread("writer")


def figures_pool() -> QThreadPool:
    return _one_thread("figures")


class _Receiver(QObject):
    """Delivers a job's result; a child of the asking widget, so a widget deleted meanwhile is not called.
    Once it has delivered, its callbacks are parked until the next turn of the event loop: they often hold
    the asking widget, and when they held the last reference to it (a dialog closed meanwhile), freeing
    them with the receiver freed the widget from inside the receiver's own deletion, which then deleted
    the receiver a second time (a crash in QObject::~QObject, 1 run in 5 of the dialog tests)."""

    def __init__(self, context: QObject, on_done, on_failed):
        super().__init__(context)
        self.on_done, self.on_failed = on_done, on_failed

    def done(self, result) -> None:
        self.deleteLater()
        self._park()[0](result)

    def failed(self, error) -> None:
        self.deleteLater()
        self._park()[1](error)

    def _park(self) -> tuple[Callable, Callable]:
        callbacks = self.on_done, self.on_failed
        self.on_done = self.on_failed = None
        _parked.append(callbacks)
        QTimer.singleShot(0, _lasting(), _parked.clear)
        return callbacks


def _lasting() -> QObject:
    """An object of the GUI thread that lasts as long as the application (the context of that release)."""
    if not _kept:
        _kept.append(QObject())
    return _kept[0]


def run_in_background(function: Callable[[], object], on_done: Callable[[object], None],
                      on_failed: Callable[[Exception], None], *, pool: QThreadPool | None = None,
                      context: QObject | None = None) -> Job:
    job = Job(function)
    if context is not None:
        receiver = _Receiver(context, on_done, on_failed)
        job.signals.done.connect(receiver.done)
        job.signals.failed.connect(receiver.failed)
    else:
        job.signals.done.connect(on_done)
        job.signals.failed.connect(on_failed)
    job.signals.done.connect(lambda _result: _running.discard(job))
    job.signals.failed.connect(lambda _error: _running.discard(job))
    _running.add(job)
    if sys.getswitchinterval() > GIL_SWITCH_SECONDS:  # the window's first worker: from now on, always
        sys.setswitchinterval(GIL_SWITCH_SECONDS)
    (pool or QThreadPool.globalInstance()).start(job)
    return job


def run_write(function: Callable[[], object], on_done: Callable[[object], None],
              on_failed: Callable[[Exception], None], *, context: QObject | None = None) -> Job:
    return run_in_background(function, on_done, on_failed, pool=writer_pool(), context=context)
