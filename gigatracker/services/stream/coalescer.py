"""The last tick per symbol, shared between the stream thread and the consumers that drain it."""
from __future__ import annotations

import threading

from .tick import Tick


class Coalescer:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: dict[str, Tick] = {}
        self._latest: dict[str, Tick] = {}
        self.stale = 0  # ticks dropped because an newer one for the symbol was already seen

    def put(self, tick: Tick) -> bool:
        """Keep the tick unless it is older than the last one seen for its symbol."""
        with self._lock:
            last = self._latest.get(tick.symbol)
            if last is not None and tick.time < last.time:
                self.stale += 1
                return False
            self._latest[tick.symbol] = tick
            self._pending[tick.symbol] = tick
            return True

    def drain(self) -> dict[str, Tick]:
        """The ticks that arrived since the last drain, one per symbol (the latest)."""
        with self._lock:
            pending, self._pending = self._pending, {}
            return pending

    def latest(self) -> dict[str, Tick]:
        with self._lock:
            return dict(self._latest)
