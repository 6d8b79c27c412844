"""GUI responsiveness while prices stream: a 5,000-position book in the real main window, a local server
(its own process, speaking Yahoo's protocol) sending 500 ticks/s for 30 s. A QTimer probe on the GUI
thread fires every 10 ms; how late each firing is = event-loop latency. Stalls count by their length
(issue 18): a firing 300 ms late also counts the ~30 probes that could not fire meanwhile, as samples of
290, 280, ... 0 ms. Goal: p99 < 50 ms, sorted by price or not. The feed starts once the window is idle
(its start-up reads done); its first --warmup seconds (none by default) are reported apart, not counted.
--selected N selects N rows spread over the table, which the selection follows through every re-sort.

    python benchmarks/ui_latency.py [--positions 5000] [--rate 500] [--seconds 30] [--sorted] [--page exposure]
                                    [--runs 1] [--warmup 0] [--selected 0]
    python benchmarks/ui_latency.py --page performance [--transactions 100000] [--runs 5]

--sorted sorts the holdings by price, so every drain re-sorts a live column (the worst case);
--page exposure keeps the exposure view on screen, so the charts follow the prices. --runs: runs of
--seconds on the same window, medians.

--page performance (issue 14): the performance page of the real window on the 100,000-transaction book of
benchmarks/performance.py (500 securities in 20 themes, a benchmark, 10 years of closes). Timed from the
click to the page showing the new figures, charts and table: each period button (YTD, 1Y, 3Y, 5Y, Max) and
each scope of the portfolio selector, --runs rounds, medians; the GUI event-loop latency meanwhile (the
work runs in a worker). Goal: a switch of period or scope answers in < 300 ms once the book is loaded.
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


def performance_page(args) -> None:
    """Period and scope switches on the performance page (see the module's note)."""
    import sys
    sys.path.insert(0, str(Path(__file__).parent))
    from performance import make_book

    from PySide6.QtCore import QEventLoop, QSettings
    from PySide6.QtWidgets import QApplication

    from gigatracker.app import App
    from gigatracker.ui.main_window import MainWindow

    print(f"load average before: {load_average()}")
    with tempfile.TemporaryDirectory() as tmp:
        started = time.monotonic()
        book = make_book(Path(tmp), args.transactions, 500)
        with App.open(book) as app:
            symbols = [f"S{i:03d}" for i in range(500)]
            for n in range(THEMES):
                app.themes.add_theme(f"Bench/Theme {n:02d}")
                app.themes.assign_to_theme(symbols[n::THEMES], f"Bench/Theme {n:02d}", 6000)
            app.performance.set_benchmark(None, ["S000=60%", "S001=40%"])
        print(f"book with {args.transactions:,} transactions built in {time.monotonic() - started:.1f} s")
        qt_app = QApplication([])
        qt_app.setOrganizationName("GigaTrackerBenchmark")
        QSettings().setValue("quotes/refresh", "manual")
        QSettings().setValue("ui/welcome_seen", "true")
        app = App.open(book)
        window = MainWindow(app, page="performance")
        window.resize(1400, 900)
        window.show()
        view = window.performance
        opened = time.monotonic()
        while view.page is None:
            qt_app.processEvents()
            time.sleep(0.005)
        print(f"informational: first page (the book read, the engine and its covering timeline built) "
              f"{time.monotonic() - opened:.2f} s after the window opened")

        probe = LatencyProbe(measuring=True)

        def wait() -> None:
            """One pass of the event loop, sleeping until something happens (the probe wakes it every
            10 ms): a busy loop here would take the GIL from the worker being timed."""
            qt_app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)

        def settled() -> None:
            """Each switch starts on an idle window: a scope switch's reload of the other pages (seconds of
            ledger replay on this book, issue 18's) and the price-freshness check it starts a moment later
            have finished."""
            settle(qt_app, window)

        def timed(action) -> float:
            settled()
            before = view.page
            begun = time.perf_counter()
            action()
            while view.page is before:
                wait()
            qt_app.processEvents()  # the charts and table painted
            return time.perf_counter() - begun

        periods: dict[str, list[float]] = {}
        scopes: dict[str, list[float]] = {}
        portfolios = [window.portfolio_box.itemData(i) for i in range(window.portfolio_box.count())]
        for _ in range(args.runs):
            for name in ("ytd", "1y", "3y", "5y", "max"):
                periods.setdefault(name, []).append(timed(lambda name=name: view.set_period(name)))
            for portfolio in portfolios[1:] + portfolios[:1]:
                index = window.portfolio_box.findData(portfolio)
                scopes.setdefault(portfolio or "All portfolios", []).append(
                    timed(lambda index=index: window.portfolio_box.setCurrentIndex(index)))
        probe.stop()
        rows = len(view.model.rows)
        window.close()
        app.close()

    print(f"period switches (medians of {args.runs}, ms): "
          + ", ".join(f"{name} {statistics.median(t) * 1000:.0f}" for name, t in periods.items()))
    print("scope switches (this page from the cached engine while the window reloads its other pages; medians, ms): "
          + ", ".join(f"{name} {statistics.median(t) * 1000:.0f}" for name, t in scopes.items()))
    print(f"informational, not a goal of issue 14: {rows} table rows on the last page; event-loop latency meanwhile "
          f"{probe.summary()} (the other pages' reload after a scope switch)")
    worst_period = max(statistics.median(t) for t in periods.values())
    worst_scope = max(statistics.median(t) for t in scopes.values())
    print(f"{'PASS' if worst_period < 0.3 else 'FAIL'}: a period switch answers in < 300 ms "
          f"(slowest median {worst_period * 1000:.0f} ms)")
    print(f"{'PASS' if worst_scope < 0.3 else 'FAIL'}: a scope switch answers in < 300 ms "
          f"(slowest median {worst_scope * 1000:.0f} ms)")
    print(f"load average after: {load_average()}")


def settle(qt_app, window) -> None:
    """Until the window is idle: its reads in workers done, and the price-freshness check that starts a
    moment after a load (STALENESS_DELAY_MS) too."""
    from PySide6.QtCore import QEventLoop, QTimer

    from gigatracker.ui.refresh import STALENESS_DELAY_MS

    wake = QTimer(interval=50)  # each pass of the loop sleeps until an event, this one at the latest
    wake.start()
    quiet_since = None
    while quiet_since is None or time.monotonic() - quiet_since < (STALENESS_DELAY_MS + 300) / 1000:
        qt_app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        if window._busy > 0:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
    wake.stop()


def run_events(seconds: float) -> None:
    """The event loop for `seconds`."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


class LatencyProbe:
    """A QTimer on the GUI thread firing every PROBE_MS: how late each firing is, while `measuring`, is the
    event loop's latency.

    Stalls count by their length: a firing 300 ms late stands for the ~30 probes that could not fire
    meanwhile, each of which would have waited a little less (the coordinated-omission correction). So a
    firing L ms late adds the samples L, L - 10, L - 20, ... down to 0; the percentiles of these samples are
    the share of wall time during which the event loop would have answered that late. Counting each firing
    once (`lateness`) lets one long stall hide among the many punctual firings around it."""

    def __init__(self, *, measuring: bool = False):
        from PySide6.QtCore import QElapsedTimer, Qt, QTimer
        self.lateness: list[float] = []  # one per firing
        self.measuring = measuring
        self.clock = QElapsedTimer()
        self.clock.start()
        self.last = self.clock.nsecsElapsed()
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(PROBE_MS)
        self.timer.timeout.connect(self._fired)
        self.timer.start()

    def _fired(self) -> None:
        now = self.clock.nsecsElapsed()
        if self.measuring:
            self.lateness.append(max(0.0, (now - self.last) / 1e6 - PROBE_MS))
        self.last = now

    def stop(self) -> None:
        self.timer.stop()

    def samples(self) -> list[float]:
        """The latency samples with the missed probes of each stall counted (see the class's note)."""
        return [late - k * PROBE_MS for late in self.lateness for k in range(int(late // PROBE_MS) + 1)]

    def stalls(self, above_ms: float) -> int:
        return sum(1 for late in self.lateness if late > above_ms)

    def restart(self) -> None:
        """Forget what was measured so far (a warm-up)."""
        self.lateness = []

    def report(self) -> dict[str, float]:
        samples = self.samples()
        return {"p50": statistics.median(samples), "p95": percentile(samples, 95), "p99": percentile(samples, 99),
                "max": max(samples), "samples": len(samples), "firings": len(self.lateness),
                "stalls_50": self.stalls(50), "stalls_100": self.stalls(100),
                "firing_p99": percentile(self.lateness, 99)}

    def summary(self) -> str:
        r = self.report()
        return (f"p50 {r['p50']:.1f} ms, p99 {r['p99']:.1f} ms, max (longest stall) {r['max']:.1f} ms over "
                f"{r['samples']:,} samples (stalls counted by length; {r['firings']:,} firings), "
                f"{r['stalls_50']} stalls > 50 ms, {r['stalls_100']} > 100 ms")


def load_average() -> str:
    return f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--positions", type=int, default=5000)
    parser.add_argument("--rate", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--sorted", action="store_true")
    parser.add_argument("--warmup", type=float, default=0.0,
                        help="seconds of ticks before measuring (reported apart), on a window already idle")
    parser.add_argument("--selected", type=int, default=0,
                        help="rows selected, spread over the table (each a range the selection keeps)")
    parser.add_argument("--page", choices=("holdings", "exposure", "dashboard", "clients", "performance"),
                        default="holdings")
    parser.add_argument("--transactions", type=int, default=100_000, help="--page performance: the book's size")
    parser.add_argument("--runs", type=int, default=None,
                        help="--page performance: rounds of switches (default 5); otherwise streaming runs, "
                             "medians (default 1)")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.page == "performance":
        args.runs = args.runs or 5
        performance_page(args)
        return

    args.runs = args.runs or 1
    streaming(args)


def streaming(args) -> None:
    """Live prices into the holdings (or exposure) page: --runs runs of --seconds each on the same window,
    each with a fresh local server; medians over the runs."""
    print(f"load average before: {load_average()}")
    reports, warmups, cpus, applied, received, updates = [], [], [], [0], [], []
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "bench.gtbook"
        started = time.monotonic()
        symbols = build_book(book, args.positions)
        print(f"book with {args.positions:,} positions built in {time.monotonic() - started:.1f} s")

        from PySide6.QtCore import QItemSelectionModel, QSettings, Qt
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
        live = window.quotes.live
        live.ticked.connect(lambda ticks: applied.__setitem__(0, applied[0] + len(ticks)))
        settle(qt_app, window)  # the start-up reads and the price-freshness check done: the ticks alone
        if args.selected:
            table = window.holdings.table
            flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
            for row in range(0, args.positions, max(1, args.positions // args.selected))[:args.selected]:
                table.selectionModel().select(window.model.index(row, 0), flags)
        for run in range(args.runs):
            port_queue = multiprocessing.Queue()
            server = multiprocessing.Process(target=serve, args=(port_queue, symbols, args.rate,
                                                                 args.warmup + args.seconds + 5), daemon=True)
            server.start()
            port = port_queue.get(timeout=30)
            window.set_live(True, url=f"ws://127.0.0.1:{port}")
            probe = LatencyProbe()
            deadline = time.monotonic() + 20
            while live.status() is None or live.status().ticks == 0:  # wait for the first ticks
                qt_app.processEvents()
                if time.monotonic() > deadline:
                    raise SystemExit("no ticks arrived from the local server")
            probe.measuring = True
            if args.warmup:  # the feed's start (its thread, the first big batches): measured apart
                run_events(args.warmup)
                warmups.append(probe.report())
                probe.restart()
            applied[0] = 0
            ticks_before = live.status().ticks
            cpu_start = time.process_time()
            run_events(args.seconds)
            cpus.append(time.process_time() - cpu_start)
            received.append(live.status().ticks - ticks_before)
            updates.append(applied[0])
            probe.stop()
            window.set_live(False)
            server.terminate()
            server.join()
            reports.append(probe.report())
            if args.runs > 1:
                print(f"run {run + 1}: {probe.summary()}")
        window.close()
        app.close()

    label = f"{'sorted' if args.sorted else 'unsorted'} holdings at {args.rate} ticks/s"
    if args.page != "holdings":
        label += f", {args.page} on screen"
    if args.selected:
        label += f", {args.selected} rows selected"
    print(f"{args.rate} ticks/s for {args.seconds:g} s into {args.positions:,} positions, {args.page} on screen"
          f"{' (sorted by price: re-sort on every drain)' if args.sorted else ''}: "
          f"{statistics.median(received):,.0f} ticks received per run, {statistics.median(updates):,.0f} symbol "
          f"updates applied per run (coalesced at 10 Hz)")
    med = {key: statistics.median(r[key] for r in reports) for key in reports[0]}
    runs = f"medians of {args.runs} runs" if args.runs > 1 else "one run"
    print(f"event-loop latency, stalls counted by their length (each missed {PROBE_MS} ms probe is a sample; "
          f"{runs}): p50 {med['p50']:.1f} ms, p95 {med['p95']:.1f} ms, p99 {med['p99']:.1f} ms, "
          f"max {med['max']:.1f} ms (longest stall), over {med['samples']:,.0f} samples")
    print(f"stalls: {med['stalls_50']:.0f} > 50 ms, {med['stalls_100']:.0f} > 100 ms; longest {med['max']:.1f} ms")
    print(f"informational: counted once per firing (the old count, which hides stalls), p99 "
          f"{med['firing_p99']:.1f} ms over {med['firings']:,.0f} firings")
    if warmups:
        print(f"informational, not counted: the feed's first {args.warmup:g} s (its thread starting, on a window "
              f"already idle), worst run: p99 {max(w['p99'] for w in warmups):.1f} ms, longest stall "
              f"{max(w['max'] for w in warmups):.1f} ms")
    print(f"GUI process CPU: {statistics.median(cpus):.1f} s over {args.seconds:g} s "
          f"({100 * statistics.median(cpus) / args.seconds:.0f}% of one core)")
    print(f"load average after: {load_average()}")
    print(f"{'PASS' if med['p99'] < 50 else 'FAIL'}: {label}: p99 < 50 ms (stalls counted by length) "
          f"({med['p99']:.1f} ms)")


if __name__ == "__main__":
    main()
