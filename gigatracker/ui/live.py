"""Live prices for the window: a feed (Yahoo's streamer or the simulated one) fills a coalescer in its
own thread; a QTimer on the GUI thread drains it at 10 Hz, so views get at most ten updates a second
however fast ticks arrive, and never touch the network themselves."""
from __future__ import annotations

import time
from datetime import datetime, timezone

from PySide6.QtCore import QObject, QTimer, Signal

from ..services.stream.coalescer import Coalescer
from ..services.stream.simulated import SimulatedFeed
from ..services.stream.status import FeedState, FeedStatus
from .gc_pauses import freeze_long_lived
from .workers import run_in_background

DRAIN_MS = 100  # <= 10 Hz
STATUS_EVERY_S = 1.0  # re-announce an unchanged status this often, so "last price N s ago" keeps counting


class LivePrices(QObject):
    ticked = Signal(object)  # dict[symbol, Tick], the latest tick per symbol since the last drain
    status_changed = Signal(object)  # FeedStatus

    def __init__(self, parent=None):
        super().__init__(parent)
        self._feed = None
        self._coalescer = Coalescer()
        self._status: FeedStatus | None = None
        self._announced = 0.0
        self._symbols: list[str] = []
        self._starts = 0  # each start (and stop) counts: a live client made after a newer one is dropped
        self._timer = QTimer(self)
        self._timer.setInterval(DRAIN_MS)
        self._timer.timeout.connect(self._drain)

    def start(self, symbols: list[str], *, url: str | None = None, settings_url: str | None = None,
              simulated_closes: dict | None = None) -> None:
        """url: given explicitly (wins); else $GIGATRACKER_STREAM_URL; else the user's setting; else Yahoo.
        Yahoo's client (yfinance and pandas: a quarter of a second to import the first time) is imported
        in a worker, so the GUI thread never waits for it; the status says "connecting" meanwhile."""
        self.stop()
        self._coalescer, self._symbols = Coalescer(), list(symbols)
        if simulated_closes is not None:
            self._run(SimulatedFeed(simulated_closes, self._coalescer))
            return
        start = self._starts

        def imported(modules) -> None:
            if start != self._starts:  # stopped, or started again, meanwhile
                return
            StreamClient, stream_url, market_open = modules
            freeze_long_lived()  # yfinance and pandas, imported for good: out of the GC's scans
            self._run(StreamClient(stream_url(url, settings_url), self._coalescer,
                                   market_open=lambda: market_open(self._symbols)))

        def failed(error: Exception) -> None:
            if start == self._starts:
                self._publish(FeedStatus(FeedState.FAILED, last_error=f"{type(error).__name__}: {error}"))

        self._publish(FeedStatus(FeedState.CONNECTING, symbols=len(symbols)))
        run_in_background(_live_client, imported, failed, context=self)

    def _run(self, feed) -> None:
        self._feed = feed
        feed.start(self._symbols)
        self._timer.start()

    def set_symbols(self, symbols: list[str]) -> None:
        self._symbols = list(symbols)
        if self._feed is not None:
            self._feed.set_symbols(symbols)

    def stop(self) -> None:
        self._starts += 1  # a live client still being imported will not start
        if self._feed is not None:
            feed, self._feed = self._feed, None
            self._timer.stop()
            feed.stop(wait=0)  # cancels a pending connect; the GUI thread never waits for the feed's thread
            self._publish(feed.status())
        elif self._status is not None and self._status.state is not FeedState.OFFLINE:
            self._publish(FeedStatus(FeedState.OFFLINE, since=datetime.now(timezone.utc)))

    def status(self) -> FeedStatus | None:
        return self._feed.status() if self._feed is not None else self._status

    def _drain(self) -> None:
        ticks = self._coalescer.drain()
        if ticks:
            self.ticked.emit(ticks)
        if self._feed is not None:
            self._publish(self._feed.status())

    def _publish(self, status: FeedStatus) -> None:
        now = time.monotonic()
        if status != self._status or now - self._announced >= STATUS_EVERY_S:
            self._status, self._announced = status, now
            self.status_changed.emit(status)


def _live_client():
    """Yahoo's streaming client and what it needs (both import pandas and yfinance: only when wanted)."""
    from ..services.market.calendars import market_open
    from ..services.stream.client import StreamClient, stream_url
    return StreamClient, stream_url, market_open
