"""Cold start (issue 18): a new process opens a 10,000-transaction book in the main window, until the
holdings, transactions and dashboard are shown and the event loop is idle (interactive). Goal: ≤ 0.8 s
from process start. Measured in the same run, alternating with ours, against the floor: a bare process
that starts Python, imports PySide6, makes a QApplication and a QMainWindow, shows it and reaches an idle
event loop (what any PySide6 window pays); ours minus the floor is what our code costs. Medians of --runs
each, after one untimed warm-up of each (the OS's file cache, and the bytecode cache below). Prints the
machine's load average before and after (others using the CPU slow every figure), the process's peak
memory (target < 400 MB), and the heaviest imports on the path to the window (one run with
`python -X importtime`: the top 15 by cumulative time, each with the module that imported it).

Bytecode: an installed app runs from compiled bytecode (pip and the packaged builds compile it at install),
so the children keep theirs in a cache of the run's own (PYTHONPYCACHEPREFIX, in the temporary directory)
even where PYTHONDONTWRITEBYTECODE is set; --compile-each-start compiles our sources at every start
instead (as a development tree with PYTHONDONTWRITEBYTECODE does). With --encrypted, the book is an
encrypted one (SQLCipher), opened with its passphrase.

    python benchmarks/startup.py [--transactions 10000] [--symbols 200] [--runs 5] [--encrypted]
                                 [--compile-each-start]
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

GOAL_SECONDS = 0.8
IMPORTS_SHOWN = 15
READY_MARK = "-- interactive --"  # written to stderr when the window is interactive: imports after it are not counted

# Both children poll the same way: a zero timer, then every 5 ms until what they wait for is shown, then one
# more turn of the loop (the first paint of what just arrived has happened), and print the wall time since
# the parent started them and their peak memory.
CHILD = r"""
import os, resource, sys, time
started = float(sys.argv[1])
from gigatracker.__main__ import load_window
launch = load_window()  # what `gigatracker` imports before its window, in the same order
from PySide6.QtCore import QSettings, QTimer
qt_app = launch.prepare_qt_app()
QSettings().setValue("quotes/refresh", "manual")
QSettings().setValue("ui/welcome_seen", "true")
from gigatracker.app import App
from gigatracker.ui.main_window import MainWindow
window = MainWindow(App.open(sys.argv[2], sys.argv[3] or None), page="holdings")
window.show()

def ready():
    return (window.model.rowCount() > 0 and window.transactions.model.rowCount() > 0
            and window.dashboard.total.value.text() != "—")

def done():
    print(time.time() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
    os.write(2, b"\n__READY_MARK__\n")
    qt_app.quit()

def check():
    if ready():
        QTimer.singleShot(0, done)
    else:
        QTimer.singleShot(5, check)

QTimer.singleShot(0, check)
qt_app.exec()
from gigatracker.ui.launch import wait_for_workers
wait_for_workers()
window.app.close()
""".replace("__READY_MARK__", READY_MARK)

BARE = r"""
import resource, sys, time
started = float(sys.argv[1])
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
qt_app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 760)
window.show()

def done():
    print(time.time() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
    qt_app.quit()

QTimer.singleShot(0, lambda: QTimer.singleShot(0, done))
qt_app.exec()
"""


def build_book(path: Path, transactions: int, symbols: int) -> None:
    from gigatracker.app import App
    from gigatracker.core.ledger import Transaction, TxType

    rng = random.Random(3)
    names = [f"T{i:03d}" for i in range(symbols)]
    start = date(2016, 1, 4)
    with App.create(path, "EUR") as app:
        app.add_account("Client A", "PEA", "EUR")
        app.add_account("Client B", "CTO", "EUR")
        txs = [Transaction(start, a, TxType.DEPOSIT, "EUR", amount=Decimal(50_000_000)) for a in ("PEA", "CTO")]
        held: dict[tuple[str, str], int] = {}
        day = start
        while len(txs) < transactions:
            day += timedelta(days=rng.choice((0, 0, 1)))
            account, symbol = rng.choice(("PEA", "CTO")), rng.choice(names)
            quantity = held.get((account, symbol), 0)
            price = Decimal(rng.randint(2000, 40000)) / 100
            if quantity > 10 and rng.random() < 0.3:
                sold = rng.randint(1, quantity // 2)
                txs.append(Transaction(day, account, TxType.SELL, "EUR", symbol, Decimal(sold), price, fees=Decimal(1)))
                held[(account, symbol)] = quantity - sold
            elif quantity and rng.random() < 0.1:
                txs.append(Transaction(day, account, TxType.DIVIDEND, "EUR", symbol, amount=Decimal(quantity) / 4))
            else:
                bought = rng.randint(1, 50)
                txs.append(Transaction(day, account, TxType.BUY, "EUR", symbol, Decimal(bought), price, fees=Decimal(1)))
                held[(account, symbol)] = quantity + bought
        app.add_transactions(txs)
        prices = path.with_suffix(".csv")
        rows = ["date,symbol,close,currency"]
        for offset in range(250):  # a year of closes per symbol
            close_day = date(2025, 11, 20) + timedelta(days=offset * 365 // 250)
            rows += [f"{close_day},{s},{rng.randint(2000, 40000) / 100},EUR" for s in names]
        prices.write_text("\n".join(rows) + "\n")
        app.import_prices(prices)


def start(code: str, arguments: list[str], env: dict, *options: str) -> tuple[float, float, str]:
    """One cold start: seconds from before the process was started to its idle window, its peak memory (MB)
    and what it wrote to stderr."""
    started = time.time()
    out = subprocess.run([sys.executable, *options, "-c", code, repr(started), *arguments], env=env,
                         capture_output=True, text=True, timeout=120)
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    seconds, peak_kb = out.stdout.split()
    return float(seconds), int(peak_kb) / 1024, out.stderr


def heaviest_imports(importtime: str, count: int) -> list[tuple[int, int, str, str]]:
    """`-X importtime`'s lines before the window was interactive, as (cumulative µs, self µs, module, the
    module that imported it), the `count` slowest by cumulative time."""
    rows: list[tuple[int, int, str, int]] = []
    for line in importtime.split(READY_MARK)[0].splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, cumulative, name = line[len("import time:"):].split("|")
        rows.append((int(cumulative), int(own), name.strip(), (len(name) - len(name.lstrip()) - 1) // 2))
    # -X importtime writes a module after everything it imported, one level deeper: its importer is the
    # next line at a smaller depth.
    found = []
    for index, (cumulative, own, name, depth) in enumerate(rows):
        parent = next((r[2] for r in rows[index + 1:] if r[3] < depth), "") if depth else ""
        found.append((cumulative, own, name, parent))
    return sorted(found, reverse=True)[:count]


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--transactions", type=int, default=10_000)
    parser.add_argument("--symbols", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--encrypted", action="store_true", help="an encrypted book (SQLCipher)")
    parser.add_argument("--compile-each-start", action="store_true",
                        help="no bytecode cache: our sources compiled at every start")
    args = parser.parse_args()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "startup.gtbook"
        build_book(book, args.transactions, args.symbols)
        passphrase = "benchmark passphrase" if args.encrypted else ""
        if args.encrypted:
            from gigatracker.services.store.encryption import encrypt_book
            encrypt_book(book, passphrase).unlink()
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "XDG_CONFIG_HOME": str(Path(tmp) / "config")}
        if args.compile_each_start:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        else:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "bytecode")
        ours_args = [str(book), passphrase]
        start(BARE, [], env)  # warm-up: files in the OS's cache, bytecode compiled
        start(CHILD, ours_args, env)
        ours, bare, peaks = [], [], []
        for run in range(args.runs):
            for kind in (("bare", "ours") if run % 2 == 0 else ("ours", "bare")):  # neither always goes first
                if kind == "bare":
                    bare.append(start(BARE, [], env)[0])
                else:
                    seconds, peak, _err = start(CHILD, ours_args, env)
                    ours.append(seconds)
                    peaks.append(peak)
        _s, _p, importtime = start(CHILD, ours_args, env, "-X", "importtime")
    load_after = os.getloadavg()

    kind = "encrypted " if args.encrypted else ""
    size = f"{args.transactions / 1000:g}k"
    median, floor = statistics.median(ours), statistics.median(bare)
    cost = statistics.median(o - b for o, b in zip(ours, bare))  # each pair ran back to back, under the same load
    print(f"{args.transactions:,}-transaction {kind}book, {args.symbols} symbols, 250 closes each; "
          f"{args.runs} cold starts of each, alternating; bytecode "
          f"{'compiled at every start' if args.compile_each_start else 'cached (as installed)'}; "
          f"{os.cpu_count()} CPUs")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in load_before)}; "
          f"after: {' '.join(f'{x:.2f}' for x in load_after)}")
    print(f"ours, to an interactive window (holdings, transactions and dashboard shown): median {median:.2f} s, "
          f"best {min(ours):.2f} s, worst {max(ours):.2f} s")
    print(f"bare floor (Python, PySide6, QApplication, QMainWindow shown, idle): median {floor:.2f} s, "
          f"best {min(bare):.2f} s, worst {max(bare):.2f} s")
    print(f"ours minus the floor (what our code costs; median of the paired differences): {cost:.2f} s")
    print(f"{verdict(median <= GOAL_SECONDS)}: cold start to an interactive window on a {size} book "
          f"≤ {GOAL_SECONDS} s (median {median:.2f} s)")
    print(f"peak memory: {max(peaks):.0f} MB (target < 400 MB)")
    print("heaviest imports before the window is interactive (one run, -X importtime; cumulative, self):")
    for cumulative, own, name, parent in heaviest_imports(importtime, IMPORTS_SHOWN):
        print(f"  {cumulative / 1000:7.1f} ms {own / 1000:6.1f} ms  {name}" + (f"  (from {parent})" if parent else ""))


if __name__ == "__main__":
    main()
