"""Opening a book: lock, key (encrypted books), integrity check, version check, backup, Alembic upgrade,
durable pragmas.

Every write is one `BEGIN IMMEDIATE` transaction (`Book.write()`); reads use a deferred `BEGIN`
(`Book.read()`). The DBAPI connection runs with isolation_level=None so that SQLAlchemy's BEGIN is the
real one and DDL in migrations is transactional too (Python 3.11's sqlite3 would otherwise commit
before DDL on its own).
"""
from __future__ import annotations

import getpass
import logging
import os
import sqlite3
import uuid
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator, TypeVar

import platformdirs
from sqlalchemy import Connection, create_engine, event, inspect, select
from sqlalchemy.pool import NullPool

from ... import __version__
from . import cipher, housekeeping
from .cipher import BookKey
from .lock import BookLock, LockHeld, file_state
from .migrations import KNOWN_REVISIONS, SCHEMA_HEAD
from .outputs import OutputError, check_sqlite_copy, output_file
from .schema import book_meta

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
log = logging.getLogger(__name__)
T = TypeVar("T")
BOOK_SUFFIX = ".gtbook"


class BookError(Exception):
    """A book that cannot be opened or written; the message is meant for the user as it is."""


class BookNotFoundError(BookError):
    pass


class BookLockedError(BookError):
    pass


class BookCorruptError(BookError):
    pass


class BookTooNewError(BookError):
    pass


class BookPassphraseError(BookError):
    """An encrypted book opened without its passphrase (`missing`) or with a wrong one."""

    def __init__(self, message: str, *, missing: bool = False):
        super().__init__(message)
        self.missing = missing


def is_server_url(text: object) -> bool:
    """A book given as a database URL rather than a file (the CLI's --book takes either)."""
    return isinstance(text, str) and text.lower().startswith(("postgresql://", "postgres://", "postgresql+psycopg://"))


def default_book_path() -> Path:
    return Path(platformdirs.user_data_dir("gigatracker", appauthor=False)) / "books" / f"default{BOOK_SUFFIX}"


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in the environment or the password database
        return "this computer"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Book:
    """An open book. Use as a context manager, or call close()."""

    shared = False  # True: other processes write it too (a book on a database server)

    def __init__(self, path: Path, engine, lock: BookLock, key: BookKey | None = None):
        self.path: Path | None = path  # None: a book on a database server (server_book.ServerBook)
        self.engine = engine
        self._lock = lock
        self.key = key  # None: a plain book
        self.backups: list[Path] = []  # backups taken at this open (before a schema upgrade)
        self.notices: list[str] = []  # what this open did beside the book (housekeeping), for the user

    @property
    def restricted(self) -> bool:
        """This login sees only the clients assigned to it (a shared book's adviser or assistant)."""
        return False

    @property
    def user(self) -> str:
        """Who writes: this computer's login (a shared book: the database login)."""
        return _login()

    @property
    def name(self) -> str:
        """What the book is called in a title or a message: its file's name, or its database's."""
        return self.file.name

    @property
    def short_name(self) -> str:
        """For a narrow place (the window's header): the file's name without its suffix, or the database's."""
        return self.file.stem

    @property
    def location(self) -> str:
        """Where it is, for messages: its file's path, or its database's URL (never with a password)."""
        return str(self.file)

    @property
    def file(self) -> Path:
        """The book's file; a shared book (on a database server) has none."""
        if self.path is None:
            raise BookError(f"{self.location}: a shared book is not a file (its server keeps it)")
        return self.path

    # -- opening ----------------------------------------------------------------------------------
    @classmethod
    def create(cls, path: Path | str, base_currency: str, passphrase: str | None = None) -> "Book":
        """A new book; with a passphrase, encrypted (SQLCipher). A postgresql:// URL: a book in that
        (empty) database (server_book.py)."""
        if is_server_url(path):
            if passphrase:
                raise BookError("a shared book is guarded by its server (logins, TLS), not by a passphrase")
            from .server_book import ServerAddress, ServerBook
            return ServerBook.create_at(ServerAddress.parse(str(path)), base_currency)
        path = Path(path)
        if path.exists():
            raise BookError(f"{path}: a file is already there; choose another name")
        path.parent.mkdir(parents=True, exist_ok=True)
        # Readable by its owner only: SQLite gives its journal files the book's own mode.
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        try:
            book = cls._open(path, creating=True, key=cipher.new_key(passphrase) if passphrase else None)
        except BaseException:
            if path.stat().st_size == 0:  # nothing was made: leave no empty file behind
                path.unlink()
            raise
        book._write_identity(base_currency)
        return book

    def _write_identity(self, base_currency: str) -> None:
        """A new book's id, base currency and birth date."""
        with self.write() as conn:
            conn.execute(book_meta.insert(), [
                {"key": "book_id", "value": str(uuid.uuid4())},
                {"key": "base_currency", "value": base_currency},
                {"key": "created_at", "value": _now()},
            ])

    @classmethod
    def open(cls, path: Path | str, passphrase: str | None = None) -> "Book":
        """Open a book; an encrypted one needs its passphrase (a plain one ignores it). A postgresql://
        URL: the book in that database (server_book.py)."""
        if is_server_url(path):
            from .server_book import ServerAddress, ServerBook
            return ServerBook.open_at(ServerAddress.parse(str(path)))
        path = Path(path)
        if not path.is_file():
            raise BookNotFoundError(f"{path}: no book there (create one with `gigatracker init --book {path}`)")
        if path.stat().st_size == 0:  # SQLite would make a new database in it: never write into what is not a book
            raise BookCorruptError(f"{path}: the file is empty: not a GigaTracker book (nothing was written)")
        key = None
        if cipher.is_encrypted(path):
            if not passphrase:
                raise BookPassphraseError(f"{path}: the book is encrypted; its passphrase is needed "
                                          "(--passphrase-stdin)", missing=True)
            key = cipher.key_for(path, passphrase)
        return cls._open(path, creating=False, key=key)

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    @classmethod
    def _open(cls, path: Path, *, creating: bool, key: BookKey | None = None) -> "Book":
        path = _real_name(path)
        lock = BookLock(path)
        try:
            lock.acquire()
        except LockHeld as held:
            raise BookLockedError(f"{path}: book is open in process {held.pid} on {held.host}; "
                                  "close it there first") from None
        try:
            notices = housekeeping.set_aside_stray_log(path, clean_close=lock.last_close.clean)
            if not creating:  # the scan is skipped for a book as the last clean close left it (nothing since)
                _check_integrity(path, key, scan=not lock.last_close.left_untouched(path))
            notices += housekeeping.tidy(path, key)
            engine = _make_engine(path, key)
            book = cls(path, engine, lock, key)
            book.notices = notices
            book._migrate(creating)
            log.info("%s %s (%s)", "created" if creating else "opened", path, "encrypted" if key else "plain")
            return book
        except BaseException:
            lock.release()
            raise

    def _migrate(self, creating: bool) -> None:
        current = self._schema_revision()
        if current is None and not creating:
            raise BookCorruptError(f"{self.path}: not a GigaTracker book (no schema version)")
        if current is not None and current not in KNOWN_REVISIONS:
            raise self._too_new(current)
        if current == SCHEMA_HEAD:
            return
        if current is not None:
            self.backups.append(self.backup(self._backup_path(f"before-schema-{SCHEMA_HEAD}")))
            self.notices += [f"removed the old backup {p.name} (the last {housekeeping.KEEP_BACKUPS} are kept)"
                             for p in housekeeping.prune_backups(self.file)]
        upgrade_schema(self, "head")

    def _too_new(self, current: str | None) -> BookTooNewError:
        return BookTooNewError(
            f"{self.location}: this book was written by a newer GigaTracker "
            f"(version {self._meta_unchecked('app_version') or '?'}, schema {current}); "
            f"this is {__version__} (schema {SCHEMA_HEAD}). Update GigaTracker to open it.")

    def _schema_revision(self) -> str | None:
        with self.read() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()

    def _meta_unchecked(self, key: str) -> str | None:
        try:
            with self.read() as conn:
                return conn.execute(select(book_meta.c.value).where(book_meta.c.key == key)).scalar()
        except Exception:  # noqa: BLE001 - only used to enrich an error message
            return None

    # -- transactions -----------------------------------------------------------------------------
    @contextmanager
    def write(self, *, wait: bool = True) -> Iterator[Connection]:
        """One write transaction (BEGIN IMMEDIATE): commits on success, rolls back on any exception.
        `wait=False`: if another write is under way, fail at once (sqlite3.OperationalError) rather than
        wait for it (for work that only saves time later, such as keeping the ledger's state)."""
        with self.engine.connect() as conn:
            if not wait:  # this connection only (each use opens its own)
                conn.connection.driver_connection.execute("PRAGMA busy_timeout = 0")
            conn = conn.execution_options(gt_begin="BEGIN IMMEDIATE")
            with conn.begin():
                conn.info["author"] = (self.user, _now())  # the rows it writes say who and when
                yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A consistent read snapshot (WAL lets it run beside the writer)."""
        with self.engine.connect() as conn:
            with conn.begin():
                yield conn

    # -- metadata ---------------------------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        with self.read() as conn:
            return conn.execute(select(book_meta.c.value).where(book_meta.c.key == key)).scalar()

    @property
    def base_currency(self) -> str:
        return self.meta("base_currency") or "EUR"

    # -- maintenance ------------------------------------------------------------------------------
    def backup(self, out: Path | str) -> Path:
        """A consistent copy of the whole book (VACUUM INTO), safe while the book is in use; written under a
        temporary name, checked, then renamed (services/store/outputs.py)."""
        out = Path(out)
        try:
            with output_file(out, book=self.path, replace=False) as temporary:
                raw = self.engine.raw_connection()
                try:
                    if self.key is None:
                        raw.driver_connection.execute("VACUUM INTO ?", (str(temporary),))
                    else:  # encrypted with the same key and salt: the backup opens with the same passphrase
                        cipher.export(raw.driver_connection, temporary, self.key)
                finally:
                    raw.close()
                check_sqlite_copy(temporary, None if self.key is None else
                                  lambda name: cipher.connect(name, self.key, isolation_level=None))
        except OutputError as error:
            raise BookError(str(error)) from None
        return out

    def image(self) -> bytes:
        """A consistent copy of a plain book as bytes, made in memory (sqlite3's online backup): sealing
        it into an encrypted backup never puts a readable copy on disk."""
        if self.key is not None:
            raise BookError("an encrypted book is copied with backup(), under its own key")
        raw = self.engine.raw_connection()
        memory = sqlite3.connect(":memory:")
        try:
            raw.driver_connection.backup(memory)
            return memory.serialize()
        finally:
            memory.close()
            raw.close()

    def _backup_path(self, label: str) -> Path:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
        return self.file.with_name(f"{self.file.name}-{label}-{stamp}.bak")

    def drop_book(self) -> None:
        raise BookError(f"{self.location}: a book file is removed as a file")

    # -- other writers (a shared book's; a file has none: one process at a time) ----------------------
    def announce(self, parts: tuple[str, ...]) -> None:
        """Tell the book's other desks what a write changed: none for a file."""

    def follow(self, on_change: Callable[[tuple[str, ...] | None], None]) -> None:
        """Hear the other desks' writes: none for a file."""

    def integrity_check(self) -> str:
        raw = self.engine.raw_connection()
        try:
            return raw.driver_connection.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            raw.close()

    def close(self) -> None:
        self.engine.dispose()
        try:
            clean = housekeeping.fold_log(self.file, self.key)
        except Exception:  # noqa: BLE001 - a log left behind is trusted at the next open: nothing is lost
            clean = False
        self._lock.release(clean=clean, book_file=file_state(self.file) if clean else None)

    def __enter__(self) -> "Book":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def create_whole(target: Path | str, base_currency: str, fill: Callable[[Book], T]) -> T:
    """A new book at `target` filled by `fill(book)`, all or nothing; returns what `fill` returned (the book
    is closed). A file is made beside its name and renamed into place once filled, so a failure leaves no
    file; a database (an empty one: Book.create refuses any other) is emptied again."""
    if is_server_url(target):
        book = Book.create(target, base_currency)
        try:
            result = fill(book)
        except BaseException:
            book.drop_book()
            book.close()
            raise
        book.close()
        return result
    path = Path(target)
    if path.exists():
        raise BookError(f"{path}: a file is already there; choose another name")
    draft = path.with_name(path.name + ".draft")
    leftovers = [draft.with_name(draft.name + suffix) for suffix in ("", "-wal", "-shm", ".lock")]
    for leftover in leftovers:  # of an earlier attempt that crashed
        leftover.unlink(missing_ok=True)
    book = Book.create(draft, base_currency)
    try:
        result = fill(book)
    except BaseException:
        book.close()
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
        raise
    book.close()
    draft.replace(path)
    leftovers[-1].unlink(missing_ok=True)  # the draft's lock file
    return result


def upgrade_schema(book: Book, revision: str) -> None:
    """Run Alembic up to `revision` in one BEGIN IMMEDIATE transaction (DDL included)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with book.write() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
        set_meta(conn, "app_version", __version__)


def _real_name(path: Path) -> Path:
    """The book's own name: symlinks resolved, so that its lock, journal and backups sit beside the file
    itself. A file with several hard links is refused: two names would give two locks and two journals for
    one file, and writes through one could be lost by the other."""
    real = path.resolve()
    if real.exists():
        links = real.stat().st_nlink
        if links > 1:
            raise BookError(f"{path}: this book file has {links} names (hard links); GigaTracker opens a book "
                            "through one name only — remove the other links (or copy the file) first")
    return real


def set_meta(conn: Connection, key: str, value: str) -> None:
    conn.execute(book_meta.delete().where(book_meta.c.key == key))
    conn.execute(book_meta.insert().values(key=key, value=value))


def _check_integrity(path: Path, key: BookKey | None = None, *, scan: bool = True) -> None:
    """The book opens (and an encrypted one's key is right); with `scan`, SQLite's quick_check of every page
    too (0.16 s for a 100k-transaction book): at the first open after anything but our own clean close."""
    try:
        raw = cipher.connect(f"file:{path}?mode=rw", key, uri=True, isolation_level=None)
    except sqlite3.DatabaseError as error:
        raise BookCorruptError(f"{path}: the book cannot be opened ({error})") from None
    try:
        try:
            raw.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the key is checked by the first read
        except cipher.dbapi(key).DatabaseError as error:
            if key is not None:
                raise BookPassphraseError(f"{path}: wrong passphrase (or the encrypted book is damaged)") from None
            raise BookCorruptError(f"{path}: the book is damaged or not a GigaTracker book ({error}); "
                                   "restore it from a backup") from None
        if not scan:
            return
        try:
            result = raw.execute("PRAGMA quick_check").fetchall()
        except cipher.dbapi(key).DatabaseError as error:
            raise BookCorruptError(f"{path}: the book is damaged ({error}); restore it from a backup") from None
    finally:
        raw.close()
    if result != [("ok",)]:
        detail = "; ".join(row[0] for row in result[:3])
        raise BookCorruptError(f"{path}: the book is damaged (quick_check: {detail}); restore it from a backup")


def _make_engine(path: Path, key: BookKey | None = None):
    # NullPool: each use opens its own connection, so connections never leak across threads.
    if key is None:
        engine = create_engine(f"sqlite:///{path}", poolclass=NullPool,
                               connect_args={"check_same_thread": False, "timeout": 10})
    else:  # SQLCipher's DBAPI, keyed before any other statement
        engine = create_engine(
            "sqlite://", module=cipher.dbapi(key), poolclass=NullPool,
            creator=lambda: cipher.connect(str(path), key, check_same_thread=False, timeout=10))

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=10000"):
            dbapi_connection.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        conn.exec_driver_sql(conn.get_execution_options().get("gt_begin", "BEGIN"))

    return engine
