"""Ledger benchmark: import and full rebuild of 10k and 100k transactions.

500 securities, 3 accounts (two FIFO, one average cost), 10 years. Prints the import time (CSV through a
mapping into a real book), the rebuild time (load from the book + replay, and replay alone), the floor
(a bare pandas groupby-sum over the same rows) and peak memory.

    python benchmarks/ledger.py [--sizes 10000 100000]
"""
from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from gigatracker.app import App
from gigatracker.core.ledger import Ledger

ACCOUNTS = [("Foyer", "CTO", "fifo"), ("Foyer", "PEA", "average"), ("Client", "Client CTO", "fifo")]
MAPPING = """
[csv]
date_format = "%Y-%m-%d"
[columns]
date = "date"
account = "account"
type = "type"
symbol = "symbol"
quantity = "quantity"
price = "price"
amount = "amount"
fees = "fees"
currency = "currency"
"""


def write_csv(path: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    held: dict[tuple[str, str], int] = {}
    start = date(2015, 1, 1)
    lines = ["date,account,type,symbol,quantity,price,amount,fees,currency"]
    for i in range(count):
        day = start + timedelta(days=i * 3652 // count)
        account = ACCOUNTS[rng.randrange(3)][1]
        symbol = f"SEC{rng.randrange(500):03d}"
        quantity = held.get((account, symbol), 0)
        price = f"{rng.randint(500, 90000) / 100:.2f}"
        roll = rng.random()
        if quantity and roll < 0.05:
            lines.append(f"{day},{account},DIVIDEND,{symbol},,,{rng.randint(100, 5000) / 100:.2f},0,EUR")
        elif quantity > 5 and roll < 0.40:
            sold = rng.randint(1, quantity)
            held[(account, symbol)] = quantity - sold
            lines.append(f"{day},{account},SELL,{symbol},{sold},{price},,1.50,EUR")
        else:
            bought = rng.randint(1, 60)
            held[(account, symbol)] = quantity + bought
            lines.append(f"{day},{account},BUY,{symbol},{bought},{price},,2.50,EUR")
    path.write_text("\n".join(lines) + "\n")


def best_of(runs: int, function):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return min(times), result


def bench(size: int, folder: Path) -> None:
    csv_path, mapping = folder / f"tx-{size}.csv", folder / "map.toml"
    mapping.write_text(MAPPING)
    write_csv(csv_path, size)
    app = App.create(folder / f"bench-{size}.gtbook", "EUR")
    for portfolio, name, method in ACCOUNTS:
        app.add_account(portfolio, name, "EUR", method)
    import_time, result = best_of(1, lambda: app.import_transactions(csv_path, mapping))
    assert result.added == size, result

    rebuild_time, ledger = best_of(3, lambda: app.ledger())
    accounts, txs = app.accounts(), app.transactions()

    def replay():
        fresh = Ledger(accounts)
        fresh.replay(txs)
        return fresh

    replay_time, _ = best_of(3, replay)
    frame = pd.read_csv(csv_path)
    floor_time, _ = best_of(5, lambda: frame.groupby(["account", "symbol"])["quantity"].sum())
    app.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{size:>7} tx: import {import_time:6.2f} s ({size / import_time:,.0f} rows/s) | "
          f"rebuild from book {rebuild_time:5.3f} s (load {rebuild_time - replay_time:5.3f} + replay "
          f"{replay_time:5.3f}) | pandas groupby-sum floor {floor_time * 1000:5.1f} ms, rebuild/floor "
          f"{rebuild_time / floor_time:5.0f}x | {len(ledger.positions())} positions, {len(ledger.sales)} sales, "
          f"{len(ledger.open_lots())} lots | peak RSS {peak_mb:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            bench(size, Path(folder))


if __name__ == "__main__":
    main()
