"""Our own client for Yahoo's streamer: yfinance's never reconnects, and its async client spins at 100%
CPU once the server closes. This one runs in its own thread with its own event loop and:

- sends `{"subscribe": [...]}` on connect and again every `resubscribe_every` seconds;
- applies subscribe/unsubscribe diffs when the wanted symbols change while connected;
- treats a silent socket (no frame for `idle_timeout` while a market is open) as dead and reconnects;
- reconnects after drops, refusals and errors with exponential backoff and jitter (1 s doubling to 60 s);
- counts and skips malformed frames and impossible values; hands ticks to a Coalescer, which ignores
  out-of-order ones;
- never dies silently: any unexpected error becomes status FAILED with its reason, then a restart with
  the same backoff;
- stops at once: a pending connect or handshake is cancelled, and `stop` need not wait for the thread.
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
import random
import threading
from dataclasses import replace
from datetime import datetime
from typing import Callable, Iterable, TypedDict

from websockets.asyncio.client import connect
from websockets.exceptions import WebSocketException

from .coalescer import Coalescer
from .frames import FrameError, decode_frame
from .status import FeedState, FeedStatus, StatusBox

log = logging.getLogger(__name__)

YAHOO_URL = "wss://streamer.finance.yahoo.com/?version=2"
URL_ENV = "GIGATRACKER_STREAM_URL"


def stream_url(explicit: str | None = None, settings: str | None = None) -> str:
    """--url, then the environment, then the user's setting, then Yahoo."""
    return explicit or os.environ.get(URL_ENV) or settings or YAHOO_URL


class _Counts(TypedDict):  # FeedStatus's counters, by their names there
    ticks: int
    decode_errors: int
    reconnects: int
    idle_reconnects: int
    failures: int


class StreamClient:
    def __init__(self, url: str, coalescer: Coalescer, *, idle_timeout: float = 30.0,
                 resubscribe_every: float = 15.0, backoff_initial: float = 1.0, backoff_max: float = 60.0,
                 market_open: Callable[[], bool] = lambda: True, rng: random.Random | None = None):
        self.url = url
        self.coalescer = coalescer
        self.idle_timeout = idle_timeout
        self.resubscribe_every = resubscribe_every
        self.backoff_initial, self.backoff_max = backoff_initial, backoff_max
        self.market_open = market_open
        self._rng = rng or random.Random()
        self._status = StatusBox()
        self._wanted: set[str] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._stop: asyncio.Event | None = None
        self._symbols_changed: asyncio.Event | None = None
        # Counters are plain ints touched only by the stream thread (cheap at thousands of ticks a second).
        self._counts: _Counts = {"ticks": 0, "decode_errors": 0, "reconnects": 0, "idle_reconnects": 0,
                                 "failures": 0}
        self._last_tick_at: datetime | None = None
        self._last_frame = 0.0
        self._attempt = 0  # reconnection attempts since the last connection (0: connected, or the first try)

    # -- control (any thread) -------------------------------------------------------------------
    def start(self, symbols: Iterable[str]) -> None:
        self._wanted = set(symbols)
        self._status.update(symbols=len(self._wanted))
        started = threading.Event()
        self._thread = threading.Thread(target=self._thread_main, args=(started,), name="gigatracker-stream",
                                        daemon=True)
        self._thread.start()
        started.wait()

    def set_symbols(self, symbols: Iterable[str]) -> None:
        wanted = set(symbols)
        self._status.update(symbols=len(wanted))
        if self._loop is None:
            self._wanted = wanted
            return
        self._loop.call_soon_threadsafe(self._change_symbols, wanted)

    def stop(self, wait: float = 2.0) -> None:
        """Stop: a pending connect or handshake is cancelled at once. Waits up to `wait` seconds for the
        thread to end (0: not at all, as the window does; the thread then ends on its own)."""
        loop, stop = self._loop, self._stop
        if loop is not None and stop is not None:
            try:
                loop.call_soon_threadsafe(stop.set)
            except RuntimeError:  # its loop is closed: the thread has ended already
                pass
        if self._thread is not None and wait > 0:
            self._thread.join(wait)
        self._status.update(state=FeedState.OFFLINE, next_try_in=None)

    def status(self) -> FeedStatus:
        return replace(self._status.get(), last_tick_at=self._last_tick_at, **self._counts)

    # -- the event loop (stream thread) ---------------------------------------------------------
    def _thread_main(self, started: threading.Event) -> None:
        self._loop = asyncio.new_event_loop()
        self._stop = stop = asyncio.Event()
        self._symbols_changed = changed = asyncio.Event()
        started.set()
        try:
            self._loop.run_until_complete(self._run(stop, changed))
        except BaseException as error:  # the loop itself broke: say so, never leave a status that lies
            log.exception("the live price feed stopped")
            self._status.update(state=FeedState.FAILED, next_try_in=None, last_error=_reason(error))
        finally:
            self._loop.close()

    def _change_symbols(self, wanted: set[str]) -> None:
        self._wanted = wanted
        assert self._symbols_changed is not None  # made before the loop that runs this
        self._symbols_changed.set()

    async def _run(self, stop: asyncio.Event, changed: asyncio.Event) -> None:
        self._attempt = 0
        while not stop.is_set():
            self._status.update(state=FeedState.CONNECTING if self._attempt == 0 else FeedState.RECONNECTING,
                                attempt=self._attempt, next_try_in=None)
            failed = False
            try:
                await _unless_stopped(self._connection(stop, changed), stop)
            except (OSError, WebSocketException, asyncio.TimeoutError) as error:
                self._status.update(last_error=_reason(error))
            except Exception as error:  # noqa: BLE001 - anything else: said (FAILED), then a restart
                log.exception("the live price feed failed; restarting")
                self._counts["failures"] += 1
                self._status.update(state=FeedState.FAILED, last_error=_reason(error))
                failed = True
            if stop.is_set():
                break
            self._attempt += 1
            self._counts["reconnects"] += 1
            delay = self._backoff(self._attempt)
            self._status.update(state=FeedState.FAILED if failed else FeedState.RECONNECTING, attempt=self._attempt,
                                next_try_in=delay)
            try:
                await asyncio.wait_for(stop.wait(), timeout=delay)
            except asyncio.TimeoutError:
                pass
        self._status.update(state=FeedState.OFFLINE, next_try_in=None)

    async def _connection(self, stop: asyncio.Event, changed: asyncio.Event) -> None:
        async with connect(self.url, open_timeout=10, close_timeout=2, ping_interval=20,
                           ping_timeout=20, max_size=2**20) as ws:
            self._attempt = 0
            self._status.update(state=FeedState.LIVE, attempt=0)  # last_error stays: the last problem seen
            await self._session(ws, stop, changed)

    def _backoff(self, attempt: int) -> float:
        base = min(self.backoff_max, self.backoff_initial * 2 ** (attempt - 1))
        return min(self.backoff_max, base * self._rng.uniform(0.8, 1.2))  # jitter: clients do not stampede

    async def _session(self, ws, stop: asyncio.Event, changed: asyncio.Event) -> None:
        """One connection: subscribe, keep the subscription fresh, receive until it dies or goes idle (the
        idle watch closes the socket, which ends the receive loop); a stop cancels it all."""
        sent: set[str] = set()
        loop = asyncio.get_running_loop()
        self._last_frame = loop.time()

        async def sync_subscription(full: bool) -> None:
            nonlocal sent
            wanted = set(self._wanted)
            removed = sent - wanted
            if removed:
                await ws.send(json.dumps({"unsubscribe": sorted(removed)}))
            if wanted and (full or wanted - sent):
                await ws.send(json.dumps({"subscribe": sorted(wanted)}))
            sent = wanted

        async def keep_subscribed() -> None:
            while True:
                try:
                    await asyncio.wait_for(changed.wait(), timeout=self.resubscribe_every)
                    changed.clear()
                    await sync_subscription(full=False)
                except asyncio.TimeoutError:
                    await sync_subscription(full=True)

        async def watch_idle() -> None:
            while True:
                await asyncio.sleep(min(1.0, self.idle_timeout / 4))
                if self.market_open() and loop.time() - self._last_frame > self.idle_timeout:
                    self._counts["idle_reconnects"] += 1
                    self._status.update(last_error=f"no data for {self.idle_timeout:g} s")
                    await ws.close()
                    return

        changed.clear()
        await sync_subscription(full=True)
        helpers = [asyncio.ensure_future(job()) for job in (keep_subscribed, watch_idle)]
        try:
            await self._receive(ws, loop)
        finally:
            for task in helpers:
                task.cancel()
            await asyncio.gather(*helpers, return_exceptions=True)

    async def _receive(self, ws, loop) -> None:
        counts, coalescer = self._counts, self.coalescer
        async for frame in ws:
            self._last_frame = loop.time()
            try:
                tick = decode_frame(frame)
            except FrameError:
                counts["decode_errors"] += 1
                continue
            if tick.symbol in self._wanted and coalescer.put(tick):
                counts["ticks"] += 1
                self._last_tick_at = tick.time


async def _unless_stopped(job, stop: asyncio.Event) -> None:
    """Run `job` until it ends (its error raised here) or `stop` is set, which cancels it wherever it is
    waiting: a connect, a handshake that never completes, a receive."""
    task, stopped = asyncio.ensure_future(job), asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait({task, stopped}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        task.cancel()
        stopped.cancel()
        await asyncio.gather(task, stopped, return_exceptions=True)
    if not task.cancelled():
        task.result()


def _reason(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
