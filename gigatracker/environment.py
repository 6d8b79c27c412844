"""What a user sets in the environment instead of repeating an option on every command line."""
import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BOOK_ENV = "GIGATRACKER_BOOK"  # the book every command (and the window) uses when --book is not given
SERVER_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")


def book_location(text: str) -> Path | str:
    """A book as given on the command line or in the environment: a file's path, or a database's URL (kept
    as text: a path would fold its `//`)."""
    text = text.strip()
    return text if text.lower().startswith(SERVER_SCHEMES) else Path(text).expanduser()


def book_from_environment() -> Path | str | None:
    value = os.environ.get(BOOK_ENV, "").strip()
    return book_location(value) if value else None


def shown(location: Path | str) -> str:
    """A book's location for a message: a URL without its password, if one was typed into it."""
    text = str(location)
    if isinstance(location, Path) or not text.lower().startswith(SERVER_SCHEMES):
        return text
    parts = urlsplit(text)
    if parts.password is None:
        return text
    netloc = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))
