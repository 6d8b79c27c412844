"""Files a command writes from a book (backups, plain copies, restores, exports, reports).

Each is written under a temporary name in the target's folder, flushed to disk, checked where it is a book,
then renamed into place: a killed run leaves nothing at the final name (only a `.NAME.*.partial` file,
which nothing reads), and a retry is not refused. An output may never be the open book, its journal, its
lock or one of its backups — compared by file identity (device and inode), so a hard link, a symlink or
`./` cannot disguise it. Outputs hold book data: they are created readable by their owner only (0600).
"""
from __future__ import annotations

import os
import sqlite3
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

PARTIAL = ".partial"


class OutputError(ValueError):
    """An output that cannot be written where asked; the message says why. Nothing was written."""


def book_files(book: Path) -> list[Path]:
    """The book and what belongs to it: its journal, its lock and its backups."""
    book = Path(book)
    files = [book] + [book.with_name(book.name + suffix) for suffix in ("-wal", "-shm", "-journal", ".lock")]
    return files + sorted(book.parent.glob(glob_escape(book.name) + "-*.bak"))


def glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def same_file(a: Path, b: Path) -> bool:
    """Whether two names reach one file (by identity when both exist, else by their resolved paths)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).resolve() == Path(b).resolve()


def check_target(target: Path, book: Path | None) -> None:
    if book is None:
        return
    for protected in book_files(book):
        if same_file(target, protected):
            what = "the book itself" if same_file(protected, book) else f"{protected.name}, part of the book {book}"
            raise OutputError(f"{target}: that is {what}; write to another file (nothing was written)")


@contextmanager
def output_file(target: Path | str, *, book: Path | None = None, replace: bool = True) -> Iterator[Path]:
    """A temporary file (empty, 0600) beside `target` to write the output into; renamed onto `target` when
    the block ends without an error, removed otherwise. `replace=False` refuses a target that exists."""
    target = Path(target)
    check_target(target, book)
    if not replace and (target.exists() or target.is_symlink()):
        raise OutputError(f"{target}: already exists; choose another file name (nothing was written)")
    if target.is_dir():
        raise OutputError(f"{target}: is a folder; name a file")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=PARTIAL, dir=target.parent)
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        sync_file(temporary)
        if not replace and target.exists():  # another process wrote it meanwhile: keep theirs
            raise OutputError(f"{target}: appeared while writing; nothing was replaced")
        os.replace(temporary, target)
        sync_directory(target.parent)
    finally:
        for leftover in (temporary, *(temporary.with_name(temporary.name + s) for s in ("-journal", "-wal", "-shm"))):
            leftover.unlink(missing_ok=True)


def write_bytes(target: Path | str, data: bytes, *, book: Path | None = None, replace: bool = True) -> Path:
    with output_file(target, book=book, replace=replace) as temporary:
        temporary.write_bytes(data)
    return Path(target)


def check_sqlite_copy(path: Path, connect=None) -> None:
    """A copy of a book must pass SQLite's integrity check before it takes its name."""
    connection = connect(str(path)) if connect else sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        result = connection.execute("PRAGMA integrity_check").fetchone()[0]
        tables = connection.execute("SELECT count(*) FROM sqlite_master WHERE name = 'alembic_version'").fetchone()[0]
    finally:
        connection.close()
    if result != "ok" or not tables:
        raise OutputError(f"{path}: the copy failed its check ({result}); nothing was written")


def sync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def sync_directory(folder: Path) -> None:
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
