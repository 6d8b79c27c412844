"""Statements written for the DBAPI directly (bulk inserts and deletes, where SQLAlchemy's per-row work
would cost more than the database's), in either engine's placeholder style."""
from __future__ import annotations

from sqlalchemy import Connection


def driver_sql(conn: Connection, sql: str) -> str:
    """`sql`, written with `?` placeholders (sqlite3's), in the style of the connection's driver (psycopg's
    `%s`). Only for our own statements: they hold no literal `?` or `%`."""
    if conn.dialect.paramstyle in ("format", "pyformat"):
        return sql.replace("?", "%s")
    return sql
