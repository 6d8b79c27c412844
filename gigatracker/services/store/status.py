"""`gigatracker book status`: what a book file is and what lies beside it, read without opening it for
writing, taking its lock or changing anything (it works while another process has the book open)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import cipher, housekeeping
from .book import BookCorruptError, BookNotFoundError, BookPassphraseError
from .lock import BookLock, LastClose
from .migrations import KNOWN_REVISIONS, SCHEMA_HEAD


@dataclass
class BookStatus:
    path: Path
    size: int
    log_size: int  # the write-ahead log beside it (commits not yet folded into the file)
    encrypted: bool
    schema: str | None  # None: encrypted and no passphrase given
    app_version: str | None
    holder: dict | None  # {"pid", "host"} of the process that has it open
    last_close: str  # "clean", "interrupted" (a process died with it open) or "not recorded"
    backups: list[housekeeping.Backup] = field(default_factory=list)
    leftovers: list[housekeeping.Leftover] = field(default_factory=list)

    @property
    def schema_state(self) -> str:
        if self.schema is None:
            return "unknown"
        if self.schema == SCHEMA_HEAD:
            return "current"
        return "older (upgraded at the next open)" if self.schema in KNOWN_REVISIONS else "newer than this app"

    def as_dict(self) -> dict:
        return {
            "path": str(self.path), "size": self.size, "log_size": self.log_size, "encrypted": self.encrypted,
            "schema": self.schema, "schema_head": SCHEMA_HEAD, "schema_state": self.schema_state,
            "app_version": self.app_version, "open_by": self.holder, "last_close": self.last_close,
            "backups": [{"path": str(b.path), "label": b.label, "made": b.made.isoformat(), "size": b.size,
                         "encrypted": b.encrypted} for b in self.backups],
            "backups_kept": housekeeping.KEEP_BACKUPS,
            "leftovers": [{"path": str(x.path), "why": x.why, "next_open": x.action} for x in self.leftovers],
        }


def book_status(path: Path | str, passphrase: str | None = None) -> BookStatus:
    path = Path(path).resolve()
    if not path.is_file():
        raise BookNotFoundError(f"{path}: no book there")
    holder = BookLock.holder(path)
    lock_text = _read(path.with_name(path.name + ".lock"))
    if holder is not None:
        last_close = "open now"
    elif LastClose.parse(lock_text).clean:
        last_close = "clean"
    elif lock_text:
        last_close = "interrupted (the process ended with the book open; its log is folded in at the next open)"
    else:
        last_close = "not recorded"
    encrypted = cipher.is_encrypted(path)
    leftovers = housekeeping.inspect(path, encrypted=encrypted, clean_close=holder is None and
                                     LastClose.parse(lock_text).clean)
    stray_log = any(x.action == "set aside" for x in leftovers)
    schema, version = _schema(path, passphrase if encrypted else None, encrypted,
                              live=holder is not None and not stray_log)
    wal = path.with_name(path.name + "-wal")
    return BookStatus(path, path.stat().st_size, wal.stat().st_size if wal.exists() else 0, encrypted, schema,
                      version, holder, last_close, housekeeping.backups(path), leftovers)


def _schema(path: Path, passphrase: str | None, encrypted: bool, *, live: bool) -> tuple[str | None, str | None]:
    """The schema revision and the app version that last upgraded it. Read from the file alone (immutable)
    unless a live process has it open (then through its log, read-only)."""
    key = None
    if encrypted:
        if not passphrase:
            return None, None
        key = cipher.key_for(path, passphrase)
    mode = "mode=ro" if live else "mode=ro&immutable=1"
    connection = cipher.connect(f"file:{path}?{mode}", key, uri=True)
    try:
        try:
            schema = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            version = connection.execute("SELECT value FROM book_meta WHERE key = 'app_version'").fetchone()
        except cipher.dbapi(key).DatabaseError as error:
            if key is not None:
                raise BookPassphraseError(f"{path}: wrong passphrase (or the encrypted book is damaged)") from None
            raise BookCorruptError(f"{path}: not a GigaTracker book ({error})") from None
    finally:
        connection.close()
    return (schema[0] if schema else None), (version[0] if version else None)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""
