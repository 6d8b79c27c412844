"""What tests compare a book file by: its full SQL dump (a refused change must leave it identical)."""
import sqlite3


def dump(path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())
