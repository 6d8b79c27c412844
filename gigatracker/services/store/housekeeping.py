"""What lies beside a book: the backups GigaTracker made of it, and what interrupted runs left.

- **Backups** made before a schema upgrade, an encryption or a passphrase change (`NAME-LABEL-STAMP.bak`) are
  kept to the last three per book: each is a whole copy, and a book upgraded every month would otherwise
  fill the disk.
- **Leftovers**: an unfinished `.new` copy (a killed encrypt or rekey), a backup still under its temporary
  name, a backup with a journal beside it (killed while it was written, by a version that wrote in place),
  a readable copy of a book that is now encrypted (an earlier version's `before-encryption` backup), and a
  stray `-wal`: a write-ahead log beside a book whose last GigaTracker session closed with none. SQLite
  would fold such a log into the book whatever it holds (a copied file, another book's log); it is set
  aside under a name that says so, never folded in, never deleted.

`set_aside_stray_log` and `tidy` run at every open, under the book's lock; `inspect` says the same things
without changing anything (`gigatracker book status`).
"""
from __future__ import annotations

import logging
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from . import cipher
from .lock import LastClose
from .outputs import glob_escape, output_file

KEEP_BACKUPS = 3
log = logging.getLogger(__name__)
_STAMP = re.compile(r"-(\d{8}T\d{6}\d*)\.bak$")


@dataclass(frozen=True)
class Backup:
    path: Path
    label: str  # what it was taken before: "before-schema-0007", "before-encryption", ...
    made: datetime
    size: int
    encrypted: bool


@dataclass(frozen=True)
class Leftover:
    path: Path
    why: str
    action: str  # what the next open does with it: "remove", "re-encrypt", "set aside"


def backups(book: Path) -> list[Backup]:
    """The backups GigaTracker made of this book, oldest first."""
    found = []
    for path in book.parent.glob(glob_escape(book.name) + "-*.bak"):
        stamp = _STAMP.search(path.name)
        if not stamp or not path.is_file():
            continue
        label = path.name[len(book.name) + 1:stamp.start()]
        made = datetime.strptime(stamp.group(1)[:15], "%Y%m%dT%H%M%S").replace(tzinfo=timezone.utc)
        found.append(Backup(path, label, made, path.stat().st_size, cipher.is_encrypted(path)))
    return sorted(found, key=lambda b: (b.made, b.path.name))


def prune_backups(book: Path, keep: int = KEEP_BACKUPS) -> list[Path]:
    """Remove all but the newest `keep` backups; returns what was removed."""
    old = [b.path for b in backups(book)][:-keep] if keep else [b.path for b in backups(book)]
    for path in old:
        _remove_with_journal(path)
    return old


def inspect(book: Path, *, encrypted: bool | None = None, clean_close: bool | None = None) -> list[Leftover]:
    """What the next open of `book` will deal with. `encrypted` and `clean_close` default to what the files
    say (the book's header; its lock file's record of the last close)."""
    encrypted = cipher.is_encrypted(book) if encrypted is None else encrypted
    clean_close = closed_cleanly(book) if clean_close is None else clean_close
    found = []
    fresh = book.with_name(book.name + ".new")
    if fresh.exists():
        found.append(Leftover(fresh, "an unfinished copy from an interrupted encrypt or passphrase change", "remove"))
    for partial in sorted(book.parent.glob(f".{glob_escape(book.name)}-*.bak.*.partial")):  # output_file's names
        found.append(Leftover(partial, "a backup an interrupted run was still writing", "remove"))
    for backup in backups(book):
        if _journal_of(backup.path):
            found.append(Leftover(backup.path, "a backup interrupted while it was written (its journal is beside "
                                  "it)", "remove"))
        elif encrypted and not backup.encrypted:
            found.append(Leftover(backup.path, "a readable copy of this encrypted book (left by an earlier "
                                  "version or an interrupted encrypt)", "re-encrypt"))
    stray = _stray_log(book, clean_close)
    return found + ([stray] if stray else [])


def _stray_log(book: Path, clean_close: bool) -> Leftover | None:
    wal = book.with_name(book.name + "-wal")
    if clean_close and wal.exists() and wal.stat().st_size > 0 and not _in_use_elsewhere(book):
        return Leftover(wal, "a write-ahead log that is not this book's own (the book was last closed cleanly, "
                        "without one)", "set aside")
    return None


def set_aside_stray_log(book: Path, *, clean_close: bool) -> list[str]:
    """Before SQLite first opens the book (it would fold any log in): set a stray log aside."""
    stray = _stray_log(book, clean_close)
    if stray is None:
        return []
    aside = set_aside(stray.path)
    return _logged(book, [f"set aside {stray.path.name} as {aside.name}: {stray.why}; nothing of it was folded "
                          "into the book"])


def tidy(book: Path, key: cipher.BookKey | None) -> list[str]:
    """Once the book is known to open (and an encrypted one's key is checked): remove what interrupted runs
    left, encrypt readable copies of an encrypted book, keep the last backups. One line per thing done."""
    done = []
    for leftover in inspect(book, encrypted=key is not None, clean_close=False):  # the log: done before the open
        if leftover.action == "remove":
            _remove_with_journal(leftover.path)
            done.append(f"removed {leftover.path.name}: {leftover.why}")
        elif leftover.action == "re-encrypt":
            assert key is not None  # only an encrypted book's readable copies are
            _encrypt_in_place(leftover.path, key)
            done.append(f"encrypted {leftover.path.name} with the book's passphrase: it was {leftover.why}")
    done += [f"removed the old backup {path.name} (the last {KEEP_BACKUPS} are kept)" for path in prune_backups(book)]
    return _logged(book, done)


def _logged(book: Path, done: list[str]) -> list[str]:
    for line in done:
        log.warning("%s: %s", book, line)
    return done


def set_aside(wal: Path) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    aside = wal.with_name(f"{wal.name}.not-this-book-{stamp}")
    os.replace(wal, aside)
    wal.with_name(wal.name[:-len("-wal")] + "-shm").unlink(missing_ok=True)  # its index: rebuilt by SQLite
    return aside


# -- the lock file's record of the last close ------------------------------------------------------------
def closed_cleanly(book: Path) -> bool:
    """Whether the last GigaTracker session on this book closed with its write-ahead log folded in (its lock
    file says so; an empty lock file, from an earlier version, says nothing)."""
    try:
        return LastClose.parse(book.with_name(book.name + ".lock").read_bytes()).clean
    except OSError:
        return False


def fold_log(book: Path, key: cipher.BookKey | None) -> bool:
    """Fold the write-ahead log into the book (the session's last act); True when no log is left."""
    connection = cipher.connect(str(book), key, isolation_level=None, timeout=5)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    except sqlite3.Error:  # another connection still reads: its log stays, and is trusted next time
        pass
    finally:
        connection.close()
    wal = book.with_name(book.name + "-wal")
    return not wal.exists() or wal.stat().st_size == 0


# -- helpers ---------------------------------------------------------------------------------------------
def _journal_of(path: Path) -> Path | None:
    journal = path.with_name(path.name + "-journal")
    return journal if journal.exists() else None


def _remove_with_journal(path: Path) -> None:
    for name in (path, *(path.with_name(path.name + s) for s in ("-journal", "-wal", "-shm"))):
        name.unlink(missing_ok=True)


def _encrypt_in_place(plain: Path, key: cipher.BookKey) -> None:
    source = cipher.connect(f"file:{plain}?mode=ro", None, sqlcipher=True, uri=True, isolation_level=None)
    try:
        with output_file(plain) as temporary:
            cipher.export(source, temporary, key)
            check = cipher.connect(str(temporary), key, isolation_level=None)
            try:
                if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                    raise sqlite3.DatabaseError(f"{plain}: its encrypted copy failed its check")
            finally:
                check.close()
    finally:
        source.close()
    for suffix in ("-journal", "-wal", "-shm"):
        plain.with_name(plain.name + suffix).unlink(missing_ok=True)


def _in_use_elsewhere(book: Path) -> bool:
    """Whether a program (this one included) has the book open through SQLite right now: each connection
    holds a read lock on the shared-memory index's DMS byte (SQLite's unix VFS: byte 128), so its log is live,
    not stray. Linux's open-file-description query sees locks of this process too."""
    shm = book.with_name(book.name + "-shm")
    if os.name == "nt" or not shm.exists():
        return False
    import fcntl
    import struct
    fd = os.open(shm, os.O_RDONLY)
    try:
        if hasattr(fcntl, "F_OFD_GETLK"):
            probe = struct.pack("hhxxxxqqixxxx", fcntl.F_WRLCK, os.SEEK_SET, 128, 1, 0)
            return struct.unpack("hhxxxxqqixxxx", fcntl.fcntl(fd, fcntl.F_OFD_GETLK, probe))[0] != fcntl.F_UNLCK
        probe = struct.pack("qqihh", 128, 1, 0, fcntl.F_WRLCK, os.SEEK_SET)  # BSD / macOS struct flock
        return struct.unpack("qqihh", fcntl.fcntl(fd, fcntl.F_GETLK, probe))[3] != fcntl.F_UNLCK
    finally:
        os.close(fd)
