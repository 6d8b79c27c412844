"""Team-mode benchmark (issue 21): an advisory firm's book of 50 clients × 2,000 transactions, as a file
(SQLite) and as a shared book (PostgreSQL), the same book on both (copied with `book copy`, which checks it).

Measured on each engine, the two alternating run by run (SQLite, PostgreSQL, SQLite, ...), after one
untimed warm-up each (the page cache, and the ledger state each book keeps after its first read):

- every client, one by one, as an adviser's morning round: open the book, that client's holdings, close
  (in this process: 50 opens and 50 valuations);
- the same as 50 processes would be too slow to repeat: one process per engine for 5 clients is timed
  instead (`gigatracker holdings --portfolio P`), each paying its interpreter and imports;
- every client's PDF report: `gigatracker report --all --out DIR`, one process (it starts Qt offscreen).

The PostgreSQL server is a throwaway cluster on this machine (tests/support/postgres.py), with fsync on, as
a real server has it (the tests turn it off); SQLite books write with synchronous=FULL. Both sides read
through a local socket or file: a server across a network adds its round trips (about 20 queries per open
and valuation), which this does not measure. Medians of --runs runs, each run printed, the machine's load
before and after. The issue sets no target for these figures: they are reported, with the ratio.

    python benchmarks/team.py [--runs 3] [--clients 50] [--transactions 2000]
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
from pathlib import Path

HERE = Path(__file__).parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from ledger import MAPPING, euros, load  # noqa: E402  (beside this file: the same CSV columns, money, load)
from gigatracker.app import App  # noqa: E402
from gigatracker.services.exporters.book_copy import copy_book  # noqa: E402
from tests.support import postgres  # noqa: E402

GENERATOR = 1  # bump when the generated data changes (the cache key includes it)
POOL, FIRST, DAYS = 200, date(2021, 1, 4), 5 * 365


def write_book(folder: Path, clients: int, per_client: int, seed: int) -> Path:
    """The firm's book file: a portfolio and an account per client, trades among 20 of 200 securities,
    month-end closes for all of them."""
    rng = random.Random(seed)
    symbols = [f"CHIP{i:03d}" for i in range(POOL)]
    ends = [FIRST + timedelta(days=d) for d in range(0, DAYS + 31, 30)]
    closes = {s: [] for s in symbols}
    for symbol in symbols:
        level = rng.uniform(10, 500)
        for _ in ends:
            level *= 1 + rng.gauss(0.008, 0.07)
            closes[symbol].append(max(100, round(level * 100)))
    rows = ["date,account,type,symbol,quantity,price,amount,fees,currency"]
    for client in range(clients):
        account = f"Client {client:02d} CTO"
        chosen = rng.sample(symbols, 20)
        held: dict[str, int] = {}
        rows.append(f"{FIRST},{account},DEPOSIT,,,,{euros(rng.randint(50_000, 500_000) * 100)},,EUR")
        for n in range(per_client - 1):
            day = FIRST + timedelta(days=1 + n * DAYS // per_client)
            symbol = rng.choice(chosen)
            price = closes[symbol][min((day - FIRST).days // 30, len(ends) - 1)]
            if held.get(symbol) and rng.random() < 0.35:
                sold = rng.randint(1, held[symbol])
                held[symbol] -= sold
                rows.append(f"{day},{account},SELL,{symbol},{sold},{euros(price)},,{euros(max(100, sold * price // 1000))},EUR")
            else:
                bought = rng.randint(1, 20)
                held[symbol] = held.get(symbol, 0) + bought
                rows.append(f"{day},{account},BUY,{symbol},{bought},{euros(price)},,{euros(max(250, bought * price // 800))},EUR")
    transactions, prices, mapping = folder / "transactions.csv", folder / "closes.csv", folder / "map.toml"
    transactions.write_text("\n".join(rows) + "\n")
    prices.write_text("date,symbol,close,currency\n" + "".join(
        f"{day},{symbol},{euros(closes[symbol][i])},EUR\n" for symbol in symbols for i, day in enumerate(ends)
        if day <= date.today()))
    mapping.write_text(MAPPING)
    book = folder / "firm.gtbook"
    with App.create(book, "EUR") as app:
        for client in range(clients):
            app.add_account(f"Client {client:02d}", f"Client {client:02d} CTO", "EUR", "fifo")
        app.import_transactions(transactions, mapping)  # deposits come first: no cash goes negative by design
        app.import_prices(prices, source_label="benchmark")
        app.holdings()  # keeps the ledger's state in the book
    return book


def prepared(cache: Path, clients: int, per_client: int, seed: int) -> Path:
    folder = cache / f"c{clients}-t{per_client}-s{seed}-g{GENERATOR}"
    if not (folder / "ready").exists():
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("firm.gtbook*"):
            stale.unlink()
        started = time.perf_counter()
        write_book(folder, clients, per_client, seed)
        print(f"built the book in {time.perf_counter() - started:.1f} s", flush=True)
        (folder / "ready").write_text("ok\n")
    return folder / "firm.gtbook"


def round_of_clients(location, portfolios: list[str]) -> float:
    started = time.perf_counter()
    for portfolio in portfolios:
        with App.open(location) as app:
            assert app.holdings(portfolio), portfolio
    return time.perf_counter() - started


def processes(location, portfolios: list[str]) -> float:
    started = time.perf_counter()
    for portfolio in portfolios:
        done = subprocess.run([sys.executable, "-m", "gigatracker", "holdings", "--book", str(location), "--portfolio",
                               portfolio, "--format", "json"], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr[-2000:]
    return time.perf_counter() - started


def reports(location, out: Path) -> float:
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.pdf"):
        old.unlink()
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "gigatracker", "report", "--all", "--book", str(location), "--out",
                           str(out)], capture_output=True, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    took = time.perf_counter() - started
    assert done.returncode == 0, done.stderr[-2000:]
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--transactions", type=int, default=2000, help="per client")
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "gigatracker-bench-team")
    args = parser.parse_args()
    print(f"load average before: {load()} · python {sys.version.split()[0]}", flush=True)
    book = prepared(args.cache, args.clients, args.transactions, args.seed)
    with postgres.running(fsync=True) as cluster:
        url = cluster.fresh_database()
        with App.open(book) as app:
            portfolios = sorted(app.portfolios())
            started = time.perf_counter()
            report = copy_book(app.book, url)
        print(f"{args.clients} clients × {args.transactions} transactions ({report.transactions:,} in all, "
              f"{report.prices:,} closes); copied into PostgreSQL and checked in {time.perf_counter() - started:.1f} s",
              flush=True)
        engines = {"SQLite": book, "PostgreSQL": url}
        timings: dict[tuple[str, str], list[float]] = {}
        scratch = Path(tempfile.mkdtemp())
        work = [("open + holdings, every client (in-process)", lambda where: round_of_clients(where, portfolios)),
                ("holdings as a process, 5 clients", lambda where: processes(where, portfolios[:5])),
                (f"report --all ({len(portfolios)} PDFs, a process)", lambda where: reports(where, scratch / "pdf"))]
        for label, measure in work:
            for where in engines.values():
                measure(where)  # warm-up, untimed
            for run in range(1, args.runs + 1):
                for name, where in engines.items():
                    took = measure(where)
                    timings.setdefault((label, name), []).append(took)
                    print(f"  {label:46} {name:10} run {run}: {took:7.2f} s", flush=True)
        print(f"\nload average after: {load()}")
        print(f"\n{'':46} {'SQLite':>9} {'PostgreSQL':>11} {'ratio':>7}   (medians of {args.runs}, seconds)")
        for label, _ in work:
            lite, server = (statistics.median(timings[(label, name)]) for name in engines)
            print(f"{label:46} {lite:9.2f} {server:11.2f} {server / lite:6.2f}x")
        print("(issue 21 sets no target for these: no PASS/FAIL line, the figures and their ratio are the result)")


if __name__ == "__main__":
    main()
