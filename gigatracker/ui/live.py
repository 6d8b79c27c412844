"""Live prices for the window: a feed (Yahoo's streamer or the simulated one) fills a coalescer in its
own thread; a QTimer on the GUI thread drains it at 10 Hz, so views get at most ten updates a second
however fast ticks arrive, and never touch the network themselves."""
from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal

from ..services.stream.coalescer import Coalescer
from ..services.stream.simulated import SimulatedFeed
from ..services.stream.status import FeedStatus

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
        self._timer = QTimer(self)
        self._timer.setInterval(DRAIN_MS)
        self._timer.timeout.connect(self._drain)

    def start(self, symbols: list[str], *, url: str | None = None, settings_url: str | None = None,
              simulated_closes: dict | None = None) -> None:
        """url: given explicitly (wins); else $GIGATRACKER_STREAM_URL; else the user's setting; else Yahoo."""
        self.stop()
        self._coalescer = Coalescer()
        if simulated_closes is not None:
            self._feed = SimulatedFeed(simulated_closes, self._coalescer)
        else:
            from ..services.market.calendars import market_open  # both import pandas and yfinance: only
            from ..services.stream.client import StreamClient, stream_url  # when live prices are wanted

            self._feed = StreamClient(stream_url(url, settings_url), self._coalescer,
                                      market_open=lambda: market_open(symbols))
        self._feed.start(symbols)
        self._timer.start()

    def set_symbols(self, symbols: list[str]) -> None:
        if self._feed is not None:
            self._feed.set_symbols(symbols)

    def stop(self) -> None:
        if self._feed is not None:
            feed, self._feed = self._feed, None
            self._timer.stop()
            feed.stop(wait=0)  # cancels a pending connect; the GUI thread never waits for the feed's thread
            self._publish(feed.status())

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
