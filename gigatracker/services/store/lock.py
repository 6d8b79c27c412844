"""One process per book: an OS lock on `<book>.lock`, released by the OS if the process dies. The book is
locked under its real name (symlinks resolved by the caller; a book with several hard links is refused
there), so two names can never reach one file. A writer waits a moment for a lock held elsewhere."""
from __future__ import annotations

import json
import os
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path

WAIT_SECONDS = 3.0  # how long a second process waits for the book before refusing with the holder's name

if sys.platform == "win32":  # (not os.name: mypy reads sys.platform, and msvcrt's stubs are Windows-only)
    import msvcrt
else:
    import fcntl

_LOCK_OFFSET = 1 << 20  # Windows locks a byte range: lock one far away so the owner text stays readable


@dataclass(frozen=True)
class LastClose:
    """What the lock file says of the last session's close: `clean` when it left no write-ahead log, and
    then the book file's (size, mtime in ns) as that close left it. A book still so was not touched since:
    its open may skip the integrity scan (a crash, a copy over it or any other writer changes it)."""
    clean: bool = False
    file: tuple[int, int] | None = None

    @classmethod
    def parse(cls, text: bytes) -> "LastClose":
        try:
            record = json.loads(text.decode() or "{}")
        except ValueError:
            return cls()
        if not isinstance(record, dict) or record.get("closed") != "clean":
            return cls()
        size, mtime = record.get("size"), record.get("mtime_ns")
        return cls(True, (size, mtime) if isinstance(size, int) and isinstance(mtime, int) else None)

    def left_untouched(self, book_path: Path) -> bool:
        try:
            return self.clean and self.file == file_state(book_path)
        except OSError:
            return False


def file_state(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_size, status.st_mtime_ns


class LockHeld(Exception):
    def __init__(self, pid: object, host: object):
        super().__init__(f"process {pid} on {host}")
        self.pid, self.host = pid, host


class BookLock:
    def __init__(self, book_path: Path):
        self.path = book_path.with_name(book_path.name + ".lock")
        self._fd: int | None = None
        self.last_close = LastClose()  # set by acquire(): what the last session said of its close

    def acquire(self, wait: float = WAIT_SECONDS) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        deadline = time.monotonic() + wait
        while True:
            try:
                self._lock(fd)
                break
            except OSError:
                if time.monotonic() < deadline:
                    time.sleep(0.05)
                    continue
                owner = self._read_owner(fd)
                os.close(fd)
                raise LockHeld(owner.get("pid", "?"), owner.get("host", "?")) from None
        os.lseek(fd, 0, os.SEEK_SET)
        self.last_close = LastClose.parse(os.read(fd, 4096))
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, json.dumps({"pid": os.getpid(), "host": socket.gethostname()}).encode())
        os.fsync(fd)
        self._fd = fd

    def release(self, *, clean: bool = False, book_file: tuple[int, int] | None = None) -> None:
        """Unlock; `clean` records that the session left no write-ahead log (one found at the next open is
        then not the book's own), with the book file's state `book_file` as it leaves it. A process that
        dies leaves its pid instead: its log is trusted."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        os.ftruncate(fd, 0)
        if clean:
            os.lseek(fd, 0, os.SEEK_SET)
            record: dict[str, object] = {"closed": "clean"}
            if book_file is not None:
                record.update(size=book_file[0], mtime_ns=book_file[1])
            os.write(fd, json.dumps(record).encode())
        self._lock(fd, unlock=True)
        os.close(fd)

    @classmethod
    def holder(cls, book_path: Path) -> dict | None:
        """Who holds the book's lock now ({"pid", "host"}), or None; takes nothing (`book status`)."""
        path = book_path.with_name(book_path.name + ".lock")
        try:
            fd = os.open(path, os.O_RDWR)
        except OSError:
            return None
        try:
            try:
                cls._lock(fd)
            except OSError:
                return cls._read_owner(fd)
            cls._lock(fd, unlock=True)
            return None
        finally:
            os.close(fd)

    @staticmethod
    def _lock(fd: int, *, unlock: bool = False) -> None:
        """Take the OS lock without waiting (OSError if another process has it), or give it back."""
        if sys.platform == "win32":
            os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK if unlock else msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_UN if unlock else fcntl.LOCK_EX | fcntl.LOCK_NB)

    @staticmethod
    def _read_owner(fd: int) -> dict:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            owner = json.loads(os.read(fd, 4096).decode() or "{}")
            return owner if isinstance(owner, dict) else {}
        except (OSError, ValueError):
            return {}
