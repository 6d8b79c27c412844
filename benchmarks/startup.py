"""Cold start: a new process opens a 10,000-transaction book in the main window, until the holdings,
transactions and dashboard are shown and the event loop is idle (interactive). Prints wall time from
process start and the process's peak memory. Targets: < 1.5 s, < 400 MB. With --encrypted, the book is
an encrypted one (SQLCipher), opened with its passphrase.

    python benchmarks/startup.py [--transactions 10000] [--symbols 200] [--runs 5] [--encrypted]
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

CHILD = r"""
import resource, sys, time
started = float(sys.argv[1])
from PySide6.QtCore import QSettings, QTimer
from gigatracker.ui.launch import prepare_qt_app
qt_app = prepare_qt_app()
QSettings().setValue("quotes/refresh", "manual")
QSettings().setValue("ui/welcome_seen", "true")
from gigatracker.app import App
from gigatracker.ui.main_window import MainWindow
window = MainWindow(App.open(sys.argv[2], sys.argv[3] or None), page="holdings")
window.show()

def ready():
    return (window.model.rowCount() > 0 and window.transactions.model.rowCount() > 0
            and window.dashboard.total.value.text() != "—")

def check():
    if ready():
        # one more turn of the loop: the first paint of what just arrived has happened
        QTimer.singleShot(0, lambda: (print(time.time() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss),
                                      qt_app.quit()))
    else:
        QTimer.singleShot(5, check)

QTimer.singleShot(0, check)
qt_app.exec()
from gigatracker.ui.launch import wait_for_workers
wait_for_workers()
window.app.close()
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--transactions", type=int, default=10_000)
    parser.add_argument("--symbols", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--encrypted", action="store_true", help="an encrypted book (SQLCipher)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "startup.gtbook"
        build_book(book, args.transactions, args.symbols)
        passphrase = "benchmark passphrase" if args.encrypted else ""
        if args.encrypted:
            from gigatracker.services.store.encryption import encrypt_book
            encrypt_book(book, passphrase).unlink()
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "XDG_CONFIG_HOME": str(Path(tmp) / "config")}
        times, peaks = [], []
        for _ in range(args.runs):
            import time
            started = time.time()
            out = subprocess.run([sys.executable, "-c", CHILD, repr(started), str(book), passphrase], env=env,
                                 capture_output=True, text=True, timeout=120)
            if out.returncode != 0:
                raise SystemExit(out.stderr)
            seconds, peak_kb = out.stdout.split()
            times.append(float(seconds))
            peaks.append(int(peak_kb) / 1024)
    kind = "encrypted " if args.encrypted else ""
    print(f"{args.transactions:,}-transaction {kind}book, {args.symbols} symbols, 250 closes each; "
          f"{args.runs} cold starts")
    print(f"to an interactive window (holdings, transactions and dashboard shown): median {statistics.median(times):.2f} s,"
          f" best {min(times):.2f} s, worst {max(times):.2f} s (target < 1.5 s)")
    print(f"peak memory: {max(peaks):.0f} MB (target < 400 MB)")


if __name__ == "__main__":
    main()
