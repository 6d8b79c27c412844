"""A simulated feed for offline demos: a random walk around each symbol's last cached close.

Its status is SIMULATED and every tick it makes has source `simulated`, so it can never pass as live.
"""
from __future__ import annotations

import random
import threading
from dataclasses import replace
from datetime import datetime, timezone
from decimal import Decimal

from ...core.money import price_places
from .coalescer import Coalescer
from .tick import Tick
from .status import FeedState, FeedStatus

SOURCE = "simulated"


class SimulatedFeed:
    def __init__(self, closes: dict[str, tuple[Decimal, str]], coalescer: Coalescer, *,
                 ticks_per_second: float = 20.0, step_bp: int = 15, seed: int | None = None):
        self.coalescer = coalescer
        self._prices = dict(closes)
        # Each made-up price at its close's own precision (742.10 walks to 743.25, not to 743.2491)
        self._quanta = {symbol: Decimal(1).scaleb(-price_places(close, currency))
                        for symbol, (close, currency) in closes.items()}
        self._interval = 1.0 / ticks_per_second
        self._step = step_bp / 10_000
        self._rng = random.Random(seed)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._ticks = 0

    def start(self, symbols=None) -> None:
        if symbols is not None:
            self._prices = {s: p for s, p in self._prices.items() if s in set(symbols)}
        self._thread = threading.Thread(target=self._run, name="gigatracker-simulated", daemon=True)
        self._thread.start()

    def set_symbols(self, symbols) -> None:  # the same interface as StreamClient
        pass

    def stop(self, wait: float = 2.0) -> None:  # as StreamClient.stop
        self._stop.set()
        if self._thread is not None and wait > 0:
            self._thread.join(wait)

    def status(self) -> FeedStatus:
        return replace(FeedStatus(FeedState.SIMULATED), ticks=self._ticks, symbols=len(self._prices))

    def _run(self) -> None:
        symbols = sorted(self._prices)
        while symbols and not self._stop.wait(self._interval):
            symbol = self._rng.choice(symbols)
            price, currency = self._prices[symbol]
            move = Decimal(repr(round(self._rng.gauss(0, self._step), 6)))
            quantum = self._quanta[symbol]
            price = max((price * (1 + move)).quantize(quantum), quantum)
            self._prices[symbol] = (price, currency)
            if self.coalescer.put(Tick(symbol, price, currency, datetime.now(timezone.utc), source=SOURCE)):
                self._ticks += 1
