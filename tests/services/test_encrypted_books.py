"""Encrypted books (SQLCipher): nothing readable on disk, wrong or missing passphrases refused clearly,
encrypt / change passphrase / decrypt keep every row, and migrations, locking and backups work as on
plain books."""
from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from gigatracker.app import App
from gigatracker.core.ledger import Transaction, TxType
from gigatracker.services.store import Book, BookLockedError, BookPassphraseError
from gigatracker.services.store.book import BookCorruptError, BookLock, _make_engine, upgrade_schema
from gigatracker.services.store.cipher import is_encrypted, new_key
from gigatracker.services.store.encryption import change_passphrase, decrypt_copy, encrypt_book
from gigatracker.services.store.repository import load_accounts
from tests.support.books import add_account_as_schema_0001, dump

pytestmark = pytest.mark.sqlite_only("SQLCipher")

SECRET_WORDS = [b"Dupont", b"ASML.AS", b"NVDA", b"Cabinet Lefebvre"]


def fill(app: App) -> None:
    app.add_account("Cabinet Lefebvre", "PEA Dupont", "EUR")
    app.add_transactions([
        Transaction(date(2025, 1, 2), "PEA Dupont", TxType.DEPOSIT, "EUR", amount=D(10_000)),
        Transaction(date(2025, 1, 3), "PEA Dupont", TxType.BUY, "EUR", "ASML.AS", D(5), D("640.20")),
        Transaction(date(2025, 1, 3), "PEA Dupont", TxType.BUY, "EUR", "NVDA", D(2), D(120), note="Dupont")])


def on_disk(path) -> bytes:
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*") if p.is_file())


def test_an_encrypted_book_shows_nothing_on_disk_and_needs_its_passphrase(tmp_path):
    path = tmp_path / "client.gtbook"
    with App.create(path, "EUR", "correct horse battery") as app:
        fill(app)
        assert app.book.encrypted
        written = on_disk(path)  # the book and its WAL, while open
    assert is_encrypted(path)
    assert not any(word in written + on_disk(path) for word in SECRET_WORDS)
    with pytest.raises(BookPassphraseError, match="the book is encrypted; its passphrase is needed") as missing:
        Book.open(path)
    assert missing.value.missing
    with pytest.raises(BookPassphraseError, match="wrong passphrase"):
        Book.open(path, "correct horse")
    with App.open(path, "correct horse battery") as app:
        assert {p.symbol for p in app.ledger().positions()} == {"ASML.AS", "NVDA"}


def test_encrypt_then_reopen_gives_identical_holdings(tmp_path):
    path = tmp_path / "plain.gtbook"
    with App.create(path, "EUR") as app:
        fill(app)
        holdings = app.ledger().positions()
    before = dump(path)
    backup = encrypt_book(path, "sésame")
    # The backup of the book as it was is encrypted too: no readable copy is left anywhere.
    assert is_encrypted(path) and is_encrypted(backup) and dump(backup, "sésame") == before
    for left in tmp_path.iterdir():
        assert not any(word in left.read_bytes() for word in SECRET_WORDS), left
    assert not list(tmp_path.glob("plain.gtbook.new*")) and not list(tmp_path.glob("*.partial"))
    with App.open(path, "sésame") as app:
        assert app.ledger().positions() == holdings
        with App.open(backup, "sésame") as kept:
            assert app.transactions() == kept.transactions()
    assert dump(path, "sésame") == before


def test_change_passphrase_and_decrypt_a_copy(tmp_path):
    path = tmp_path / "client.gtbook"
    with App.create(path, "EUR", "old one") as app:
        fill(app)
    before = dump(path, "old one")
    kept = change_passphrase(path, "old one", "new one")
    with pytest.raises(BookPassphraseError):
        Book.open(path, "old one")
    assert dump(path, "new one") == before
    assert dump(kept, "old one") == before  # the backup stays under the old passphrase
    with pytest.raises(BookPassphraseError):
        change_passphrase(path, "old one", "third")
    plain = decrypt_copy(path, "new one", tmp_path / "copy.gtbook")
    assert not is_encrypted(plain) and dump(plain) == before
    assert is_encrypted(path)


def test_a_flipped_byte_is_a_clear_error(tmp_path):
    path = tmp_path / "client.gtbook"
    with App.create(path, "EUR", "pass") as app:
        fill(app)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x20
    path.write_bytes(bytes(data))
    with pytest.raises((BookCorruptError, BookPassphraseError)) as refused:
        with App.open(path, "pass") as app:
            app.transactions()
    assert str(path) in str(refused.value)


def test_locking_backup_and_migration_work_on_encrypted_books(tmp_path):
    path = tmp_path / "client.gtbook"
    with App.create(path, "EUR", "pass") as app:
        fill(app)
        with pytest.raises(BookLockedError):
            Book.open(path, "pass")
        copy = app.backup(tmp_path / "copy.gtbook")
    assert is_encrypted(copy) and dump(copy, "pass") == dump(path, "pass")

    old_path = tmp_path / "old.gtbook"  # an encrypted book at the first schema, as an older version left it
    lock = BookLock(old_path)
    lock.acquire()
    key = new_key("pass")
    old = Book(old_path, _make_engine(old_path, key), lock, key)
    upgrade_schema(old, "0001")
    with old.write() as conn:
        add_account_as_schema_0001(conn, "P", "CTO", "EUR")
    old.close()
    with Book.open(old_path, "pass") as book:
        [backup] = book.backups
        with book.read() as conn:
            assert [a.name for a in load_accounts(conn)] == ["CTO"]
    assert is_encrypted(backup)
    with pytest.raises(BookPassphraseError):
        Book.open(backup, "wrong")


def test_an_interrupted_encryption_leaves_nothing_behind_at_the_next_open(tmp_path):
    """A killed `book encrypt` can leave its unfinished copy (`.new`) and a temporary output: the next open,
    holding the lock, removes them (the book itself is whole: old or new, never a mix)."""
    path = tmp_path / "plain.gtbook"
    with App.create(path, "EUR") as app:
        fill(app)
    (tmp_path / "plain.gtbook.new").write_bytes(b"half a copy")
    (tmp_path / ".plain.gtbook-before-encryption-1.bak.x1y2.partial").write_bytes(b"half a backup")
    with App.open(path) as app:
        assert app.transactions()
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith((".new", ".partial"))]
