"""What a user sets in the environment instead of repeating an option on every command line."""
import os
from pathlib import Path

BOOK_ENV = "GIGATRACKER_BOOK"  # the book every command (and the window) uses when --book is not given


def book_from_environment() -> Path | None:
    value = os.environ.get(BOOK_ENV, "").strip()
    return Path(value).expanduser() if value else None
