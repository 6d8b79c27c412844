"""The same tests on PostgreSQL: `pytest --book-engine=postgresql` runs them with every book a test creates
at a file path made in a fresh database of the test server instead (tests/support/postgres.py), so the
store, import and ledger tests written for book files exercise a shared book (server_book.py) for real.

The path stays the test's name for its book: an empty file is left there (so `exists()` answers as for a
book), `Book.open` and `Book.create` of that path reach the database, and `books.dump` dumps the database.
Only tests that treat a book as a book (not as a SQLite file: locks, pages, encryption, backups) are run
this way (.ci/run names them)."""
from __future__ import annotations

from pathlib import Path

from gigatracker.services.store import Book, BookError, is_server_url

_databases: dict[str, str] = {}  # a test's book path -> the URL of the database standing for it


def database_for(path) -> str | None:
    if is_server_url(path):
        return None
    return _databases.get(str(Path(path).absolute()))


def install(monkeypatch, cluster) -> None:
    create, open_ = Book.create.__func__, Book.open.__func__

    def create_on_server(cls, path, base_currency, passphrase=None):
        if passphrase or is_server_url(path):
            return create(cls, path, base_currency, passphrase)
        path = Path(path)
        if path.exists():
            raise BookError(f"{path}: a file is already there; choose another name")
        url = cluster.fresh_database()
        book = create(cls, url, base_currency)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
        _databases[str(path.absolute())] = url
        book.path = path  # what the test knows its book by (`dump(app.book.path)`); a real one has none
        return book

    def open_on_server(cls, path, passphrase=None):
        url = database_for(path)
        if url is None:
            return open_(cls, path, passphrase)
        book = open_(cls, url, passphrase)
        book.path = Path(path)
        return book

    monkeypatch.setattr(Book, "create", classmethod(create_on_server))
    monkeypatch.setattr(Book, "open", classmethod(open_on_server))


def dump(url: str) -> list[str]:
    """Every row of every table of the book, as lines (sorted, as books.dump sorts a file's)."""
    from sqlalchemy import create_engine, inspect, text
    from sqlalchemy.pool import NullPool
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1), poolclass=NullPool)
    try:
        with engine.connect() as conn:
            lines = []
            for table in sorted(inspect(conn).get_table_names()):
                if table.startswith("ledger_"):
                    continue  # the kept state and its stamp: derived from the transactions (see books.py)
                lines += [f"{table}: {tuple(row)}" for row in conn.execute(text(f'SELECT * FROM "{table}"'))]
            return sorted(lines)
    finally:
        engine.dispose()
