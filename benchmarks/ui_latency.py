"""GUI responsiveness while prices stream: a 5,000-position book in the real main window, a local server
(its own process, speaking Yahoo's protocol) sending 500 ticks/s for 30 s. A QTimer probe on the GUI
thread fires every 10 ms; how late each firing is = event-loop latency. Target: p99 < 50 ms.

    python benchmarks/ui_latency.py [--positions 5000] [--rate 500] [--seconds 30] [--sorted] [--page exposure]

--sorted sorts the holdings by price, so every drain re-sorts a live column (the worst case);
--page exposure keeps the exposure view on screen, so the charts follow the prices.
"""
from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import random
import statistics
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

from local_streamer import serve_forever

PROBE_MS = 10
THEMES = 20


def serve(port_queue, symbols: list[str], rate: int, seconds: float) -> None:
    """Sends `rate` ticks a second (in 10 ms batches) to each client once it has subscribed."""
    from gigatracker.services.stream.frames import encode_frame

    async def handler(ws):
        await ws.recv()
        rng = random.Random(7)
        batch = max(1, rate // 100)
        start = time.monotonic()
        sent = 0
        while time.monotonic() - start < seconds:
            for _ in range(batch):
                symbol = rng.choice(symbols)
                await ws.send(encode_frame(symbol, round(rng.uniform(10, 500), 2), int(time.time() * 1000), "EUR"))
            sent += batch
            await asyncio.sleep(max(0.0, start + sent / rate - time.monotonic()))
        await asyncio.sleep(3600)

    serve_forever(handler, port_queue)


def build_book(path: Path, positions: int) -> list[str]:
    from gigatracker.app import App
    from gigatracker.core.ledger import Transaction, TxType

    symbols = [f"S{i:04d}" for i in range(positions)]
    with App.create(path, "EUR") as app:
        app.add_account("Bench", "CTO", "EUR")
        day = date(2025, 1, 2)
        txs = [Transaction(day, "CTO", TxType.DEPOSIT, "EUR", amount=Decimal(10_000_000))]
        txs += [Transaction(day, "CTO", TxType.BUY, "EUR", s, Decimal(10), Decimal(100)) for s in symbols]
        app.add_transactions(txs)
        prices = path.with_suffix(".csv")
        prices.write_text("date,symbol,close,currency\n" + "".join(f"2026-11-20,{s},101.5,EUR\n" for s in symbols))
        app.import_prices(prices)
        for n in range(THEMES):  # each position in one of 20 themes, so the exposure charts have work to do
            app.themes.add_theme(f"Bench/Theme {n:02d}")
            app.themes.assign_to_theme(symbols[n::THEMES], f"Bench/Theme {n:02d}")
    return symbols


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--positions", type=int, default=5000)
    parser.add_argument("--rate", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--sorted", action="store_true")
    parser.add_argument("--page", choices=("holdings", "exposure"), default="holdings")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "bench.gtbook"
        started = time.monotonic()
        symbols = build_book(book, args.positions)
        print(f"book with {args.positions:,} positions built in {time.monotonic() - started:.1f} s")
        port_queue = multiprocessing.Queue()
        server = multiprocessing.Process(target=serve, args=(port_queue, symbols, args.rate, args.seconds + 5),
                                         daemon=True)
        server.start()
        port = port_queue.get(timeout=30)

        from PySide6.QtCore import QElapsedTimer, QSettings, Qt, QTimer
        from PySide6.QtWidgets import QApplication

        from gigatracker.app import App
        from gigatracker.ui.main_window import MainWindow
        from gigatracker.ui.models.holdings import PRICE

        qt_app = QApplication([])
        qt_app.setOrganizationName("GigaTrackerBenchmark")
        QSettings().setValue("quotes/refresh", "manual")
        QSettings().setValue("ui/welcome_seen", "true")
        app = App.open(book)
        window = MainWindow(app, page=args.page)
        window.resize(1400, 900)
        window.show()
        while window.model.rowCount() < args.positions:
            qt_app.processEvents()
            time.sleep(0.01)
        if args.sorted:
            window.holdings.table.sortByColumn(PRICE, Qt.SortOrder.DescendingOrder)
        applied = [0]
        window.live.ticked.connect(lambda ticks: applied.__setitem__(0, applied[0] + len(ticks)))
        window.set_live(True, url=f"ws://127.0.0.1:{port}")

        lateness: list[float] = []
        clock = QElapsedTimer()
        clock.start()
        last = [clock.nsecsElapsed()]
        measuring = [False]

        def probe():
            now = clock.nsecsElapsed()
            if measuring[0]:
                lateness.append(max(0.0, (now - last[0]) / 1e6 - PROBE_MS))
            last[0] = now

        timer = QTimer()
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.setInterval(PROBE_MS)
        timer.timeout.connect(probe)
        timer.start()
        deadline = time.monotonic() + 20
        while window.live.status() is None or window.live.status().ticks == 0:  # wait for the first ticks
            qt_app.processEvents()
            if time.monotonic() > deadline:
                raise SystemExit("no ticks arrived from the local server")
        measuring[0] = True
        QTimer.singleShot(int(args.seconds * 1000), qt_app.quit)
        cpu_start = time.process_time()
        qt_app.exec()
        cpu = time.process_time() - cpu_start
        received = window.live.status().ticks
        window.set_live(False)
        window.close()
        app.close()
        server.terminate()

    print(f"{args.rate} ticks/s for {args.seconds:g} s into {args.positions:,} positions, {args.page} on screen"
          f"{' (sorted by price: re-sort on every drain)' if args.sorted else ''}: {received:,} ticks received, "
          f"{applied[0]:,} symbol updates applied (coalesced at 10 Hz)")
    print(f"event-loop latency over {len(lateness):,} probes: p50 {statistics.median(lateness):.1f} ms, "
          f"p95 {percentile(lateness, 95):.1f} ms, p99 {percentile(lateness, 99):.1f} ms, "
          f"max {max(lateness):.1f} ms (target p99 < 50 ms)")
    print(f"GUI process CPU: {cpu:.1f} s over {args.seconds:g} s ({100 * cpu / args.seconds:.0f}% of one core)")


if __name__ == "__main__":
    main()
