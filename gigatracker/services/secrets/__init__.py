"""Secrets in the OS keyring: books' passphrases (only with the user's consent) and data providers' API keys.

Everything lives under the service `gigatracker`: `book:<book id>` for a passphrase, `api:<provider>` for
an API key, `server:<user>@<host>:<port>/<database>` for the password of a shared book's database login. Backends that would not protect a secret are refused — none found (fail), the null backend,
plain or weakly encrypted files (keyrings.alt) — and then nothing is stored: the app asks for the
passphrase each session. A locked, missing or failing keyring is never an error to the user: a passphrase
it cannot give is asked for.

Books are found in the keyring by their id, which is inside the (encrypted) book; `book_ids.json` in the
config folder remembers which file holds which id: by path, and by the salt SQLCipher keeps in clear at
the start of the file, so that a book moved or renamed is still found (nothing secret in either).
"""
from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

SERVICE = "gigatracker"
log = logging.getLogger(__name__)


class SecretsError(Exception):
    """A secret that cannot be stored; the message says why."""


@dataclass(frozen=True)
class KeyringStatus:
    backend: str
    accepted: bool
    why: str


def _name(backend) -> str:
    kind = type(backend)
    return f"{kind.__module__}.{kind.__qualname__}"


def _refusal(backend) -> str | None:
    """Why a backend must not hold our secrets, or None if it may."""
    name = _name(backend)
    children = getattr(backend, "backends", None)
    if name.startswith("keyring.backends.chainer"):
        if not children:
            return "no keyring backend is available on this system"
        reasons = [why for why in map(_refusal, children) if why]
        return reasons[0] if reasons else None
    if name.startswith("keyring.backends.fail"):
        return "no keyring backend is available on this system"
    if name.startswith("keyring.backends.null"):
        return "the null backend stores nothing"
    if name.startswith("keyrings.alt") or "plaintext" in name.lower():
        return "this backend keeps secrets in a plain or weakly protected file"
    try:
        if backend.priority <= 0:
            return f"this backend is not usable here (priority {backend.priority})"
    except Exception:  # noqa: BLE001 - a backend that cannot even say is not one to trust
        return "this backend does not work here"
    return None


def status() -> KeyringStatus:
    backend, broken = _configured()
    if backend is None:
        name = os.environ.get("PYTHON_KEYRING_BACKEND") or "the configured keyring backend"
        return KeyringStatus(name, False, broken)
    why = _refusal(backend)
    return KeyringStatus(_name(backend), why is None, why or "accepted: secrets are stored by the OS")


def _backend_or_none():
    backend, _broken = _configured()
    return None if backend is None or _refusal(backend) else backend


def _configured():
    """(the keyring backend, None), or (None, why) when the one configured cannot even load — e.g. keyrings.alt's
    encrypted file without the crypto library it needs: said in one line, and the passphrase is asked instead."""
    import keyring
    try:
        return keyring.get_keyring(), None
    except Exception as error:  # noqa: BLE001 - keyring raises whatever the backend's module raised
        log.warning("keyring backend unusable: %s: %s", type(error).__name__, error)
        return None, f"the configured keyring backend cannot be used here ({error or type(error).__name__})"


# -- books' passphrases ---------------------------------------------------------------------------
def remember_passphrase(book_id: str, passphrase: str, path: Path | None = None) -> KeyringStatus:
    """Store a book's passphrase (the user said "remember on this computer"). Returns the status, which
    says why nothing was stored when the keyring is refused or fails."""
    stored = _store(f"book:{book_id}", passphrase, "a passphrase")
    if stored.accepted and path is not None:
        _remember_book_id(path, book_id)
    return stored


def recall_passphrase(book_id: str | None) -> str | None:
    return _recall(f"book:{book_id}", "passphrase") if book_id else None


def forget_passphrase(book_id: str) -> None:
    _forget(f"book:{book_id}")


def recall_for_path(path: Path) -> str | None:
    """The passphrase remembered for the book at `path`, if any."""
    return recall_passphrase(book_id_for(path))


# -- database servers (books shared on PostgreSQL) ------------------------------------------------
def remember_server_password(address: str, password: str) -> KeyringStatus:
    """Store the password of a database login (`address`: user@host:port/database, never the password)."""
    return _store(f"server:{address}", password, "a server password")


def server_password(address: str) -> str | None:
    return _recall(f"server:{address}", "server password")  # none: the server asks by libpq's own means


def forget_server_password(address: str) -> None:
    _forget(f"server:{address}")


# -- the keyring itself -----------------------------------------------------------------------------
def _store(name: str, secret: str, what: str) -> KeyringStatus:
    """A secret under `name`, or the status saying why it was not stored (refused, locked, broken)."""
    backend = _backend_or_none()
    current = status()
    if backend is None:
        return current
    try:
        backend.set_password(SERVICE, name, secret)
    except Exception as error:  # noqa: BLE001 - a locked or broken keyring: said, not raised; asked next time
        log.warning("keyring could not store %s (%s)", what, type(error).__name__)
        return KeyringStatus(current.backend, False, f"the keyring refused to store it ({type(error).__name__})")
    return current


def _recall(name: str, what: str) -> str | None:
    backend = _backend_or_none()
    if backend is None:
        return None
    try:
        return backend.get_password(SERVICE, name)
    except Exception as error:  # noqa: BLE001 - locked, dismissed or broken: the user is asked instead
        log.info("keyring gave no %s (%s)", what, type(error).__name__)
        return None


def _forget(name: str) -> None:
    backend = _backend_or_none()
    if backend is None:
        return
    try:
        backend.delete_password(SERVICE, name)
    except Exception:  # noqa: BLE001 - nothing stored, or the keyring is locked: nothing to forget here
        pass


# -- API keys -------------------------------------------------------------------------------------
def set_api_key(provider: str, key: str) -> None:
    backend = _backend_or_none()
    if backend is None:
        raise SecretsError(f"API keys are kept only in the OS keyring, and it is refused: {status().why}")
    backend.set_password(SERVICE, f"api:{provider}", key)


def api_key(provider: str) -> str | None:
    return _recall(f"api:{provider}", "API key")


# -- which file holds which book ------------------------------------------------------------------
def _ids_file() -> Path:
    return Path(platformdirs.user_config_dir("gigatracker", appauthor=False)) / "book_ids.json"


def _load_ids() -> dict[str, str]:
    try:
        data = json.loads(_ids_file().read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _salt_key(path: Path) -> str | None:
    from ..store.cipher import SALT_BYTES, is_encrypted
    if not is_encrypted(path):
        return None
    with open(path, "rb") as handle:
        return "salt:" + handle.read(SALT_BYTES).hex()


def _remember_book_id(path: Path, book_id: str) -> None:
    ids = _load_ids()
    ids[str(Path(path).resolve())] = book_id
    salt = _salt_key(path)
    if salt:
        ids[salt] = book_id
    target = _ids_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".tmp")
    temporary.write_text(json.dumps(ids, indent=1), encoding="utf-8")
    temporary.replace(target)


def book_id_for(path: Path) -> str | None:
    ids = _load_ids()
    found = ids.get(str(Path(path).resolve()))
    if found is None:  # moved or renamed since: known by its salt
        salt = _salt_key(path)
        found = ids.get(salt) if salt else None
    return found
