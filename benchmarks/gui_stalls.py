"""The GUI thread never waits (issue 19): the real main window, offscreen, driven through what used to freeze
it, with a QTimer probe on the GUI thread (benchmarks/ui_latency.py's LatencyProbe: stalls counted by their
length) measuring each scenario on its own:

1. live prices on and off, --toggles times, against a server that accepts the connection and never
   completes the WebSocket handshake (stopping the feed must not wait for its pending connect);
2. book switches, --switches times, between the --positions book and a small one (open in a worker; the
   old book closed);
3. opening an encrypted book (SQLCipher, its passphrase remembered in the keyring: an in-memory keyring
   here, so the D-Bus round trip of a real one is not measured) and back, --switches times;
4. sorted holdings (by price: every drain re-sorts a live column) at --rate ticks/s for --seconds, from
   a local server in its own process speaking Yahoo's protocol.

Each run goes through the four scenarios on the same window; --runs runs (default 3). Goals, a PASS/FAIL
line each on the medians over the runs, per scenario and over all of them: longest GUI-thread stall
< 100 ms, p99 event-loop latency < 50 ms (the worst run is printed beside). Prints the machine's load
before and after.

    python benchmarks/gui_stalls.py [--runs 3] [--positions 5000] [--toggles 20] [--switches 3] [--rate 500]
                                    [--seconds 15] [--only SCENARIO ...] [--profile]
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from ui_latency import LatencyProbe, build_book, load_average, percentile, run_events, serve, settle

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests' own local servers and keyring
from tests.support.keyrings import MemoryKeyring, keyring_backend  # noqa: E402
from tests.support.yahoo_stream_server import StallingServer  # noqa: E402

LONGEST_GOAL_MS, P99_GOAL_MS = 100.0, 50.0
PASSPHRASE = "benchmark passphrase"


def wait_for(qt_app, predicate, timeout: float = 120.0) -> None:
    """The event loop until `predicate` holds, asked at each event and every 20 ms at least (never a spin:
    the GUI thread must be as free as a user's would be)."""
    from PySide6.QtCore import QEventLoop, QTimer
    wake = QTimer(interval=20)
    wake.start()
    deadline = time.monotonic() + timeout
    while not predicate():
        qt_app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        if time.monotonic() > deadline:
            raise SystemExit("the window did not get there in time")
    wake.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--positions", type=int, default=5000)
    parser.add_argument("--toggles", type=int, default=20)
    parser.add_argument("--switches", type=int, default=3)
    parser.add_argument("--rate", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--only", choices=("toggles", "switches", "encrypted", "streaming"), nargs="+",
                        help="these scenarios alone (default: all)")
    parser.add_argument("--profile", action="store_true", help="cProfile the GUI thread meanwhile (top 25)")
    args = parser.parse_args()
    wanted = set(args.only or ("toggles", "switches", "encrypted", "streaming"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(f"load average before: {load_average()}")
    with tempfile.TemporaryDirectory() as tmp:
        big, small, locked = Path(tmp) / "big.gtbook", Path(tmp) / "small.gtbook", Path(tmp) / "locked.gtbook"
        started = time.monotonic()
        symbols = build_book(big, args.positions)
        build_book(small, 50)
        build_book(locked, 50)
        from gigatracker.services.store.encryption import encrypt_book
        encrypt_book(locked, PASSPHRASE).unlink()  # (the readable copy it keeps)
        print(f"books built in {time.monotonic() - started:.1f} s: {args.positions:,} positions, 50, 50 encrypted")

        from PySide6.QtCore import QSettings, Qt
        from PySide6.QtWidgets import QApplication

        from gigatracker.app import App
        from gigatracker.app.security import remember
        from gigatracker.ui.main_window import MainWindow
        from gigatracker.ui.models.holdings import PRICE

        keyrings = keyring_backend(MemoryKeyring())
        keyrings.__enter__()  # for the whole run (the process ends with it)
        with App.open(locked, PASSPHRASE) as opened:
            remember(opened, PASSPHRASE)
        qt_app = QApplication([])
        qt_app.setOrganizationName("GigaTrackerBenchmark")
        QSettings().setValue("quotes/refresh", "manual")
        QSettings().setValue("ui/welcome_seen", "true")
        window = MainWindow(App.open(big), page="holdings")
        window.resize(1400, 900)
        window.show()
        wait_for(qt_app, lambda: window.model.rowCount() == args.positions)
        window.holdings.table.sortByColumn(PRICE, Qt.SortOrder.DescendingOrder)
        settle(qt_app, window)

        def opened(path: Path, rows: int) -> None:
            target = path.resolve()
            window.open_book(path)
            wait_for(qt_app, lambda: window.app.book.path == target and window.model.rowCount() == rows)
            settle(qt_app, window)

        reports: dict[str, list[dict]] = {}  # per scenario, one report per run
        pooled: list[list[float]] = []  # per run, the samples of every scenario

        def measure(name: str, scenario) -> None:
            probe = LatencyProbe(measuring=True)
            began = time.monotonic()
            if args.profile:
                import cProfile
                import pstats
                profiler = cProfile.Profile()
                profiler.runcall(scenario)
                pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
            else:
                scenario()
            probe.stop()
            reports.setdefault(name, []).append(probe.report())
            pooled[-1].extend(probe.samples())
            print(f"  {name}: {probe.summary()} ({time.monotonic() - began:.1f} s)", flush=True)

        stalling = StallingServer().__enter__()
        port_queue: multiprocessing.Queue = multiprocessing.Queue()
        server = multiprocessing.Process(target=serve, args=(port_queue, symbols, args.rate, args.seconds + 30),
                                         daemon=True)  # each connection gets --seconds of ticks
        if "streaming" in wanted:
            server.start()
            port = port_queue.get(timeout=30)

        def toggles() -> None:
            for _ in range(args.toggles):
                window.set_live(True, url=stalling.url)
                run_events(0.15)
                window.set_live(False)
                run_events(0.05)

        def switches() -> None:
            for _ in range(args.switches):
                opened(small, 50)
                opened(big, args.positions)

        def encrypted() -> None:
            for _ in range(args.switches):
                opened(locked, 50)
                opened(small, 50)

        def streaming() -> None:
            window.holdings.table.sortByColumn(PRICE, Qt.SortOrder.DescendingOrder)
            window.set_live(True, url=f"ws://127.0.0.1:{port}")
            wait_for(qt_app, lambda: (window.quotes.live.status() or None) is not None
                     and window.quotes.live.status().ticks > 0, timeout=30)
            run_events(args.seconds)
            window.set_live(False)

        scenarios = {"toggles": (f"live on/off x{args.toggles}, handshake never completes", toggles),
                     "switches": (f"book switch x{args.switches * 2} ({args.positions:,} <-> 50 positions)", switches),
                     "encrypted": (f"open an encrypted book x{args.switches} (and back)", encrypted),
                     "streaming": (f"sorted holdings at {args.rate} ticks/s for {args.seconds:g} s", streaming)}
        for run in range(args.runs):
            print(f"run {run + 1} of {args.runs}:", flush=True)
            pooled.append([])
            for key, (name, scenario) in scenarios.items():
                if key in wanted:
                    measure(name, scenario)
                if key == "encrypted" and key in wanted:
                    opened(big, args.positions)  # back on the large book, unmeasured
        stalling.__exit__(None, None, None)
        if server.is_alive():
            server.terminate()
            server.join()
        app = window.app
        window.close()
        app.close()
    report(reports, pooled)


def report(reports: dict[str, list[dict]], pooled: list[list[float]]) -> None:
    print(f"load average after: {load_average()}")
    runs = len(pooled)
    verdicts = []

    def verdict(label: str, values: list[float], goal: float) -> str:
        median = statistics.median(values)
        return (f"{'PASS' if median < goal else 'FAIL'}  {label} {median:.1f} ms (median of {runs} runs; worst "
                f"{max(values):.1f} ms; goal < {goal:g} ms)")

    for name, each in reports.items():
        verdicts.append(verdict(f"{name}: longest stall", [r["max"] for r in each], LONGEST_GOAL_MS))
        verdicts.append(verdict(f"{name}: p99 latency", [r["p99"] for r in each], P99_GOAL_MS))
    verdicts.append(verdict("all scenarios: longest stall", [max(samples) for samples in pooled], LONGEST_GOAL_MS))
    verdicts.append(verdict("all scenarios: p99 latency", [percentile(samples, 99) for samples in pooled],
                            P99_GOAL_MS))
    print("\n".join(verdicts))


if __name__ == "__main__":
    main()
