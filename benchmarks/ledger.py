"""Ledger benchmark (issue 18): `gigatracker holdings`, `lots` and `realized` against a vectorised pandas FIFO
and against beancount, and the CSV import against pandas, on the same book, in the same run.

The book: N transactions (default 10,000 and 100,000) over 10 years in 3 FIFO accounts (2 portfolios) and
500 securities: buys and sales of whole shares at prices in cents with fees that vary with the trade (every
sale valid, some closing a position), dividends, deposits that fund the buys, withdrawals and account fees;
plus a month-end close for every security (60,000 closes), so `holdings` values what it holds. The data is
written once as the CSV that is imported (and as two beancount files), cached under --cache keyed by size,
seed, generator version and the product's migrations (a new migration makes a new book).

Like with like, and how:

- Same data, same file: the pandas FIFO (benchmarks/pandas_fifo.py) reads the book file itself, with
  sqlite3 + pandas.read_sql: the whole `transactions` table in ledger order (every row and type, as we
  load it), the accounts, and each security's latest close. Amounts are TEXT decimals; it turns them into
  integer cents (checking each is one) and keeps every pro-rata cost an exact fraction until it rounds it
  half-even to the cent, as we round our exact Decimals when we show them.
- Same work: it computes what each command prints (positions with cost basis, average cost, value and
  unrealized P&L; open lots with their cost; every sale with proceeds, cost and gain) and serialises it as
  JSON, as the command does. Its figures must agree with ours to the cent (every money field, quantities,
  and the 6-decimal unit costs): a difference is a FAIL and the first differences are printed.
- Same costs around it, measured two ways and both printed:
  * process (the gate): each side is a fresh process on the book file that prints JSON on a pipe:
    `gigatracker CMD --book B --format json` vs `python benchmarks/pandas_fifo.py CMD B`; both pay
    interpreter start, their imports (SQLAlchemy & co for us, pandas for it), opening and reading the file;
  * in-process (engine only): the CLI's own `execute` for the command (opening the book included, its
    output into a StringIO, cheaper than the pipe the process writes to) vs `pandas_fifo.compute` (connect,
    read, compute, JSON text), both after their imports, in this process.
  The two sides alternate run by run (ours, pandas, ours, ...) so a load change hits both; one untimed
  warm-up run each (page cache, .pyc) comes first, and its output is what is compared.
- Two ways for ours, both measured and both given a PASS/FAIL line: "kept state", the book as it is after
  any command or any write after every other transaction (the ledger's state is kept in the book and read,
  nothing replayed: the product's normal case, and less work than the floor does), and "full replay", the
  book made stale before each run (untimed, as a write back in time leaves it), so the command replays the
  whole ledger from the transactions table and keeps the result: the same work as the floor, and more.
- beancount: the same CSV and closes written as a beancount ledger in two layouts (one account per broker
  account; one account per security), lots booked FIFO, fees in the cost, a balance assertion for every
  final position and cash account and for each account's realized gains as we report them;
  `bean-check -C` (no cache) is timed as a process, against our `holdings` as a process. A bean-check that
  reports errors is a FAIL (not the same ledger, or not the same gains).
- Import: the same CSV into a fresh book (3 accounts, made beforehand and copied, untimed) with
  `gigatracker import transactions CSV --mapping MAP` vs pandas `read_csv` + `to_sql` into a fresh SQLite
  file with the book's pragmas (WAL, synchronous=FULL) in one transaction; process and in-process
  (App.import_transactions vs the same pandas function) as above.

Bytecode: an installed app runs from compiled bytecode (pip and the packaged builds compile it at install),
so every child process (ours, pandas, bean-check) keeps its bytecode in a cache of the benchmark's own
(PYTHONPYCACHEPREFIX under --cache) even where PYTHONDONTWRITEBYTECODE is set, as benchmarks/startup.py does:
otherwise a development tree compiles our ~70 modules at every start (0.08 s here) and the pandas side,
installed, does not.

Medians of --runs runs (each run printed, wall and CPU seconds); the machine's load average before and
after. Then one PASS/FAIL line per goal of issue 18 (the goals are set on the 100k book; other sizes are
shown for information), on the process medians, with the in-process ratio beside it:

- holdings <= 2x the pandas FIFO; lots <= 2x; realized <= 3x (and the figures agree to the cent);
- holdings >= 100x faster than `bean-check -C` in both layouts;
- import of the N-row CSV <= 2x pandas read_csv + to_sql.

    python benchmarks/ledger.py [--sizes 10000 100000] [--runs 5] [--skip-beancount] [--profile]
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import math
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import pandas_fifo  # noqa: E402  (beside this file)
from beancount_ledger import LAYOUTS, write_beancount  # noqa: E402

from gigatracker.app import App  # noqa: E402
from gigatracker.services.store import Book  # noqa: E402
from gigatracker.cli import build_parser, execute  # noqa: E402

GENERATOR = 7  # bump when the generated data changes: the cache key includes it
ACCOUNTS = [("Foyer", "CTO"), ("Foyer", "PEA"), ("Client", "Client CTO")]  # all FIFO
SECURITIES, FIRST, DAYS = 500, date(2015, 1, 1), 3652
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
GOALS = {"holdings": 2.0, "lots": 2.0, "realized": 3.0}
BEANCOUNT_GOAL, IMPORT_GOAL = 100.0, 2.0
MONEY_FIELDS = {"holdings": ("cost_basis", "market_value", "market_value_base", "unrealized_pnl_base"),
                "lots": ("cost",), "realized": ("proceeds", "cost", "realized")}
UNIT_FIELDS = {"holdings": ("average_cost",), "lots": ("unit_cost",), "realized": ()}


# -- the data ---------------------------------------------------------------------------------------
def month_ends() -> list[date]:
    days, year, month = [], FIRST.year, FIRST.month
    while True:
        following = date(year + month // 12, month % 12 + 1, 1)
        end = following - timedelta(days=1)
        if end > FIRST + timedelta(days=DAYS):
            return days
        days.append(end)
        year, month = following.year, following.month


def euros(cents: int) -> str:
    return f"{'-' if cents < 0 else ''}{abs(cents) // 100}.{abs(cents) % 100:02d}"


def write_data(folder: Path, count: int, seed: int) -> tuple[Path, Path]:
    """The transactions CSV (exactly `count` rows, in date order) and the month-end closes CSV."""
    rng = random.Random(seed)
    symbols = [f"SEC{i:03d}" for i in range(SECURITIES)]
    ends = month_ends()
    closes: dict[str, list[int]] = {}  # cents, per month end
    for symbol in symbols:
        level, series = rng.uniform(5, 400), []
        for _ in ends:
            level *= math.exp(rng.gauss(0.006, 0.08))
            series.append(max(1, round(level * 100)))
        closes[symbol] = series
    rows = ["date,account,type,symbol,quantity,price,amount,fees,currency"]
    held: dict[tuple[str, str], int] = {}
    cash: dict[str, int] = {name: 0 for _, name in ACCOUNTS}
    while len(rows) <= count:
        day = FIRST + timedelta(days=(len(rows) - 1) * DAYS // count)
        month = min((day.year - FIRST.year) * 12 + day.month - FIRST.month, len(ends) - 1)
        account = ACCOUNTS[rng.randrange(3)][1]
        symbol = symbols[rng.randrange(SECURITIES)]
        quantity = held.get((account, symbol), 0)
        price = max(1, round(closes[symbol][month] * rng.uniform(0.94, 1.06)))
        roll = rng.random()
        if roll < 0.01 and cash[account] > 500_000:  # money taken out, when there is some
            amount = rng.randint(10_000, min(cash[account] // 2, 2_000_000))
            cash[account] -= amount
            rows.append(f"{day},{account},WITHDRAWAL,,,,{euros(amount)},,EUR")
        elif roll < 0.02:  # custody or account fee
            amount = rng.randint(100, 4_000)
            cash[account] -= amount
            rows.append(f"{day},{account},FEE,,,,{euros(amount)},,EUR")
        elif quantity and roll < 0.09:
            amount = quantity * rng.randint(5, 150)
            cash[account] += amount
            rows.append(f"{day},{account},DIVIDEND,{symbol},,,{euros(amount)},,EUR")
        elif quantity and roll < 0.42:
            sold = quantity if rng.random() < 0.15 else rng.randint(1, quantity)  # some close the position
            fees = max(100, sold * price // 1000)  # 0.1%, at least 1.00
            held[(account, symbol)] = quantity - sold
            cash[account] += sold * price - fees
            rows.append(f"{day},{account},SELL,{symbol},{sold},{euros(price)},,{euros(fees)},EUR")
        else:
            bought = rng.randint(1, 60)
            fees = max(250, bought * price * 12 // 10_000)  # 0.12%, at least 2.50
            cost = bought * price + fees
            if cash[account] < cost:  # money put in first, as an investor does
                amount = (cost - cash[account]) // 100_000 * 100_000 + 100_000 * rng.randint(1, 20)
                cash[account] += amount
                rows.append(f"{day},{account},DEPOSIT,,,,{euros(amount)},,EUR")
                if len(rows) > count:
                    break
            held[(account, symbol)] = quantity + bought
            cash[account] -= cost
            rows.append(f"{day},{account},BUY,{symbol},{bought},{euros(price)},,{euros(fees)},EUR")
    csv_path, prices_path = folder / f"transactions-{count}.csv", folder / "closes.csv"
    csv_path.write_text("\n".join(rows) + "\n")
    prices_path.write_text("date,symbol,close,currency\n" + "".join(
        f"{day},{symbol},{euros(closes[symbol][i])},EUR\n" for symbol in symbols for i, day in enumerate(ends)))
    return csv_path, prices_path


@dataclass
class Data:
    folder: Path
    csv: Path
    closes: Path
    mapping: Path
    template: Path  # a book with the 3 accounts and nothing else
    book: Path  # the template with the CSV and the closes imported
    beancount: dict[str, Path] = field(default_factory=dict)
    built: float = 0.0


def schema_key() -> str:
    import gigatracker.services.store.migrations as migrations
    versions = Path(migrations.__file__).parent / "versions"
    digest = hashlib.sha256()
    for path in sorted(versions.glob("*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:10]


def prepare(cache: Path, count: int, seed: int) -> Data:
    folder = cache / f"n{count}-seed{seed}-g{GENERATOR}-schema{schema_key()}"
    data = Data(folder, folder / f"transactions-{count}.csv", folder / "closes.csv", folder / "map.toml",
                folder / "template.gtbook", folder / "book.gtbook",
                {layout: folder / f"ledger-{layout}.beancount" for layout in LAYOUTS})
    if (folder / "ready").exists():
        return data
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    write_data(folder, count, seed)
    data.mapping.write_text(MAPPING)
    with App.create(data.template, "EUR") as app:
        for portfolio, name in ACCOUNTS:
            app.add_account(portfolio, name, "EUR", "fifo")
    copy_book(data.template, data.book)
    with App.open(data.book) as app:
        result = app.import_transactions(data.csv, data.mapping)
        assert result.added == count, result
        app.import_prices(data.closes, source_label="benchmark")
    gains: dict[str, tuple[int, int]] = {}  # what `gigatracker realized` prints, per account: bean-check asserts it
    for sale in json.loads(our_cli_inside(["realized", "--book", str(data.book), "--format", "json"])()):
        cents, ties = gains.get(sale["account"], (0, 0))
        gains[sale["account"]] = cents + int(Decimal(sale["realized"]) * 100), ties
    for sale in json.loads(pandas_fifo.compute(str(data.book), "realized", exact=True)):
        if is_tie(sale["realized_exact"], 2):
            cents, ties = gains[sale["account"]]
            gains[sale["account"]] = cents, ties + 1
    for layout, path in data.beancount.items():
        write_beancount(data.csv, data.closes, path, layout, ACCOUNTS, gains)
    data.built = time.perf_counter() - started
    (folder / "ready").write_text("ok\n")
    return data


def copy_book(source: Path, target: Path) -> None:
    for suffix in ("-wal", "-shm"):  # a closed book has none; a stray one must not follow the copy
        assert not Path(f"{source}{suffix}").exists() or Path(f"{source}{suffix}").stat().st_size == 0, source
    shutil.copyfile(source, target)


# -- timing -----------------------------------------------------------------------------------------
@dataclass
class Runs:
    label: str
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    def record(self, wall: float, cpu: float) -> None:
        self.wall.append(wall)
        self.cpu.append(cpu)
        print(f"    {self.label:34} run {len(self.wall)}: {wall:8.3f} s wall {cpu:8.3f} s CPU", flush=True)


CHILDREN = dict(os.environ)  # every child's environment: with a bytecode cache (main() sets it; see above)


def run_process(command: list[str]) -> tuple[float, float, str]:
    """Wall and CPU seconds (user + system of the child) of one process, and its stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=CHILDREN)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def run_inside(function) -> tuple[float, float, object]:
    started, cpu_started = time.perf_counter(), time.process_time()
    result = function()
    return time.perf_counter() - started, time.process_time() - cpu_started, result


def gigatracker_command() -> list[str]:
    script = Path(sys.executable).parent / "gigatracker"
    return [str(script)] if script.exists() else [sys.executable, "-m", "gigatracker"]


def our_cli_inside(argv: list[str]) -> Callable[[], str]:
    """The CLI command in this process (its parser built beforehand): opening the book, computing, JSON."""
    args = build_parser().parse_args(argv)
    out = io.StringIO()

    def call() -> str:
        with contextlib.redirect_stdout(out):
            status = execute(args)
        if status != 0:
            raise RuntimeError(f"gigatracker {' '.join(argv)} failed ({status})")
        return out.getvalue()
    return call


def load() -> str:
    return f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)"


# -- agreement ----------------------------------------------------------------------------------------
def key_of(what: str, row: dict) -> tuple:
    if what == "realized":
        return (int(row["transaction_id"]),)
    if what == "lots":
        return row["account"], row["symbol"], row["acquired"], Decimal(row["quantity"]), Decimal(row["cost"])
    return row["account"], row["symbol"]


def exact_value(fraction: str, places: int) -> Fraction:
    """'n/d' (a fraction of cents, as pandas_fifo gives it) -> the exact value in units of 10^-places."""
    numerator, denominator = fraction.split("/")
    return Fraction(int(numerator), int(denominator)) * 10 ** (places - 2)


def is_tie(fraction: str, places: int) -> bool:
    """Whether the exact value lies exactly halfway between two steps of 10^-places."""
    return (exact_value(fraction, places) * 2).denominator == 1 and exact_value(fraction, places).denominator != 1


def explain(book: str, what: str, problems: list[tuple[tuple, str, str]]) -> tuple[list[str], int]:
    """Each difference with the exact value (from the exact fractions the pandas FIFO keeps), and how many
    of them are exact ties (halfway between two steps) that we round the other way."""
    exact = {key_of(what, row): row for row in json.loads(pandas_fifo.compute(book, what, exact=True))}
    lines, ties = [], 0
    for key, name, text in problems:
        fraction = (exact.get(key) or {}).get(f"{name}_exact")
        if fraction is None:
            lines.append(text)
            continue
        places = 6 if name in UNIT_FIELDS[what] else 2
        value = exact_value(fraction, places)
        shown = f"{Decimal(value.numerator) / Decimal(value.denominator) / 10 ** places:.{places + 6}f}"
        tie = is_tie(fraction, places)
        ties += tie
        lines.append(f"{text} -- exact value {shown.rstrip('0')}" + (
            f": a tie halfway between two steps of {Decimal(10) ** -places}, which half-even rounds to the even "
            "one; ours comes from a Decimal carried at 40 digits a hair off the exact value (a running total or "
            "a lot's cost reduced by rounded divisions) and rounds the other way" if tie else
            ": not a tie, a real difference"))
    return lines, ties


def compare(what: str, ours_text: str, theirs_text: str, book: str) -> tuple[bool, list[str], int, int]:
    """Every row of ours has a row of theirs with the same quantity, money to the cent, unit cost to 1e-6."""
    ours, theirs = json.loads(ours_text), json.loads(theirs_text)
    problems: list[str] = []
    figures: list[tuple[tuple, str, str]] = []  # differences in a rounded figure, explained below
    if len(ours) != len(theirs):
        problems.append(f"{what}: {len(ours)} rows from us, {len(theirs)} from pandas")
    if what == "lots":  # lots have no id: compare them in order within each (account, symbol)
        def ordered(rows):
            return sorted(rows, key=lambda r: (r["account"], r["symbol"]))
        pairs = list(zip(ordered(ours), ordered(theirs)))
    else:
        index = {key_of(what, row): row for row in theirs}
        pairs = [(row, index.get(key_of(what, row))) for row in ours]
    fields = ("quantity",) + MONEY_FIELDS[what] + UNIT_FIELDS[what] + (
        ("price", "price_date") if what == "holdings" else ("acquired",) if what == "lots" else ("date",))
    for mine, other in pairs:
        if other is None:
            problems.append(f"{what}: {key_of(what, mine)} only in ours")
            continue
        for name in fields + ("account", "symbol"):
            a, b = mine.get(name), other.get(name)
            same = a == b if name in ("account", "symbol", "price_date", "acquired", "date") else (
                a is not None and b is not None and Decimal(str(a)) == Decimal(str(b)))
            if not same:
                text = f"{what}: {mine['account']} {mine['symbol']} {name}: ours {a}, pandas {b}"
                if name in MONEY_FIELDS[what] + UNIT_FIELDS[what]:
                    figures.append((key_of(what, other), name, text))
                else:
                    problems.append(text)
    ties = 0
    if figures:
        lines, ties = explain(book, what, figures)
        problems += lines
    return not problems, problems, len(ours), ties


# -- the measurements ------------------------------------------------------------------------------------
@dataclass
class Pair:
    name: str
    ours: Runs  # processes
    theirs: Runs
    ours_inside: Runs  # in this process
    theirs_inside: Runs
    how: str = ""  # for the commands: "kept state" or "full replay"

    @property
    def label(self) -> str:
        return f"{self.name} ({self.how})" if self.how else self.name

    @property
    def ratio(self) -> float:
        return self.ours.median / self.theirs.median

    @property
    def inside_ratio(self) -> float:
        return self.ours_inside.median / self.theirs_inside.median


def make_stale(book: str) -> None:
    """What a write back in time does to the ledger's state kept in the book: it is no longer current (its
    stamp moves, as an edit moves it), so the next command replays the whole ledger, and keeps the result.
    Written as the app writes, in a session of its own that closes cleanly (a raw sqlite3 write would also
    make the next open scan every page, as after any foreign write: 0.16 s no app write costs)."""
    with Book.open(book) as opened, opened.write() as conn:
        conn.exec_driver_sql("UPDATE ledger_stamp SET n = n + 1")


def measure_command(data: Data, what: str, runs: int, *, replay: bool
                    ) -> tuple[Pair, tuple[bool, list[str], int, int]]:
    """`what` against the pandas FIFO, each run of ours reading the state the book keeps (as after any
    command, or a write after every other transaction) or, with `replay`, replaying the whole ledger
    (the book made stale before each run, untimed, as a write back in time leaves it) and keeping it."""
    book = str(data.book)
    how = "full replay" if replay else "kept state"

    def prepare() -> None:
        if replay:
            make_stale(book)

    ours_cmd = gigatracker_command() + [what, "--book", book, "--format", "json"]
    theirs_cmd = [sys.executable, str(HERE / "pandas_fifo.py"), what, book]
    print(f"  {what}, {how}: warm-up (untimed; its output is compared)", flush=True)
    prepare()
    _, _, ours_out = run_process(ours_cmd)
    _, _, theirs_out = run_process(theirs_cmd)
    agreement = compare(what, ours_out, theirs_out, book)
    pair = Pair(what, Runs(f"{what} ours, {how} (process)"), Runs(f"{what} pandas FIFO (process)"),
                Runs(f"{what} ours, {how} (in-process)"), Runs(f"{what} pandas FIFO (in-process)"), how)
    prepare()
    run_inside(our_cli_inside([what, "--book", book, "--format", "json"]))  # warm-up in this process too
    run_inside(lambda: pandas_fifo.compute(book, what))
    for _ in range(runs):
        prepare()
        pair.ours.record(*run_process(ours_cmd)[:2])
        pair.theirs.record(*run_process(theirs_cmd)[:2])
    for _ in range(runs):
        prepare()
        pair.ours_inside.record(*run_inside(our_cli_inside([what, "--book", book, "--format", "json"]))[:2])
        pair.theirs_inside.record(*run_inside(lambda: pandas_fifo.compute(book, what))[:2])
    return pair, agreement


def measure_import(data: Data, runs: int, count: int, scratch: Path) -> Pair:
    pair = Pair("import", Runs("import ours (process)"), Runs("import pandas (process)"),
                Runs("import ours (in-process)"), Runs("import pandas (in-process)"))
    csv_path, mapping = str(data.csv), str(data.mapping)

    def fresh(name: str, book: bool) -> Path:
        path = scratch / name
        for stale in scratch.glob(name + "*"):
            stale.unlink()
        if book:
            copy_book(data.template, path)
        return path

    def ours_process() -> tuple[float, float]:
        target = fresh("import.gtbook", True)
        wall, cpu, out = run_process(gigatracker_command() + ["import", "transactions", csv_path, "--book",
                                                              str(target), "--mapping", mapping, "--format", "json"])
        added = json.loads(out).get("added")
        assert added == count, f"our import added {added} of {count} rows: {out[:500]}"
        return wall, cpu

    def theirs_process() -> tuple[float, float]:
        target = fresh("import.sqlite", False)
        wall, cpu, out = run_process([sys.executable, str(HERE / "pandas_fifo.py"), "import", csv_path, str(target)])
        assert json.loads(out)["added"] == count, out
        return wall, cpu

    print("  import: warm-up (untimed)", flush=True)
    ours_process()
    theirs_process()
    for _ in range(runs):
        pair.ours.record(*ours_process())
        pair.theirs.record(*theirs_process())
    for _ in range(runs):
        # the copy of the empty template book is made before the clock starts, as for the process runs
        target = fresh("import.gtbook", True)

        def ours_timed(target=target) -> int:
            with App.open(target) as app:
                return app.import_transactions(data.csv, data.mapping).added
        wall, cpu, added = run_inside(ours_timed)
        assert added == count, added
        pair.ours_inside.record(wall, cpu)
        database = fresh("import.sqlite", False)
        wall, cpu, added = run_inside(lambda database=database: pandas_fifo.import_csv(csv_path, str(database)))
        assert added == count, added
        pair.theirs_inside.record(wall, cpu)
    for stale in scratch.glob("import*"):
        stale.unlink()
    return pair


def measure_beancount(data: Data, runs: int) -> dict[str, tuple[Runs, str]]:
    bean_check = Path(sys.executable).parent / "bean-check"
    results = {}
    for layout, path in data.beancount.items():
        timings = Runs(f"bean-check -C ({layout} layout)")
        errors = ""
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            done = subprocess.run([str(bean_check), "-C", str(path)], capture_output=True, text=True, env=CHILDREN)
            wall = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            errors = errors or (done.stdout + done.stderr).strip() or ("" if done.returncode == 0 else
                                                                       f"exit status {done.returncode}")
            timings.record(wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
        results[layout] = (timings, errors)
    return results


def beancount_version() -> str | None:
    bean_check = Path(sys.executable).parent / "bean-check"
    if not bean_check.exists():
        return None
    try:
        from importlib.metadata import version
        return version("beancount")
    except Exception:  # noqa: BLE001  (any failure: treat as absent)
        return None


def profile_holdings(data: Data) -> None:
    import cProfile
    import pstats
    call = our_cli_inside(["holdings", "--book", str(data.book), "--format", "json"])
    profiler = cProfile.Profile()
    profiler.runcall(call)
    print("\nprofile of `gigatracker holdings` in-process (cProfile, top 15 by cumulative time):")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(15)


# -- report ---------------------------------------------------------------------------------------------
def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def report(size: int, runs: int, pairs: list[Pair], agreements: dict, bean: dict | None, bean_note: str,
           holdings: list[Pair]) -> list[str]:
    print(f"\n== {size:,} transactions: medians of {runs} runs (wall seconds; CPU seconds in brackets) ==")
    header = f"{'measurement':48} {'ours':>17} {'floor':>17} {'ratio':>8}  {'in-process ours / floor':>32} {'ratio':>7}"
    print(header)
    print("-" * len(header))
    for pair in pairs:
        inside = f"{pair.ours_inside.median:8.3f} ({pair.ours_inside.cpu_median:6.3f}) / " \
                 f"{pair.theirs_inside.median:7.3f} ({pair.theirs_inside.cpu_median:6.3f}) {pair.inside_ratio:6.2f}x"
        floor = "pandas FIFO" if pair.name in GOALS else "read_csv+to_sql"
        print(f"{pair.label + ' vs ' + floor:48} {pair.ours.median:8.3f} ({pair.ours.cpu_median:6.3f}) "
              f"{pair.theirs.median:8.3f} ({pair.theirs.cpu_median:6.3f}) {pair.ratio:7.2f}x  {inside}")
    if bean:
        for layout, (timings, errors) in bean.items():
            for ours in holdings:
                print(f"{'bean-check -C, ' + layout + ' layout, ' + ours.how:48} {ours.ours.median:8.3f} "
                      f"({ours.ours.cpu_median:6.3f}) {timings.median:8.3f} ({timings.cpu_median:6.3f}) "
                      f"{timings.median / ours.ours.median:7.1f}x faster (our holdings process vs bean-check)"
                      + ("  ERRORS" if errors else ""))
    for what, (ok, problems, rows, _ties) in agreements.items():
        print(f"{what}: {rows:,} rows, " + ("all agree with the pandas FIFO to the cent" if ok else
                                            f"{len(problems)} differences with the pandas FIFO, first ones:"))
        for problem in problems[:10]:
            print(f"    {problem}")
    if bean:
        for layout, (_timings, errors) in bean.items():
            if errors:
                print(f"bean-check ({layout} layout) reported: {errors[:1500]}")
    note = "" if size >= 100_000 else " [goal set at 100k: for information]"
    lines = []
    for pair in pairs:
        if pair.name in GOALS:
            ok, problems, _, ties = agreements[pair.label]
            lines.append(f"{verdict(ok)}  [{size:,}] {pair.label}: our figures agree with the pandas FIFO to the "
                         "cent" + ("" if ok else f" ({len(problems)} differences, {ties} of them exact half-step "
                                                 "ties we round the other way; listed above)"))
            goal = GOALS[pair.name]
            lines.append(f"{verdict(pair.ratio <= goal)}  [{size:,}] {pair.label} <= {goal:g}x the pandas FIFO: "
                         f"{pair.ratio:.3f}x ({pair.ours.median:.3f} s vs {pair.theirs.median:.3f} s, processes; "
                         f"in-process {pair.inside_ratio:.2f}x){note}")
        else:
            lines.append(f"{verdict(pair.ratio <= IMPORT_GOAL)}  [{size:,}] import of the {size:,}-row CSV <= "
                         f"{IMPORT_GOAL:g}x pandas read_csv + to_sql: {pair.ratio:.3f}x ({pair.ours.median:.3f} s "
                         f"vs {pair.theirs.median:.3f} s, processes; in-process {pair.inside_ratio:.2f}x){note}")
    if bean:
        for layout, (timings, errors) in bean.items():
            for ours in holdings:
                speedup = timings.median / ours.ours.median
                lines.append(f"{verdict(speedup >= BEANCOUNT_GOAL and not errors)}  [{size:,}] holdings "
                             f"({ours.how}) >= {BEANCOUNT_GOAL:g}x faster than bean-check -C, {layout} layout: "
                             f"{speedup:.1f}x ({ours.ours.median:.3f} s vs {timings.median:.3f} s)"
                             + (" [bean-check reported errors]" if errors else "") + note)
    else:
        lines.append(f"SKIP  [{size:,}] holdings >= {BEANCOUNT_GOAL:g}x faster than bean-check -C: {bean_note}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-beancount", action="store_true")
    parser.add_argument("--profile", action="store_true", help="profile `holdings` in-process on each size")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "gigatracker-bench-ledger")
    args = parser.parse_args()
    CHILDREN.pop("PYTHONDONTWRITEBYTECODE", None)
    CHILDREN["PYTHONPYCACHEPREFIX"] = str(args.cache / "bytecode")
    version = None if args.skip_beancount else beancount_version()
    bean_note = ("skipped (--skip-beancount)" if args.skip_beancount else
                 f"beancount {version}" if version else
                 "skipped: beancount is not installed in this environment (a benchmark-only dependency: "
                 "`pip install beancount`, or no network to get it)")
    print(f"load average before: {load()} · python {sys.version.split()[0]} · pandas {pandas_fifo.pd.__version__} · "
          f"bean-check: {bean_note}", flush=True)
    verdicts: list[str] = []
    for size in args.sizes:
        data = prepare(args.cache, size, args.seed)
        print(f"\n{size:,} transactions: book {data.book} ({data.book.stat().st_size / 1e6:.0f} MB)"
              + (f", built in {data.built:.1f} s" if data.built else ", from the cache"), flush=True)
        with tempfile.TemporaryDirectory() as scratch:
            imported = measure_import(data, args.runs, size, Path(scratch))
        pairs, agreements = [], {}
        for what in GOALS:
            for replay in (False, True):
                pair, agreement = measure_command(data, what, args.runs, replay=replay)
                pairs.append(pair)
                agreements[pair.label] = agreement
        pairs.append(imported)
        bean = measure_beancount(data, args.runs) if version else None
        if args.profile:
            profile_holdings(data)
        verdicts += report(size, args.runs, pairs, agreements, bean, bean_note, pairs[:2])
    print(f"\nload average after: {load()}")
    print("\n".join(verdicts))


if __name__ == "__main__":
    main()
