"""A book in a PostgreSQL database: the books an advisory firm shares (team mode). Same schema, same
migrations and the same reads and writes as a book file; what differs is how it is reached and guarded.

- Reached by a URL, `postgresql://user@host:port/database` (with `?sslmode=verify-full&sslrootcert=…` for
  TLS, passed to libpq as they are). The password is never in the URL kept anywhere: it comes from the OS
  keyring (`gigatracker book login`), else from libpq's own means (~/.pgpass, PGPASSWORD, a trusted
  socket). Messages and logs show the URL without any password.
- Writes take a transaction-level advisory lock first: one writer at a time per book, as SQLite's
  BEGIN IMMEDIATE gives for a file, so a write's checks (an oversell, a duplicate) see every write
  committed before it. Reads are REPEATABLE READ snapshots.
- No file lock, page scan or file backup: the server guards its pages, and backups are `pg_dump`'s.
- Live refresh: after each commit a desk announces what it changed (NOTIFY, the app's change names); a
  window follows the others' announcements (LISTEN, on a connection of its own) and refreshes what they
  name. The CLI announces its writes and follows nothing.
- Access per client: row-level security (migration 0010, services/store/team_access.py) shows an adviser
  or an assistant only the clients granted to them; such a login replays what it sees at each read and
  never reads nor keeps the ledger state the book keeps (the whole book's). A write its role or a policy
  refuses is a BookError saying so.
- A shared database is upgraded by one admin command (`gigatracker book upgrade`), never by whoever opens
  it first: an older schema is refused with that command named, a newer one with the version to install.
"""
from __future__ import annotations

import json
import logging
import threading
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from sqlalchemy import Connection, create_engine, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.pool import NullPool

from ... import __version__
from .book import Book, BookError, BookNotFoundError, _now, upgrade_schema
from .migrations import KNOWN_REVISIONS, SCHEMA_HEAD
from .schema import metadata

log = logging.getLogger(__name__)
WRITE_LOCK = 0x6774626B  # "gtbk": the advisory lock every write of a book takes
INSUFFICIENT_PRIVILEGE = "42501"  # a write the login's role or a row-level policy refuses
CHANNEL = "gigatracker_changes"  # what each write changed, for the other desks (LISTEN/NOTIFY)


class BookOutdatedError(BookError):
    """A shared book at an older schema: its admin upgrades it (`gigatracker book upgrade`)."""


@dataclass(frozen=True)
class ServerAddress:
    url: URL  # with the password if the user gave one on the command line (kept in memory only)

    @classmethod
    def parse(cls, text: str) -> "ServerAddress":
        try:
            url = make_url(text)
        except ArgumentError:
            raise BookError(f"'{_hidden(text)}' is not a database URL (postgresql://user@host:port/database)") from None
        if url.get_backend_name() != "postgresql" or not url.database:
            raise BookError(f"{_hidden(text)}: a shared book is a PostgreSQL database: "
                            "postgresql://user@host:port/database")
        return cls(url.set(drivername="postgresql+psycopg"))

    def with_password(self, password: str) -> "ServerAddress":
        return ServerAddress(self.url.set(password=password))

    @property
    def login(self) -> str:
        """user@host:port/database: what the keyring keeps the password under (no password in it)."""
        return f"{self.url.username or ''}@{self.url.host or 'localhost'}:{self.url.port or 5432}/{self.url.database}"

    @property
    def shown(self) -> str:
        return self.url.set(drivername="postgresql").render_as_string(hide_password=True)

    @property
    def name(self) -> str:
        return f"{self.url.database} on {self.url.host or 'localhost'}"

    def _with_secret(self) -> URL:
        """The URL with the keyring's password when none was typed into it."""
        if self.url.password is not None:
            return self.url
        from .. import secrets
        password = secrets.server_password(self.login)
        return self.url.set(password=password) if password else self.url

    def engine(self):
        # NullPool, as for files: each use opens its own connection, never shared across threads
        return create_engine(self._with_secret(), poolclass=NullPool, hide_parameters=True)

    def dsn(self) -> str:
        """For psycopg itself (the change listener's own connection)."""
        return self._with_secret().set(drivername="postgresql").render_as_string(hide_password=False)


def _hidden(text: str) -> str:
    try:
        return make_url(text).render_as_string(hide_password=True)
    except ArgumentError:
        return "the URL given"


class ServerBook(Book):
    """An open book in a PostgreSQL database (see the module's text)."""

    shared = True

    def __init__(self, address: ServerAddress, engine):
        self.path = None
        self.address = address
        self.engine = engine
        self.key = None
        self.backups: list[Path] = []
        self.notices: list[str] = []
        self.session = uuid.uuid4().hex  # this desk's, in its announcements (its own are not news to it)
        self._role: str | None = None  # the role writes act as while the schema is made (_as_schema_owner)
        self._restricted: bool | None = None
        self._listener: ChangeListener | None = None

    @property
    def name(self) -> str:
        return self.address.name

    @property
    def short_name(self) -> str:
        return str(self.address.url.database)

    @property
    def user(self) -> str:
        return self.address.url.username or super().user

    @property
    def location(self) -> str:
        return self.address.shown

    # -- opening ----------------------------------------------------------------------------------
    @classmethod
    def create_at(cls, address: ServerAddress, base_currency: str) -> "ServerBook":
        """A new book in an empty database (made by the firm's admin: docs/team.md)."""
        book = cls.connect(address)
        with book._closed_on_failure():
            with book.read() as conn:
                taken = [name for name in inspect(conn).get_table_names() if name in metadata.tables
                         or name == "alembic_version"]
            if taken:
                raise BookError(f"{address.shown}: the database already holds a book (or tables named as a book's: "
                                f"{', '.join(sorted(taken)[:3])}); open it, or create the book in an empty database")
            with book._as_schema_owner():
                upgrade_schema(book, "head")
            book._write_identity(base_currency)
        log.info("created %s", address.shown)
        return book

    @classmethod
    def open_at(cls, address: ServerAddress) -> "ServerBook":
        book = cls.connect(address)
        with book._closed_on_failure():
            current = book._schema_revision()
            if current is None:
                raise BookNotFoundError(f"{address.shown}: no book in this database (create one with "
                                        f"`gigatracker init --book {address.shown}`)")
            if current not in KNOWN_REVISIONS:
                raise book._too_new(current)
            if current != SCHEMA_HEAD:
                raise BookOutdatedError(f"{address.shown}: the book is at schema {current}, this GigaTracker "
                                        f"({__version__}) needs {SCHEMA_HEAD}: the firm's admin upgrades it once with "
                                        f"`gigatracker book upgrade --book {address.shown}` (after a pg_dump)")
        log.info("opened %s", address.shown)
        return book

    @classmethod
    def connect(cls, address: ServerAddress) -> "ServerBook":
        """The database, reached (or a BookError saying why not), whatever it holds."""
        engine = address.engine()
        try:
            engine.connect().close()
        except OperationalError as error:
            engine.dispose()
            reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
            raise BookError(f"{address.shown}: cannot connect ({reason})") from None
        return cls(address, engine)

    def upgrade(self) -> str | None:
        """Bring the schema to this version's (the admin's command); returns the revision it was at."""
        current = self._schema_revision()
        if current not in KNOWN_REVISIONS:
            raise self._too_new(current)
        if current != SCHEMA_HEAD:
            with self._as_schema_owner():
                upgrade_schema(self, "head")
        return current

    @contextmanager
    def _closed_on_failure(self) -> Iterator[None]:
        try:
            yield
        except BaseException:
            self.close()
            raise

    @contextmanager
    def _as_schema_owner(self) -> Iterator[None]:
        """Tables made meanwhile belong to the role that owns the schema, when this login is one of its
        members (team_setup.py: the firm's admins are), whichever admin creates or upgrades the book."""
        with self.engine.connect() as conn:
            owner = conn.exec_driver_sql(
                "SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = current_schema() "
                "AND nspowner::regrole::text <> current_user AND NOT starts_with(nspowner::regrole::text, 'pg_') "
                "AND pg_has_role(current_user, nspowner, 'MEMBER')").scalar()  # (pg_database_owner: none set)
        self._role = owner
        try:
            yield
        finally:
            self._role = None

    # -- transactions -----------------------------------------------------------------------------
    @contextmanager
    def write(self, *, wait: bool = True) -> Iterator[Connection]:
        """One write transaction, after every other write of this book (the advisory lock); `wait=False`:
        fail at once if another is under way."""
        with self.engine.connect() as conn:
            with conn.begin():
                if wait:
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
                elif not conn.exec_driver_sql(f"SELECT pg_try_advisory_xact_lock({WRITE_LOCK})").scalar():
                    raise BookError(f"{self.location}: another write is under way")
                conn.info["author"] = (self.user, _now())
                conn.info["restricted"] = self.restricted
                if self._role:  # making or upgrading the schema (_as_schema_owner)
                    conn.exec_driver_sql(f'SET LOCAL ROLE "{self._role}"')
                try:
                    yield conn
                except DBAPIError as error:
                    if getattr(error.orig, "sqlstate", None) == INSUFFICIENT_PRIVILEGE:
                        raise BookError(f"{self.location}: {self.user} may not change this (read-only access, or "
                                        "a client not assigned to this login: the firm's admin grants access with "
                                        "`gigatracker team grant`)") from None
                    raise

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                conn.info["restricted"] = self.restricted
                yield conn

    @property
    def restricted(self) -> bool:
        """This login sees only the clients assigned to it (row-level security applies to it)."""
        if self._restricted is None:
            with self.engine.connect() as conn:
                found = conn.exec_driver_sql("SELECT CASE WHEN to_regclass('transactions') IS NULL THEN NULL "
                                             "ELSE row_security_active('transactions') END").scalar()
            if found is None:  # no book yet (being made): ask again once it is
                return False
            self._restricted = bool(found)
        return self._restricted

    # -- maintenance ------------------------------------------------------------------------------
    def backup(self, out: Path | str) -> Path:
        raise BookError(f"{self.location}: a shared book is backed up on its server, with pg_dump (docs/team.md)")

    def image(self) -> bytes:
        raise BookError(f"{self.location}: a shared book is backed up on its server, with pg_dump (docs/team.md)")

    def integrity_check(self) -> str:
        """Every table of the schema can be read (the server checks its own pages)."""
        with self.read() as conn:
            for table in metadata.sorted_tables:
                conn.execute(table.select().limit(1)).all()
        return "ok"

    def drop_book(self) -> None:
        """Remove everything of a book from its database: only after a failed copy into it (it was empty)."""
        with self.write() as conn:
            for table in reversed(metadata.sorted_tables):  # CASCADE: with the policies that name them
                conn.exec_driver_sql(f'DROP TABLE IF EXISTS "{table.name}" CASCADE')
            conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
            conn.exec_driver_sql("DROP FUNCTION IF EXISTS ledger_stamp_bump()")

    # -- live refresh ---------------------------------------------------------------------------------
    def announce(self, parts: tuple[str, ...]) -> None:
        """Tell every desk that follows this book what a committed write changed (the app's change names).
        After the commit, in a transaction of its own: a failure here loses no data, only a refresh."""
        payload = json.dumps({"parts": list(parts), "from": self.session})
        try:
            with self.engine.connect() as conn, conn.begin():
                conn.execute(text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": payload})
        except Exception as error:  # noqa: BLE001 - the write is committed; the others refresh at their next read
            log.warning("%s: other desks were not told of a change (%s)", self.location, type(error).__name__)

    def follow(self, on_change: Callable[[tuple[str, ...] | None], None]) -> None:
        """Call `on_change(parts)` for each write another desk commits, from a thread of its own, until
        close(). After a lost connection it reconnects and calls `on_change(None)`: what it missed is unknown."""
        if self._listener is None:
            self._listener = ChangeListener(self.address, self.session, on_change)

    def close(self) -> None:
        if self._listener is not None:
            self._listener.stop()
            self._listener = None
        self.engine.dispose()


class ChangeListener:
    """LISTEN on a connection of its own, in a daemon thread; each announcement from another session is
    handed to `on_change`. Reconnects with a growing pause (0.5 s to 30 s) when the server goes away."""

    def __init__(self, address: ServerAddress, session: str, on_change: Callable[[tuple[str, ...] | None], None]):
        self._address, self._session, self._on_change = address, session, on_change
        self._stop = threading.Event()
        self.listening = threading.Event()  # set once LISTEN is in place (tests wait for it)
        self._thread = threading.Thread(target=self._run, name="gigatracker-listen", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)

    def _run(self) -> None:
        import psycopg
        pause, first = 0.5, True
        while not self._stop.is_set():
            try:
                with psycopg.connect(self._address.dsn(), autocommit=True, connect_timeout=10) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self.listening.set()
                    if not first:
                        self._on_change(None)  # what changed while away is not known: all of it may have
                    first, pause = False, 0.5
                    while not self._stop.is_set():
                        for note in conn.notifies(timeout=0.5):
                            self._heard(note.payload)
            except Exception as error:  # noqa: BLE001 - the server went away, or a listener failed: retry
                self.listening.clear()
                log.info("listening for other desks' changes stopped (%s); again in %.1f s", type(error).__name__,
                         pause)
                self._stop.wait(pause)
                pause = min(pause * 2, 30.0)

    def _heard(self, payload: str) -> None:
        try:
            said = json.loads(payload)
            parts = tuple(str(part) for part in said["parts"])
        except (ValueError, KeyError, TypeError):
            return  # not ours (another program on the channel)
        if said.get("from") != self._session:
            self._on_change(parts)
