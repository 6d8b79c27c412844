"""Crash soak: a subprocess imports CSV files in a loop and is SIGKILLed at random moments.

After every kill the book must open, pass `PRAGMA integrity_check`, and hold each import entirely or not
at all. The test suite runs 50 kills (tests/services/test_crash.py); run this file for the long soak:

    python tests/soak/crash_soak.py --kills 1000
"""
from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MAPPING = """
[csv]
date_format = "%Y-%m-%d"
[columns]
date = "date"
type = "type"
symbol = "symbol"
quantity = "quantity"
price = "price"
note = "note"
"""

WORKER = r"""
import sys
from pathlib import Path
from gigatracker.app import App
folder = Path(sys.argv[1])
app = App.open(folder / "soak.gtbook")
start = int(sys.argv[2])
print("ready", flush=True)
for n in range(start, start + 100000):
    rows = 1 + n % 40
    csv = folder / f"import-{n}.csv"
    csv.write_text("date,type,symbol,quantity,price,note\n" + "".join(
        f"2024-01-{1 + i % 28:02d},BUY,S{i % 7},{1 + i},{10 + n % 5}.25,file {n} row {i}\n" for i in range(rows)))
    app.import_transactions(csv, folder / "map.toml", account="CTO")
"""


def prepare(folder: Path) -> None:
    from gigatracker.app import App

    (folder / "map.toml").write_text(MAPPING)
    with App.create(folder / "soak.gtbook", "EUR") as app:
        app.add_account("P", "CTO", "EUR")


def check(folder: Path) -> int:
    """Open the book and verify it; returns the number of imports present."""
    from gigatracker.services.store import Book
    from gigatracker.services.store.repository import import_batches

    with Book.open(folder / "soak.gtbook") as book:
        assert book.integrity_check() == "ok"
        with book.read() as conn:
            batches = import_batches(conn)
            orphans = conn.exec_driver_sql("SELECT COUNT(*) FROM transactions WHERE import_id IS NULL").scalar()
    assert orphans == 0
    for batch in batches:
        n = int(batch["source"].removeprefix("import-").removesuffix(".csv"))
        assert batch["row_count"] == batch["present"] == 1 + n % 40, batch
    return len(batches)


def soak(folder: Path, kills: int, max_delay: float = 0.25, seed: int | None = None) -> dict:
    rng = random.Random(seed)
    prepare(folder)
    next_file = 0
    imports = 0
    for _ in range(kills):
        worker = subprocess.Popen([sys.executable, "-c", WORKER, str(folder), str(next_file)],
                                  stdout=subprocess.PIPE, text=True)
        assert worker.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0, max_delay))
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
        worker.stdout.close()
        imports = check(folder)
        next_file += 10000  # each run writes fresh file names, so a half-written CSV is never reused
    return {"kills": kills, "imports": imports}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kills", type=int, default=1000)
    args = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        result = soak(Path(folder), args.kills)
    print(f"{result['kills']} kills, {result['imports']} complete imports, every check ok, "
          f"{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
