"""What tests compare a book file by: its full SQL dump (a refused change must leave it identical).
An encrypted book is dumped through SQLCipher with its passphrase."""
import sqlite3
from pathlib import Path


def dump(path, passphrase: str | None = None) -> list[str]:
    if passphrase is None:
        with sqlite3.connect(path) as conn:
            return list(conn.iterdump())
    from sqlite3.dump import _iterdump  # the function behind Connection.iterdump, which SQLCipher's lacks

    from gigatracker.services.store import cipher
    conn = cipher.connect(str(path), cipher.key_for(Path(path), passphrase))
    try:
        return list(_iterdump(conn))
    finally:
        conn.close()


def add_account_as_schema_0001(conn, portfolio: str, name: str, currency: str, cost_basis: str = "fifo") -> None:
    """An account as the first schema stored it (the repository writes the newest schema's columns)."""
    conn.exec_driver_sql("INSERT INTO portfolios (name) VALUES (?)", (portfolio,))
    conn.exec_driver_sql("INSERT INTO accounts (portfolio_id, name, currency, cost_basis) "
                         "VALUES ((SELECT id FROM portfolios WHERE name = ?), ?, ?, ?)",
                         (portfolio, name, currency, cost_basis))
