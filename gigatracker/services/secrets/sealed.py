"""Encrypted export and backup files: AES-256-GCM under a key derived from a passphrase by scrypt.

Layout: `GTSEAL` · version (1 byte) · scrypt log2(n), r, p (1 byte each) · salt (16) · nonce (12) ·
ciphertext with its 16-byte tag. The header is authenticated as associated data, so changing any byte of
the file — header, ciphertext or tag — or cutting it short fails the check: the file is refused with a
clear message and nothing is written from it.
"""
from __future__ import annotations

import os
from pathlib import Path

MAGIC = b"GTSEAL"
VERSION = 1
SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P = 15, 8, 1
HEADER_BYTES = len(MAGIC) + 4 + 16 + 12
TAG_BYTES = 16


class SealedFileError(ValueError):
    """An encrypted file that cannot be opened; the message names the file and says why."""


def is_sealed(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def _key(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
    if not passphrase:
        raise SealedFileError("the passphrase is empty")
    return Scrypt(salt=salt, length=32, n=2 ** log2_n, r=r, p=p).derive(passphrase.encode("utf-8"))


def seal(data: bytes, passphrase: str) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    salt, nonce = os.urandom(16), os.urandom(12)
    header = MAGIC + bytes([VERSION, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P]) + salt + nonce
    return header + AESGCM(_key(passphrase, salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P)).encrypt(nonce, data, header)


def unseal(blob: bytes, passphrase: str, source: str = "the file") -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    if not blob.startswith(MAGIC):
        raise SealedFileError(f"{source}: not an encrypted GigaTracker file")
    if len(blob) < HEADER_BYTES + TAG_BYTES:
        raise SealedFileError(f"{source}: the file is cut short ({len(blob)} bytes); it cannot be decrypted")
    version, log2_n, r, p = blob[len(MAGIC):len(MAGIC) + 4]
    if version != VERSION:
        raise SealedFileError(f"{source}: encrypted by a newer GigaTracker (format {version}); update to open it")
    if not (10 <= log2_n <= 20 and 1 <= r <= 32 and 1 <= p <= 16):
        raise SealedFileError(f"{source}: the file's header is damaged; it cannot be decrypted")
    header = blob[:HEADER_BYTES]
    salt, nonce = header[len(MAGIC) + 4:len(MAGIC) + 20], header[len(MAGIC) + 20:]
    try:
        return AESGCM(_key(passphrase, salt, log2_n, r, p)).decrypt(nonce, blob[HEADER_BYTES:], header)
    except InvalidTag:
        raise SealedFileError(f"{source}: wrong passphrase, or the file was changed or cut short "
                              "(its integrity check failed)") from None


def write_sealed(path: Path, data: bytes, passphrase: str) -> Path:
    """Write atomically: a crash leaves no half-written file under the name."""
    path = Path(path)
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "wb") as handle:
        handle.write(seal(data, passphrase))
        handle.flush()
        os.fsync(handle.fileno())
    temporary.replace(path)
    return path


def read_sealed(path: Path, passphrase: str) -> bytes:
    try:
        blob = Path(path).read_bytes()
    except OSError as error:
        raise SealedFileError(f"{path}: {error.strerror or error}") from None
    return unseal(blob, passphrase, str(path))
