"""Keyring use (an in-memory backend here; tests/services/test_keyring_secret_service.py uses a real Secret
Service) and the encrypted export/backup files."""
from __future__ import annotations

import pytest
from keyring.backends import chainer, fail, null

from gigatracker.app import App
from gigatracker.services import secrets
from gigatracker.services.secrets.sealed import SealedFileError, seal, unseal
from tests.support.keyrings import LockedKeyring, MemoryKeyring, keyring_backend


class PlaintextKeyring(MemoryKeyring):  # what keyrings.alt's file backends look like to us
    pass


@pytest.fixture
def memory():
    with keyring_backend(MemoryKeyring()) as backend:
        yield backend


def test_a_book_passphrase_is_remembered_only_when_asked_and_found_by_path(memory, tmp_path):
    path = tmp_path / "client.gtbook"
    with App.create(path, "EUR", "pass phrase") as app:
        book_id = app.book.meta("book_id")
    assert secrets.recall_for_path(path) is None  # not remembered without consent
    assert secrets.remember_passphrase(book_id, "pass phrase", path).accepted
    assert memory.entries == {("gigatracker", f"book:{book_id}"): "pass phrase"}
    assert secrets.recall_for_path(path) == "pass phrase"
    assert "pass phrase" not in secrets._ids_file().read_text()  # the path → id file holds no secret
    moved = tmp_path / "elsewhere" / "client-2026.gtbook"
    moved.parent.mkdir()
    path.rename(moved)
    assert secrets.recall_for_path(moved) == "pass phrase"  # found by its salt, not only by its path
    secrets.forget_passphrase(book_id)
    assert secrets.recall_for_path(moved) is None


@pytest.mark.parametrize("backend, why", [
    (fail.Keyring(), "no keyring backend"), (null.Keyring(), "null backend stores nothing"),
    (PlaintextKeyring(), "plain or weakly protected file"), (chainer.ChainerBackend(), None)])
def test_refused_backends_store_nothing(backend, why, tmp_path):
    with keyring_backend(backend):
        current = secrets.status()
        if why is None:  # a chainer is judged by what it chains (none here: refused)
            assert not current.accepted
        else:
            assert not current.accepted and why in current.why
        stored = secrets.remember_passphrase("id-1", "pass", tmp_path / "b.gtbook")
        assert not stored.accepted
        assert secrets.recall_passphrase("id-1") is None
        with pytest.raises(secrets.SecretsError, match="API keys are kept only in the OS keyring"):
            secrets.set_api_key("eodhd", "k-123")


def test_a_locked_keyring_means_asking_not_crashing(tmp_path):
    with keyring_backend(LockedKeyring()):
        assert secrets.status().accepted
        assert not secrets.remember_passphrase("id-1", "pass").accepted
        assert secrets.recall_passphrase("id-1") is None
        assert secrets.api_key("eodhd") is None


def test_api_keys_live_in_the_keyring(memory):
    secrets.set_api_key("eodhd", "k-123")
    assert secrets.api_key("eodhd") == "k-123"
    assert memory.entries[("gigatracker", "api:eodhd")] == "k-123"


def test_sealed_files_refuse_wrong_passphrase_truncation_and_any_flipped_byte():
    data = b'{"format": "gigatracker-book", "accounts": ["PEA Dupont"]}'
    blob = seal(data, "passe")
    assert b"Dupont" not in blob and unseal(blob, "passe") == data
    with pytest.raises(SealedFileError, match="wrong passphrase, or the file was changed"):
        unseal(blob, "passé")
    for cut in (10, 40, len(blob) - 1):
        with pytest.raises(SealedFileError):
            unseal(blob[:cut], "passe")
    for position in range(len(blob)):  # header, salt, nonce, ciphertext and tag alike
        flipped = bytearray(blob)
        flipped[position] ^= 0x01
        with pytest.raises(SealedFileError):
            unseal(bytes(flipped), "passe")


@pytest.mark.sqlite_only("a backup of a book file (a server's: pg_dump)")
def test_a_sealed_backup_of_a_plain_book_never_writes_a_readable_copy(tmp_path, monkeypatch):
    from datetime import date
    from decimal import Decimal as D

    from gigatracker.core.ledger import Transaction, TxType
    from gigatracker.services.secrets.sealed import read_sealed
    from gigatracker.services.store import Book
    from tests.support.books import dump

    path = tmp_path / "plain.gtbook"
    with App.create(path, "EUR") as app:
        app.add_account("Famille Dupont", "PEA Dupont", "EUR")
        app.add_transactions([Transaction(date(2024, 1, 2), "PEA Dupont", TxType.DEPOSIT, "EUR", amount=D(500))])
        monkeypatch.setattr(Book, "backup", lambda self, out: pytest.fail("a plain copy was written to disk"))
        app.backup(tmp_path / "backup.gtsealed", "sauvegarde")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.gtsealed", "plain.gtbook", "plain.gtbook.lock"]
    sealed = (tmp_path / "backup.gtsealed").read_bytes()
    assert b"Dupont" not in sealed
    restored = tmp_path / "restored.gtbook"
    restored.write_bytes(read_sealed(tmp_path / "backup.gtsealed", "sauvegarde"))
    assert dump(restored) == dump(path)
