"""What a command writes from a book can neither destroy it nor half-exist (issue 16): an output onto the
book or its files is refused by identity; a killed backup, decrypt, export, report or restore leaves
nothing at the final name (or the whole file) and a retry works; outputs are 0600; spreadsheet cells never
run as formulas; one book file is written through one name only, and a second writer waits a moment."""
from __future__ import annotations

import importlib.util
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from decimal import Decimal as D
from pathlib import Path

import pytest

from gigatracker.app import App
from gigatracker.core.ledger import Transaction, TxType
from gigatracker.services.store import repository as repo
from tests.support.books import dump

pytestmark = pytest.mark.sqlite_only("outputs checked against the book's own files")

PASSPHRASE = "Fourmi-Géante-31"
HAS_QT = importlib.util.find_spec("PySide6") is not None  # reports are painted with Qt


def big_book(path: Path, count: int = 20_000) -> Path:
    """A book large enough that writing a copy of it takes a while (kills land mid-write)."""
    with App.create(path, "EUR") as app:
        app.add_account("Foyer", "CTO", "EUR")
        day = date(2015, 1, 2)
        txs = [Transaction(day, "CTO", TxType.DEPOSIT, "EUR", amount=D(10_000_000))]
        for i in range(count):
            txs.append(Transaction(day + timedelta(days=i // 10), "CTO", TxType.BUY, "EUR", f"S{i % 300:03d}",
                                   D(1), D("10.50"), note=f"achat numéro {i} " + "x" * 40))
        with app.book.write() as conn:
            repo.insert_transactions(conn, txs)
    return path


def gigatracker(*args, stdin: str | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "gigatracker", *map(str, args)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def transactions_in(path: Path) -> int:
    with sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return conn.execute("SELECT count(*) FROM transactions").fetchone()[0]


def killed_runs(args: list, final: Path, complete, *, stdin: str | None = None, kills: int = 6, seed: int = 16):
    """Run the command once to time it, then `kills` times killed (SIGKILL) at random moments of that
    time: the final name holds nothing or a complete file (`complete(final)`), and nothing is left at
    its final name that a retry would trip on."""
    rng = random.Random(seed)
    started = time.monotonic()
    whole = gigatracker(*args)
    out, err = whole.communicate(stdin, timeout=300)
    assert whole.returncode == 0, err
    duration = time.monotonic() - started
    assert complete(final)
    landed = 0
    for _ in range(kills):
        final.unlink()
        process = gigatracker(*args)
        if stdin is not None:
            process.stdin.write(stdin)
            process.stdin.flush()
        time.sleep(rng.uniform(0.3, 1.0) * duration)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        if final.exists():
            assert complete(final), f"{final} exists but is not whole after a kill"
        else:
            landed += 1
            retry = gigatracker(*args)  # a retry is never refused because of what the kill left
            _, err = retry.communicate(stdin, timeout=300)
            assert retry.returncode == 0, err
            assert complete(final)
    assert landed, "no kill landed while the output was being written"
    leftovers = [p.name for p in final.parent.iterdir() if p.name.startswith(final.name)]
    assert leftovers == [final.name], leftovers


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    return big_book(tmp_path_factory.mktemp("big") / "big.gtbook")


def test_a_killed_backup_or_export_leaves_nothing_or_the_whole_file(book, tmp_path):
    expected = transactions_in(book)
    killed_runs(["backup", "--book", book, "--out", tmp_path / "copy.gtbook"], tmp_path / "copy.gtbook",
                lambda p: transactions_in(p) == expected)
    killed_runs(["export", "book", "--book", book, "--out", tmp_path / "book.json"], tmp_path / "book.json",
                lambda p: len(json.loads(p.read_text(encoding="utf-8"))["transactions"]) == expected)
    killed_runs(["export", "transactions", "--book", book, "--out", tmp_path / "tx.csv"], tmp_path / "tx.csv",
                lambda p: p.read_text(encoding="utf-8").count("\n") == expected + 1)


def test_a_killed_decrypt_or_restore_leaves_nothing_or_the_whole_book(book, tmp_path):
    expected = transactions_in(book)
    encrypted = tmp_path / "secret.gtbook"
    subprocess.run([sys.executable, "-m", "gigatracker", "backup", "--book", book, "--out", encrypted], check=True)
    subprocess.run([sys.executable, "-m", "gigatracker", "book", "encrypt", "--book", encrypted],
                   input=f"{PASSPHRASE}\n{PASSPHRASE}\n", text=True, check=True, capture_output=True)
    killed_runs(["book", "decrypt", "--book", encrypted, "--passphrase-stdin", "--out", tmp_path / "plain.gtbook"],
                tmp_path / "plain.gtbook", lambda p: transactions_in(p) == expected, stdin=f"{PASSPHRASE}\n", kills=4)
    sealed = tmp_path / "backup.gtsealed"
    subprocess.run([sys.executable, "-m", "gigatracker", "backup", "--book", book, "--encrypt", "--out", sealed],
                   input=f"{PASSPHRASE}\n{PASSPHRASE}\n", text=True, check=True, capture_output=True)
    killed_runs(["book", "restore", sealed, "--out", tmp_path / "restored.gtbook"], tmp_path / "restored.gtbook",
                lambda p: transactions_in(p) == expected, stdin=f"{PASSPHRASE}\n", kills=4)


def test_outputs_onto_the_book_or_its_files_are_refused_by_identity(cli, tmp_path):
    book = tmp_path / "famille.gtbook"
    cli("demo", "--book", book)
    cli("backup", "--book", book, "--out", tmp_path / "famille.gtbook-before-schema-0007-1.bak")
    (tmp_path / "alias.gtbook").symlink_to(book)
    before = dump(book)
    attempts = [("export", "book", "--out", book), ("export", "book", "--out", tmp_path / "alias.gtbook"),
                ("export", "book", "--out", tmp_path / "." / "famille.gtbook"),
                ("export", "holdings", "--out", tmp_path / "famille.gtbook-wal"),
                ("export", "transactions", "--out", book.with_name(book.name + ".lock")),
                ("backup", "--out", tmp_path / "famille.gtbook-before-schema-0007-1.bak")]
    attempts += [("report", "--portfolio", "Client Dupont", "--out", book)] if HAS_QT else []
    for attempt in attempts:
        refused = cli(*attempt[:2], "--book", book, *attempt[2:], ok=False) if attempt[0] == "export" else \
            cli(attempt[0], "--book", book, *attempt[1:], ok=False)
        assert refused.stderr.count("\n") == 1, refused.stderr
        assert "nothing was written" in refused.stderr or "already exists" in refused.stderr, refused.stderr
    assert dump(book) == before
    assert book.read_bytes()[:16] == b"SQLite format 3\0"


def test_outputs_are_readable_by_their_owner_only(cli, tmp_path):
    book = tmp_path / "b.gtbook"
    cli("demo", "--book", book)
    outputs = {"backup.gtbook": ("backup",), "book.json": ("export", "book"), "h.xlsx": ("export", "holdings"),
               "t.csv": ("export", "transactions")}
    if HAS_QT:
        outputs["r.pdf"] = ("report", "--portfolio", "Client Dupont")
    for name, command in outputs.items():
        cli(*command[:2] if command[0] == "export" else command[:1], "--book", book,
            *(command[2:] if command[0] == "export" else command[1:]), "--out", tmp_path / name)
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o600, name


def test_restoring_something_that_is_not_a_book_writes_nothing(cli, tmp_path):
    book = tmp_path / "b.gtbook"
    cli("demo", "--book", book)
    cli("export", "book", "--book", book, "--encrypt", "--out", tmp_path / "export.gtsealed",
        stdin=f"{PASSPHRASE}\n{PASSPHRASE}\n")
    refused = cli("book", "restore", tmp_path / "export.gtsealed", "--out", tmp_path / "r.gtbook", ok=False,
                  stdin=f"{PASSPHRASE}\n")
    assert "holds no book (a book exported as JSON: `gigatracker import book` reads it)" in refused.stderr
    assert not list(tmp_path.glob("r.gtbook*")) and not list(tmp_path.glob("*.partial"))


def test_spreadsheet_cells_never_run_as_formulas(cli, tmp_path):
    from openpyxl import load_workbook
    book = tmp_path / "b.gtbook"
    cli("init", "--book", book, "--base-currency", "EUR")
    cli("account", "add", "--book", book, "--portfolio", "P", "--name", "CTO", "--currency", "EUR")
    cli.import_rows(book, "date,account,type,symbol,quantity,price,amount,currency,note\n"
                          "2025-01-02,CTO,DEPOSIT,,,,1000,EUR,\n"
                          "2025-01-03,CTO,BUY,NVDA,1,10,,EUR,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\n"
                          "2025-01-03,CTO,BUY,AIR.PA,1,10,,EUR,@SUM(A1)\n")
    cli("export", "transactions", "--book", book, "--out", tmp_path / "t.csv")
    cli("export", "transactions", "--book", book, "--out", tmp_path / "t.xlsx")
    text = (tmp_path / "t.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and "'@SUM(A1)" in text
    assert not [cell for line in text.splitlines() for cell in line.split(",") if cell.startswith(("=", "@", '"='))]
    sheet = load_workbook(tmp_path / "t.xlsx").active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    risky = [c for c in cells if isinstance(c.value, str) and c.value.startswith(("=", "@"))]
    assert risky and all(c.data_type == "s" for c in risky)  # text, never a formula
    assert all(c.data_type == "n" for c in cells if isinstance(c.value, (int, float)))


def test_one_book_is_written_through_one_name_only(cli, tmp_path):
    book = tmp_path / "b.gtbook"
    cli("init", "--book", book, "--base-currency", "EUR")
    os.link(book, tmp_path / "second-name.gtbook")
    for name in (book, tmp_path / "second-name.gtbook"):
        refused = cli("holdings", "--book", name, ok=False)
        assert "has 2 names (hard links)" in refused.stderr
    (tmp_path / "second-name.gtbook").unlink()
    (tmp_path / "alias.gtbook").symlink_to(book)
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from gigatracker.app import App\n"
        f"app = App.open({str(book)!r}); print('open', flush=True); time.sleep(float(sys.argv[1])); app.close()"),
        "6"], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "open"
    refused = cli("account", "add", "--book", tmp_path / "alias.gtbook", "--portfolio", "P", "--name", "X",
                  "--currency", "EUR", ok=False)
    assert f"book is open in process {holder.pid}" in refused.stderr
    holder.wait(timeout=30)
    # A writer that finds the book busy waits a moment for it.
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from gigatracker.app import App\n"
        f"app = App.open({str(book)!r}); print('open', flush=True); time.sleep(float(sys.argv[1])); app.close()"),
        "1"], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "open"
    cli("account", "add", "--book", tmp_path / "alias.gtbook", "--portfolio", "P", "--name", "Y", "--currency", "EUR")
    holder.wait(timeout=30)
