"""One process per book: an OS lock on `<book>.lock`, released by the OS if the process dies. The book is
locked under its real name (symlinks resolved by the caller; a book with several hard links is refused
there), so two names can never reach one file. A writer waits a moment for a lock held elsewhere."""
from __future__ import annotations

import json
import os
import socket
import time
from pathlib import Path

WAIT_SECONDS = 3.0  # how long a second process waits for the book before refusing with the holder's name

if os.name == "nt":
    import msvcrt
else:
    import fcntl

_LOCK_OFFSET = 1 << 20  # Windows locks a byte range: lock one far away so the owner text stays readable


class LockHeld(Exception):
    def __init__(self, pid: object, host: object):
        super().__init__(f"process {pid} on {host}")
        self.pid, self.host = pid, host


class BookLock:
    def __init__(self, book_path: Path):
        self.path = book_path.with_name(book_path.name + ".lock")
        self._fd: int | None = None

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
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, json.dumps({"pid": os.getpid(), "host": socket.gethostname()}).encode())
        os.fsync(fd)
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        os.ftruncate(fd, 0)
        if os.name == "nt":
            os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        os.close(fd)  # on POSIX closing the descriptor drops the flock

    @staticmethod
    def _lock(fd: int) -> None:
        if os.name == "nt":
            os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    @staticmethod
    def _read_owner(fd: int) -> dict:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            return json.loads(os.read(fd, 4096).decode() or "{}")
        except (OSError, ValueError):
            return {}
