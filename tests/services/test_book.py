"""The book file: durable pragmas, exact storage, locking across processes, corruption, versions, upgrades."""
import sqlite3
import subprocess
import sys
import textwrap

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory

from gigatracker.services.store import Book, BookCorruptError, BookLockedError, BookTooNewError
from gigatracker.services.store.book import MIGRATIONS_DIR, upgrade_schema
from gigatracker.services.store.migrations import KNOWN_REVISIONS, SCHEMA_HEAD
from gigatracker.services.store.repository import add_account, load_accounts
from tests.support.books import add_account_as_schema_0001

pytestmark = pytest.mark.sqlite_only("opening, locking, upgrading and backing up a book file")


def book_at(path, revision: str) -> Book:
    """A new book at an older schema revision, locked and open, as that GigaTracker left it."""
    from gigatracker.services.store.book import BookLock, _make_engine
    lock = BookLock(path)
    lock.acquire()
    book = Book(path, _make_engine(path), lock)
    upgrade_schema(book, revision)
    return book


def test_known_revisions_match_alembic():
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(config)
    assert SCHEMA_HEAD == script.get_current_head()
    assert set(KNOWN_REVISIONS) == {rev.revision for rev in script.walk_revisions()}


def test_pragmas_and_no_real_columns(tmp_path):
    with Book.create(tmp_path / "b.gtbook", "EUR") as book:
        raw = book.engine.raw_connection()
        try:
            conn = raw.driver_connection
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
            assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
            tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
            types = {t: {r[2].upper() for r in conn.execute(f"PRAGMA table_info({t})")} for t in tables}
        finally:
            raw.close()
    assert not any(kind in {"REAL", "FLOAT", "DOUBLE", "NUMERIC"} for kinds in types.values() for kind in kinds)


def test_second_process_gets_a_clear_error(tmp_path, cli):
    path = tmp_path / "b.gtbook"
    Book.create(path, "EUR").close()
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, socket
        from gigatracker.services.store import Book
        book = Book.open({str(path)!r})
        print(socket.gethostname(), flush=True)
        sys.stdin.read()
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        host = holder.stdout.readline().strip()
        result = cli("holdings", "--book", path, ok=False)
        assert result.stderr.strip() == (f"gigatracker: error: {path}: book is open in process {holder.pid} "
                                         f"on {host}; close it there first")
        with pytest.raises(BookLockedError):
            Book.open(path)
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    Book.open(path).close()  # released when the other process ends


def test_lock_is_released_when_the_holder_is_killed(tmp_path):
    path = tmp_path / "b.gtbook"
    Book.create(path, "EUR").close()
    holder = subprocess.Popen([sys.executable, "-c", f"from gigatracker.services.store import Book; "
                               f"b = Book.open({str(path)!r}); print('ok', flush=True); import time; time.sleep(60)"],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "ok"
    holder.kill()
    holder.wait()
    Book.open(path).close()


def test_corrupt_book_is_refused_clearly(tmp_path, cli):
    path = tmp_path / "b.gtbook"
    with Book.create(path, "EUR") as book, book.write() as conn:
        for i in range(300):
            add_account(conn, "P", f"account {i} " + "x" * 200, "EUR", "fifo")
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 2, len(data) - 4096, 4096):  # scribble over the start of every page but the first
        data[offset:offset + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    with pytest.raises(BookCorruptError, match="damaged"):
        Book.open(path)
    result = cli("holdings", "--book", path, ok=False)
    assert "the book is damaged" in result.stderr and "restore it from a backup" in result.stderr


def test_the_page_scan_runs_unless_the_book_is_as_our_last_clean_close_left_it(tmp_path, monkeypatch):
    """quick_check reads every page (0.16 s at 100k transactions): it is skipped only for a book nothing has
    touched since a clean close of ours, and runs after a crash, a change by anything else, an old record."""
    from gigatracker.services.store import book as book_module
    scans = []
    check = book_module._check_integrity
    monkeypatch.setattr(book_module, "_check_integrity",
                        lambda path, key=None, *, scan=True: scans.append(scan) or check(path, key, scan=scan))
    path = tmp_path / "b.gtbook"
    with Book.create(path, "EUR") as book, book.write() as conn:
        add_account(conn, "P", "CTO", "EUR", "fifo")
    Book.open(path).close()
    Book.open(path).close()
    assert scans == [False, False]

    with sqlite3.connect(path) as raw:  # another program writes to it while it is closed
        raw.execute("UPDATE accounts SET name = 'PEA'")
    raw.close()
    Book.open(path).close()
    assert scans[-1] is True

    crash = (f"from gigatracker.services.store import Book; book = Book.open({str(path)!r}); "
             "import os; os._exit(0)")  # dies with the book open
    subprocess.run([sys.executable, "-c", crash], check=True)
    Book.open(path).close()
    assert scans[-1] is True

    Book.open(path).close()
    (tmp_path / "b.gtbook.lock").write_bytes(b'{"closed": "clean"}')  # what earlier versions recorded
    Book.open(path).close()
    assert scans[-2:] == [False, True]


def test_not_a_database(tmp_path, cli):
    path = tmp_path / "b.gtbook"
    path.write_bytes(b"this is not sqlite" * 300)
    assert "damaged or not a GigaTracker book" in cli("holdings", "--book", path, ok=False).stderr


def test_newer_book_is_refused(tmp_path, cli):
    path = tmp_path / "b.gtbook"
    Book.create(path, "EUR").close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
        conn.execute("UPDATE book_meta SET value = '9.0.0' WHERE key = 'app_version'")
    with pytest.raises(BookTooNewError):
        Book.open(path)
    stderr = cli("holdings", "--book", path, ok=False).stderr
    assert "written by a newer GigaTracker (version 9.0.0, schema 0099)" in stderr
    assert "Update GigaTracker" in stderr


def test_upgrade_takes_a_backup_first_and_keeps_data(tmp_path):
    path = tmp_path / "old.gtbook"
    old = book_at(path, "0001")  # as an older GigaTracker would have left it
    with old.write() as conn:
        add_account_as_schema_0001(conn, "P", "CTO", "EUR")
    old.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"

    with Book.open(path) as book:
        [backup] = book.backups
        assert backup.name.startswith(f"old.gtbook-before-schema-{SCHEMA_HEAD}-")
        with book.read() as conn:
            assert [a.name for a in load_accounts(conn)] == ["CTO"]
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == SCHEMA_HEAD
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
        assert conn.execute("SELECT name FROM accounts").fetchall() == [("CTO",)]


def test_failed_migration_rolls_back_ddl(tmp_path, monkeypatch):
    """A migration that dies halfway leaves the schema exactly as it was (DDL is inside the transaction)."""
    path = tmp_path / "old.gtbook"
    old = book_at(path, "0001")
    import alembic.op
    real_create = alembic.op.create_table
    calls = []

    def failing_create(name, *columns, **kw):
        calls.append(name)
        if name == "prices":
            raise RuntimeError("power cut")
        return real_create(name, *columns, **kw)

    monkeypatch.setattr(alembic.op, "create_table", failing_create)
    with pytest.raises(RuntimeError):
        upgrade_schema(old, "head")
    old.close()
    assert calls == ["securities", "prices"]  # 0002 failed half-way, after creating securities
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "securities" not in tables
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"


def test_upgrade_to_the_return_types_keeps_rows_keys_and_indexes_and_checks_types(tmp_path):
    """0006 copies the transactions table to add a CHECK on its type: every row, the unique import key
    and the indexes survive, and from then on the book itself refuses a type it does not know."""
    path = tmp_path / "old.gtbook"
    old = book_at(path, "0005")
    with old.write() as conn:
        add_account(conn, "P", "CTO", "EUR", "fifo")
        conn.exec_driver_sql("INSERT INTO transactions (account_id, date, type, amount, fees, taxes, currency, note, "
                             "import_key) VALUES (1, '2024-01-02', 'DEPOSIT', '100', '0', '0', 'EUR', 'x', '" + "ab" * 32 + "')")
    old.close()

    def indexes(conn):
        return sorted(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' "
                                                 "AND tbl_name = 'transactions'"))
    with sqlite3.connect(path) as conn:
        before = indexes(conn)
    with Book.open(path):
        pass
    with sqlite3.connect(path) as conn:
        assert indexes(conn) == before
        assert conn.execute("SELECT type, amount, note, import_key FROM transactions").fetchall() == [
            ("DEPOSIT", "100", "x", b"\xab" * 16)]  # the key halved by 0008
        for kind, key, why in (("TAX_REFUND", b"k2", None), ("BOGUS", b"k3", "CHECK constraint failed"),
                               ("DEPOSIT", b"\xab" * 16, "UNIQUE constraint failed")):
            try:
                conn.execute("INSERT INTO transactions (account_id, date, type, amount, fees, taxes, currency, note, "
                             "import_key) VALUES (1, '2024-01-03', ?, '5', '0', '0', 'EUR', '', ?)", (kind, key))
            except sqlite3.IntegrityError as error:
                assert why and why in str(error)
            else:
                assert why is None
