"""What lies beside a book (issue 16): a write-ahead log that is not the book's own is set aside, never
folded in, while a crashed session's own log is kept; readable copies of an encrypted book and half-written
backups from earlier versions are dealt with at the next open; backups are kept to the last three;
`gigatracker book status` says all of it without changing anything."""
from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import time
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

from gigatracker.app import App
from gigatracker.core.ledger import Transaction, TxType
from gigatracker.services.store import Book
from gigatracker.services.store.cipher import is_encrypted
from gigatracker.services.store.encryption import change_passphrase, encrypt_book
from gigatracker.services.store.housekeeping import KEEP_BACKUPS, backups, closed_cleanly
from tests.support.books import dump

pytestmark = pytest.mark.sqlite_only("the files beside a book file")

PASSPHRASE = "Fourmi-Géante-31"


def small_book(path: Path, note: str = "Dupont") -> Path:
    with App.create(path, "EUR") as app:
        app.add_account("Foyer", "CTO", "EUR")
        app.add_transactions([Transaction(date(2025, 1, 2), "CTO", TxType.DEPOSIT, "EUR", amount=D(1000),
                                          note=note)])
    return path


def notes(path: Path, passphrase: str | None = None) -> list[str]:
    with Book.open(path, passphrase) as book, book.read() as conn:
        return [row[0] for row in conn.exec_driver_sql("SELECT note FROM transactions ORDER BY id")]


def leave_a_log(path: Path, note: str) -> None:
    """Write through plain SQLite and stop with the write still in the book's log (not folded in)."""
    script = (f"import os, sqlite3; c = sqlite3.connect({str(path)!r}, isolation_level=None);"
              "c.execute('PRAGMA wal_autocheckpoint=0');"
              f"c.execute(\"UPDATE transactions SET note = {note!r}\"); os._exit(0)")
    subprocess.run([sys.executable, "-c", script], check=True)
    assert Path(f"{path}-wal").stat().st_size > 0


def test_a_log_from_another_book_is_set_aside_not_folded_in(tmp_path, cli):
    mine, other = small_book(tmp_path / "mine.gtbook"), small_book(tmp_path / "other.gtbook", "other")
    leave_a_log(other, "written into the other book")
    shutil.copy(f"{other}-wal", f"{mine}-wal")  # a careless copy, or a hostile one

    status = cli.json("book", "status", "--book", mine)
    assert status["last_close"] == "clean"
    assert [(Path(x["path"]).name, x["next_open"]) for x in status["leftovers"]] == [("mine.gtbook-wal", "set aside")]
    assert Path(f"{mine}-wal").exists()  # status changes nothing

    result = cli("tx", "list", "--book", mine, "--format", "json")
    assert [tx["note"] for tx in json.loads(result.stdout)] == ["Dupont"]  # not the other book's write
    assert "set aside mine.gtbook-wal as mine.gtbook-wal.not-this-book-" in result.stderr
    [aside] = tmp_path.glob("mine.gtbook-wal.not-this-book-*")
    assert aside.read_bytes() == Path(f"{other}-wal").read_bytes()  # kept, named, never deleted
    assert not Path(f"{mine}-wal").exists() or Path(f"{mine}-wal").stat().st_size == 0
    assert cli.json("book", "status", "--book", mine)["leftovers"] == []


def test_a_crashed_sessions_own_log_is_folded_in(tmp_path):
    path = small_book(tmp_path / "b.gtbook")
    script = ("import os, sys; from gigatracker.services.store import Book;"
              f"book = Book.open({str(path)!r});"
              "conn = book.engine.raw_connection(); conn.driver_connection.execute('PRAGMA wal_autocheckpoint=0');"
              "conn.driver_connection.execute(\"UPDATE transactions SET note = 'committed, then the crash'\");"
              "os._exit(0)")  # dies holding the book: no close, its lock file keeps its pid
    subprocess.run([sys.executable, "-c", script], check=True)
    assert Path(f"{path}-wal").stat().st_size > 0
    assert not closed_cleanly(path)
    with Book.open(path) as book:
        assert book.notices == []
    assert notes(path) == ["committed, then the crash"]
    assert not list(tmp_path.glob("*not-this-book*"))


def test_a_close_that_leaves_a_log_does_not_call_itself_clean(tmp_path):
    path = small_book(tmp_path / "b.gtbook")
    book = Book.open(path)
    reader = sqlite3.connect(path)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM transactions").fetchone()  # a read still open elsewhere
    with book.write() as conn:
        conn.exec_driver_sql("UPDATE transactions SET note = 'after the read began'")
    book.close()
    assert not closed_cleanly(path)  # its log is trusted at the next open
    reader.rollback()
    reader.close()
    assert notes(path) == ["after the read began"]
    assert closed_cleanly(path)


def test_a_readable_copy_of_an_encrypted_book_is_encrypted_at_the_next_open(tmp_path, cli):
    path = small_book(tmp_path / "b.gtbook", note="confidentiel Dupont")
    with Book.open(path) as book:  # what an earlier version left when encrypting: a plaintext backup
        old = book.backup(tmp_path / "b.gtbook-before-encryption-20250101T000000000000.bak")
    encrypt_book(path, PASSPHRASE)
    assert b"confidentiel Dupont" in old.read_bytes()

    status = cli.json("book", "status", "--book", path)
    assert status["schema"] is None and status["encrypted"]  # no passphrase given: said, not guessed
    assert {(Path(x["path"]).name, x["next_open"]) for x in status["leftovers"]} == {(old.name, "re-encrypt")}

    with Book.open(path, PASSPHRASE) as book:
        assert any(line.startswith(f"encrypted {old.name} with the book's passphrase") for line in book.notices)
    assert is_encrypted(old) and b"confidentiel Dupont" not in old.read_bytes()
    assert oct(old.stat().st_mode & 0o777) == "0o600"
    assert notes(old, PASSPHRASE) == ["confidentiel Dupont"]  # still the book as it was, now unreadable
    with Book.open(path, PASSPHRASE) as book:
        assert book.notices == []


def test_a_backup_killed_while_written_in_place_is_removed(tmp_path):
    path = small_book(tmp_path / "b.gtbook")
    half = tmp_path / "b.gtbook-before-schema-0006-20250101T000000000000.bak"
    half.write_bytes(b"SQLite format 3\0" + b"\0" * 4000)
    Path(f"{half}-journal").write_bytes(b"\0" * 512)
    with Book.open(path) as book:
        assert book.notices == [f"removed {half.name}: a backup interrupted while it was written (its journal "
                                "is beside it)"]
    assert not half.exists() and not Path(f"{half}-journal").exists()


def test_backups_are_kept_to_the_last_three(tmp_path, cli):
    path = small_book(tmp_path / "b.gtbook")
    encrypt_book(path, "passphrase 0")
    for n in range(1, 5):
        change_passphrase(path, f"passphrase {n - 1}", f"passphrase {n}")
        time.sleep(0.01)
    kept = backups(path)
    assert len(kept) == KEEP_BACKUPS
    assert [b.label for b in kept] == ["before-new-passphrase"] * 3
    assert dump(kept[-1].path, "passphrase 3") == dump(path, "passphrase 4")  # the newest are the ones kept
    # Older ones (from an earlier version, which kept them all) are pruned at the next open, and named.
    for stamp in ("20240101T000000000000", "20240201T000000000000"):
        shutil.copy(kept[0].path, tmp_path / f"b.gtbook-before-schema-0005-{stamp}.bak")
    with Book.open(path, "passphrase 4") as book:
        assert len([n for n in book.notices if n.startswith("removed the old backup")]) == 2
    assert [b.path for b in backups(path)] == [b.path for b in kept]


def test_book_status_names_the_lock_holder_and_backups(tmp_path, cli):
    path = small_book(tmp_path / "b.gtbook")
    with Book.open(path) as book:
        backup = book.backup(book._backup_path("before-schema-0006"))
    holder = subprocess.Popen([sys.executable, "-c", f"import time; from gigatracker.services.store import Book; "
                               f"b = Book.open({str(path)!r}); print('open', flush=True); time.sleep(60)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        status = cli.json("book", "status", "--book", path)
        assert status["open_by"]["pid"] == holder.pid and status["last_close"] == "open now"
        assert status["schema_state"] == "current" and not status["encrypted"] and status["size"] > 0
        text = cli("book", "status", "--book", path).stdout
        assert f"open by:    process {holder.pid} on " in text and "leftovers:  none" in text
        assert f"backups:    1 (GigaTracker keeps the last 3)\n  {backup.name}  " in text
    finally:
        holder.kill()
        holder.wait()
    status = cli.json("book", "status", "--book", path)
    assert status["open_by"] is None and status["last_close"].startswith("interrupted")
    assert [Path(b["path"]) for b in status["backups"]] == [backup] and status["backups"][0]["label"] == \
        "before-schema-0006"
