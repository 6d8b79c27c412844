"""Encrypted books: SQLCipher, keyed with a raw key derived from the passphrase by scrypt.

SQLCipher's own key derivation runs on every connection (a fraction of a second each, and the store opens
one per read); deriving the key once per open with scrypt and handing SQLCipher the raw key plus its salt
(`x'<key><salt>'`) keeps each connection instant. The salt is the one SQLCipher writes, in clear, as the
first 16 bytes of the file, so a book carries what is needed to derive its key from the passphrase, and
copies made with `sqlcipher_export` keep it. A plain book starts with the SQLite header instead.
"""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"
SALT_BYTES = 16
SCRYPT = {"n": 2 ** 15, "r": 8, "p": 1}  # ~60 ms and 32 MiB once per open: slow to guess, quick to use


@dataclass(frozen=True)
class BookKey:
    """The raw SQLCipher key of one book; never printed (repr hides it)."""
    key: bytes = field(repr=False)
    salt: bytes = field(repr=False)

    def pragma_value(self) -> str:
        return f"x'{self.key.hex()}{self.salt.hex()}'"


def derive(passphrase: str, salt: bytes) -> BookKey:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
    if not passphrase:
        raise ValueError("the passphrase is empty")
    return BookKey(Scrypt(salt=salt, length=32, **SCRYPT).derive(passphrase.encode("utf-8")), salt)


def new_key(passphrase: str) -> BookKey:
    return derive(passphrase, os.urandom(SALT_BYTES))


def is_encrypted(path: Path) -> bool:
    """A book file that looks like SQLCipher's: not SQLite's header, whole pages, and a salt that is not
    text (a random salt is all printable one time in ten million), so that a damaged or foreign file is
    called so rather than asked a passphrase for."""
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as handle:
            head = handle.read(SALT_BYTES)
    except OSError:
        return False
    printable = all(32 <= byte < 127 or byte in (9, 10, 13) for byte in head)
    return bool(head) and head != SQLITE_HEADER and size % 512 == 0 and not printable


def key_for(path: Path, passphrase: str) -> BookKey:
    with open(path, "rb") as handle:
        salt = handle.read(SALT_BYTES)
    return derive(passphrase, salt)


def dbapi(key: BookKey | None, *, sqlcipher: bool = False):
    """The DBAPI module for a book: SQLCipher's for an encrypted one, the standard sqlite3 otherwise."""
    if key is None and not sqlcipher:
        return sqlite3
    from sqlcipher3 import dbapi2  # type: ignore[import-untyped]  # sqlcipher3 ships no stubs or py.typed
    return dbapi2


def connect(target: str, key: BookKey | None, *, sqlcipher: bool = False, **kwargs):
    """A DBAPI connection to a book, keyed if it is encrypted (no statement runs before the key). With
    `sqlcipher`, a plain book is opened through SQLCipher too (to use sqlcipher_export)."""
    connection = dbapi(key, sqlcipher=sqlcipher).connect(target, **kwargs)
    if key is not None or sqlcipher:
        connection.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our error to word, not a log line
    if key is not None:
        connection.execute(f'PRAGMA key = "{key.pragma_value()}"')
    return connection


def export(connection, out: Path, key: BookKey | None) -> None:
    """Copy the whole open database into a new file `out`, encrypted with `key` (None: plain). The
    connection must be SQLCipher's (sqlcipher_export lives there)."""
    value = f"x'{key.key.hex()}{key.salt.hex()}'" if key else ""
    connection.execute(f"ATTACH DATABASE ? AS exported KEY \"{value}\"", (str(out),))
    try:
        connection.execute("SELECT sqlcipher_export('exported')")
    finally:
        connection.execute("DETACH DATABASE exported")
