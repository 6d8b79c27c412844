"""A book's encryption policy, the same for the window and the CLI: whether a file is encrypted, the
passphrase the keyring remembers for it, whether a passphrase is the open book's, encrypting a book,
changing its passphrase (a remembered one follows the change), remembering one with the user's consent.

Checking a passphrase runs scrypt and the keyring may wait on D-Bus: callers keep both off the GUI thread.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..services import secrets
from ..services.secrets import KeyringStatus
from ..services.store import BookError, BookPassphraseError
from ..services.store.cipher import is_encrypted, key_for
from ..services.store.encryption import change_passphrase as rewrite_under, decrypt_copy, encrypt_book

if TYPE_CHECKING:
    from .open_book import App

__all__ = ["BookPassphraseError", "change_passphrase", "decrypt_copy", "encrypt_book", "is_encrypted",
           "is_passphrase_of", "keyring_status", "remember", "remembered_passphrase"]


def keyring_status() -> KeyringStatus:
    """Whether this computer's keyring can remember a passphrase (and why not)."""
    return secrets.status()


def remembered_passphrase(path: Path) -> str | None:
    return secrets.recall_for_path(path)


def remember(app: "App", passphrase: str) -> KeyringStatus:
    """Keep the open book's passphrase in the keyring (the user asked to); the status says why not."""
    book_id = app.book.meta("book_id")
    if book_id is None:  # every book is given one when created
        raise BookError(f"{app.book.path}: the book has no id, so its passphrase cannot be remembered")
    return secrets.remember_passphrase(book_id, passphrase, app.book.path)


def is_passphrase_of(app: "App", passphrase: str) -> bool:
    return key_for(app.book.file, passphrase) == app.book.key


def change_passphrase(path: Path, old: str, new: str) -> tuple[Path, bool]:
    """Rewrite the book under `new`; returns the backup under the old passphrase and whether the keyring
    remembered the old one (then it must remember the new one: a stale one would be offered next time)."""
    remembered = remembered_passphrase(path) is not None
    return rewrite_under(path, old, new), remembered
