"""Encrypting a book, changing its passphrase, decrypting a copy.

Encrypting and changing the passphrase write the whole book into a new file under the new key, check that
file (SQLite's integrity check, then every table row by row against the book), keep a backup of the book as
it was, and only then replace the book by the new file in one atomic rename, all while holding the book's
lock. A crash at any point leaves either the old book or the new one, never a mix.
"""
from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from . import cipher, housekeeping
from .book import Book, BookError
from .cipher import BookKey
from .outputs import OutputError, output_file, sync_directory

log = logging.getLogger(__name__)


def encrypt_book(path: Path | str, passphrase: str) -> Path:
    """Encrypt a plain book in place; returns the backup of the book as it was — encrypted too, under the
    new passphrase: no readable copy of the book is left once encrypting has succeeded."""
    with Book.open(path) as book:
        if book.encrypted:
            raise BookError(f"{book.path}: already encrypted (change its passphrase instead)")
        return _replace_with(book, cipher.new_key(passphrase), "before-encryption")


def change_passphrase(path: Path | str, old: str, new: str) -> Path:
    """Re-encrypt a book under a new passphrase; returns the backup (still under the old one)."""
    with Book.open(path, old) as book:
        if not book.encrypted:
            raise BookError(f"{book.path}: not encrypted (encrypt it first)")
        return _replace_with(book, cipher.new_key(new), "before-new-passphrase")


def decrypt_copy(path: Path | str, passphrase: str, out: Path | str) -> Path:
    """A plain copy of an encrypted book at `out`; the book itself stays encrypted."""
    out = Path(out)
    with Book.open(path, passphrase) as book:
        if not book.encrypted:
            raise BookError(f"{book.path}: not encrypted (`gigatracker backup` copies it)")
        try:
            with output_file(out, book=book.path, replace=False) as temporary:
                _export_checked(book, temporary, None)
        except OutputError as error:
            raise BookError(str(error)) from None
    return out


def _replace_with(book: Book, key: BookKey, label: str) -> Path:
    path = book.file
    fresh = path.with_name(path.name + ".new")
    fresh.unlink(missing_ok=True)  # left by a crash during an earlier attempt: never the book itself
    _export_checked(book, fresh, key)
    if book.key is None:  # encrypting: the backup is under the new key, never a plaintext copy
        backup = book._backup_path(label)
        with output_file(backup, book=path, replace=False) as temporary:
            _export_checked(book, temporary, key)
    else:
        backup = book.backup(book._backup_path(label))
    with book.engine.connect() as conn:  # fold the WAL into the old file before it is replaced
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    book.engine.dispose()
    os.replace(fresh, path)
    for suffix in ("-wal", "-shm"):  # the old file's, now empty: they must not meet the new file
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    sync_directory(path.parent)
    book.key = key
    housekeeping.prune_backups(path)
    log.info("%s: re-encrypted (%s); the book as it was is kept in %s", path, label, backup)
    return backup


def _export_checked(book: Book, out: Path, key: BookKey | None) -> None:
    source = cipher.connect(str(book.file), book.key, sqlcipher=True, isolation_level=None)
    try:
        cipher.export(source, out, key)
        copy = cipher.connect(str(out), key, sqlcipher=True, isolation_level=None)
        try:
            check = copy.execute("PRAGMA integrity_check").fetchone()[0]
            if check != "ok" or _digest(copy) != _digest(source):
                raise BookError(f"{out}: the new file does not match the book ({check}); nothing was changed")
        finally:
            copy.close()
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    finally:
        source.close()


def _digest(connection) -> str:
    """Every row of every table, in order: equal digests mean equal contents."""
    digest = hashlib.sha256()
    tables = [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    for table in tables:
        digest.update(table.encode())
        for row in connection.execute(f'SELECT * FROM "{table}" ORDER BY rowid'):
            digest.update(repr(row).encode())
    return digest.hexdigest()
