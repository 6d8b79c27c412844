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

Goals, a PASS/FAIL line each, per scenario and over all of them: longest GUI-thread stall < 100 ms, p99
event-loop latency < 50 ms. Prints the machine's load before and after.

    python benchmarks/gui_stalls.py [--positions 5000] [--toggles 20] [--switches 3] [--rate 500] [--seconds 15]
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path

from ui_latency import LatencyProbe, build_book, load_average, percentile, run_events, serve, settle

LONGEST_GOAL_MS, P99_GOAL_MS = 100.0, 50.0
PASSPHRASE = "benchmark passphrase"


class StallingServer:
    """Accepts TCP connections and never answers the WebSocket handshake."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(64)
        self.url = f"ws://127.0.0.1:{self.socket.getsockname()[1]}"
        self.accepted: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                self.accepted.append(self.socket.accept()[0])
            except OSError:
                return

    def close(self) -> None:
        self.socket.close()
        for connection in self.accepted:
            connection.close()


def memory_keyring() -> None:
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1

        def __init__(self):
            super().__init__()
            self.entries: dict[tuple[str, str], str] = {}

        def get_password(self, service, username):
            return self.entries.get((service, username))

        def set_password(self, service, username, password):
            self.entries[(service, username)] = password

        def delete_password(self, service, username):
            self.entries.pop((service, username), None)

    keyring.set_keyring(MemoryKeyring())


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

        memory_keyring()
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

        reports: dict[str, dict] = {}
        samples: list[float] = []

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
            reports[name] = {**probe.report(), "seconds": time.monotonic() - began}
            samples.extend(probe.samples())
            print(f"{name}: {probe.summary()} ({reports[name]['seconds']:.1f} s)", flush=True)

        stalling = StallingServer()

        def toggles() -> None:
            for _ in range(args.toggles):
                window.set_live(True, url=stalling.url)
                run_events(0.15)
                window.set_live(False)
                run_events(0.05)
        if "toggles" in wanted:
            measure(f"live on/off x{args.toggles}, handshake never completes", toggles)
        stalling.close()

        def switches() -> None:
            for _ in range(args.switches):
                opened(small, 50)
                opened(big, args.positions)
        if "switches" in wanted:
            measure(f"book switch x{args.switches * 2} ({args.positions:,} <-> 50 positions)", switches)

        def encrypted() -> None:
            for _ in range(args.switches):
                opened(locked, 50)
                opened(small, 50)
        if "encrypted" in wanted:
            measure(f"open an encrypted book x{args.switches} (and back)", encrypted)
            opened(big, args.positions)
        if "streaming" not in wanted:
            window.close()
            return report(reports, samples)
        window.holdings.table.sortByColumn(PRICE, Qt.SortOrder.DescendingOrder)
        port_queue = multiprocessing.Queue()
        server = multiprocessing.Process(target=serve, args=(port_queue, symbols, args.rate, args.seconds + 30),
                                         daemon=True)
        server.start()
        port = port_queue.get(timeout=30)

        def streaming() -> None:
            window.set_live(True, url=f"ws://127.0.0.1:{port}")
            wait_for(qt_app, lambda: (window.quotes.live.status() or None) is not None
                     and window.quotes.live.status().ticks > 0, timeout=30)
            run_events(args.seconds)
            window.set_live(False)
        measure(f"sorted holdings at {args.rate} ticks/s for {args.seconds:g} s", streaming)
        server.terminate()
        server.join()
        app = window.app
        window.close()
        app.close()
    report(reports, samples)


def report(reports: dict[str, dict], samples: list[float]) -> None:
    print(f"load average after: {load_average()}")
    verdicts = []
    for name, report in reports.items():
        for what, value, goal in (("longest stall", report["max"], LONGEST_GOAL_MS),
                                  ("p99 latency", report["p99"], P99_GOAL_MS)):
            verdicts.append(f"{'PASS' if value < goal else 'FAIL'}  {name}: {what} {value:.1f} ms (goal < {goal:g} ms)")
    longest, p99 = max(samples), percentile(samples, 99)
    verdicts.append(f"{'PASS' if longest < LONGEST_GOAL_MS else 'FAIL'}  all scenarios: longest stall {longest:.1f} ms "
                    f"(goal < {LONGEST_GOAL_MS:g} ms)")
    verdicts.append(f"{'PASS' if p99 < P99_GOAL_MS else 'FAIL'}  all scenarios: p99 latency {p99:.1f} ms "
                    f"(goal < {P99_GOAL_MS:g} ms; median {statistics.median(samples):.1f} ms)")
    print("\n".join(verdicts))


if __name__ == "__main__":
    main()
