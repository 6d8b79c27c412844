"""What tests compare a book file by: its full SQL dump (a refused change must leave it identical).
An encrypted book is dumped through SQLCipher with its passphrase.

The rows of the ledger's kept state (ledger_stamp, ledger_state, ledger_holdings…) are left out: they are
derived from the transactions, rewritten by a read that replays, and checked on their own
(tests/services/test_kept_ledger.py, `book check`). Their tables and triggers stay in the dump."""
import re
import sqlite3
from pathlib import Path

_KEPT_ROW = re.compile(r'^INSERT INTO "ledger_')


def dump(path, passphrase: str | None = None) -> list[str]:
    from tests.support import engines
    url = engines.database_for(path)
    if url is not None:  # --book-engine=postgresql: the database standing for the test's book
        return engines.dump(url)
    if passphrase is None:
        with sqlite3.connect(path) as conn:
            return _without_kept_state(conn.iterdump())
    from sqlite3.dump import _iterdump  # the function behind Connection.iterdump, which SQLCipher's lacks

    from gigatracker.services.store import cipher
    conn = cipher.connect(str(path), cipher.key_for(Path(path), passphrase))
    try:
        return _without_kept_state(_iterdump(conn))
    finally:
        conn.close()


def _without_kept_state(lines) -> list[str]:
    # Sorted: a dump lists indexes and triggers in the order of sqlite_master, which is not content (a copy
    # by sqlcipher_export lists those of a table rebuilt by a migration elsewhere than the original does).
    return sorted(line for line in lines if not _KEPT_ROW.match(line))


def add_account_as_schema_0001(conn, portfolio: str, name: str, currency: str, cost_basis: str = "fifo") -> None:
    """An account as the first schema stored it (the repository writes the newest schema's columns)."""
    conn.exec_driver_sql("INSERT INTO portfolios (name) VALUES (?)", (portfolio,))
    conn.exec_driver_sql("INSERT INTO accounts (portfolio_id, name, currency, cost_basis) "
                         "VALUES ((SELECT id FROM portfolios WHERE name = ?), ?, ?, ?)",
                         (portfolio, name, currency, cost_basis))
