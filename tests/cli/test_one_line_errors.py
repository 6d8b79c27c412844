"""Inputs and conditions that used to end in a traceback now end in one line and change nothing (issue
16): JSON nested too deeply or of the wrong shape, a full disk during an import, an empty file given as a
book, a keyring backend that cannot load. A new book is readable by its owner only."""
from __future__ import annotations

import os
import resource
import signal
import sqlite3
import subprocess
import sys

import pytest

from tests.conftest import Cli
from tests.support.books import dump

DEEP = 100_000


@pytest.fixture
def cli(tmp_path) -> Cli:
    """In its own process, as the user's terminal sees it (and the keyring backend is chosen per process:
    in the test process an earlier test's choice would stay)."""
    return Cli(tmp_path, subprocess=True)


def one_line(result) -> str:
    assert "Traceback" not in result.stderr and result.stderr.strip().count("\n") == 0, result.stderr
    return result.stderr


def test_json_too_deep_or_of_the_wrong_shape(cli, tmp_path):
    book = tmp_path / "b.gtbook"
    cli("init", "--book", book, "--base-currency", "EUR")
    cli("account", "add", "--book", book, "--portfolio", "P", "--name", "CTO", "--currency", "EUR")
    before = dump(book)
    meta = '"meta": {"date": "2026-03-01T00:00:00.000Z", "version": "2.150.0"}'
    deep = tmp_path / "deep.json"
    deep.write_text("{" + meta + ', "accounts": [], "activities": ' + "[" * DEEP + "]" * DEEP + "}", encoding="utf-8")
    result = cli("import", "transactions", deep, "--book", book, "--account", "CTO", "--preset", "auto", ok=False)
    assert "deep.json:1: json: not a Ghostfolio export: nested too deeply to be an export" in result.stderr
    shaped = tmp_path / "shape.json"
    shaped.write_text("{" + meta + ', "accounts": [], "assetProfiles": 5, "activities": []}', encoding="utf-8")
    result = cli("import", "transactions", shaped, "--book", book, "--account", "CTO", "--preset", "auto", ok=False)
    assert "shape.json: assetProfiles: not a list (a int): not a Ghostfolio export" in result.stderr
    pack = tmp_path / "pack.json"
    pack.write_text("[" * DEEP + "]" * DEEP, encoding="utf-8")
    assert "not a JSON theme pack" in one_line(cli("themes", "import", pack, "--book", book, ok=False))
    restore = cli("import", "book", deep, "--book", tmp_path / "new.gtbook", ok=False)
    assert "nested too deeply" in one_line(restore) and not (tmp_path / "new.gtbook").exists()
    assert dump(book) == before


def test_a_full_disk_during_an_import_writes_nothing(cli, tmp_path):
    book = tmp_path / "b.gtbook"
    cli("init", "--book", book, "--base-currency", "EUR")
    cli("account", "add", "--book", book, "--portfolio", "P", "--name", "CTO", "--currency", "EUR")
    columns = "date,account,type,symbol,quantity,price,amount,currency,note"
    (tmp_path / "m.toml").write_text("[columns]\n" + "".join(f'{c} = "{c}"\n' for c in columns.split(",")))
    (tmp_path / "rows.csv").write_text(columns + "\n" + "".join(
        f"2025-01-02,CTO,DEPOSIT,,,,{i + 1},EUR,{'une longue note ' * 12}\n" for i in range(3000)))
    before = dump(book)

    def small_disk():  # files may not grow past 400 kB: writes fail as on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (400_000, 400_000))

    result = subprocess.run([sys.executable, "-m", "gigatracker", "import", "transactions", tmp_path / "rows.csv",
                             "--book", book, "--mapping", tmp_path / "m.toml"], preexec_fn=small_disk,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "the disk is full (or failing): nothing was written" in one_line(result)
    assert dump(book) == before
    with sqlite3.connect(book) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_an_empty_file_is_not_a_book_and_stays_empty(cli, tmp_path):
    empty = tmp_path / "empty.gtbook"
    empty.write_bytes(b"")
    assert "the file is empty: not a GigaTracker book" in one_line(cli("holdings", "--book", empty, ok=False))
    assert empty.read_bytes() == b"" and [p.name for p in tmp_path.glob("empty.gtbook*")] == ["empty.gtbook"]


def test_a_new_book_is_readable_by_its_owner_only(cli, tmp_path):
    book = tmp_path / "b.gtbook"
    cli("init", "--book", book, "--base-currency", "EUR")
    cli("account", "add", "--book", book, "--portfolio", "P", "--name", "CTO", "--currency", "EUR")
    files = list(tmp_path.glob("b.gtbook*"))
    assert book in files
    for path in files:
        assert path.stat().st_mode & 0o777 == 0o600, path


KEYRINGS_ALT = os.environ.get("GT_KEYRINGS_ALT")  # keyrings.alt installed apart (.ci/run), without pycryptodome


@pytest.mark.parametrize("backend, path, why", [
    ("keyrings.alt.file.EncryptedKeyring", KEYRINGS_ALT, "pycryptodome/x required"),
    ("no_such_module.Keyring", None, "No module named 'no_such_module'"),
])
def test_a_keyring_backend_that_cannot_load_is_one_line_and_the_passphrase_is_asked(cli, tmp_path, monkeypatch,
                                                                                     backend, path, why):
    if backend.startswith("keyrings.alt") and not path:
        pytest.skip("keyrings.alt is not installed apart here (GT_KEYRINGS_ALT; .ci/run installs it)")
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", backend)
    if path:
        monkeypatch.setenv("PYTHONPATH", path)
    status = cli("secrets", "status")
    assert f"refused: the configured keyring backend cannot be used here ({why})" in status.stdout
    book = tmp_path / "b.gtbook"
    cli("init", "--book", book, "--base-currency", "EUR")
    encrypted = cli("book", "encrypt", "--book", book, "--remember", stdin="Fourmi-Géante-31\n")
    assert f"passphrase not remembered: the configured keyring backend cannot be used here ({why})" in \
        encrypted.stdout and "Traceback" not in encrypted.stderr
    assert cli("holdings", "--book", book, "--passphrase-stdin", stdin="Fourmi-Géante-31\n").returncode == 0
    refused = cli("holdings", "--book", book, ok=False)  # nothing remembered: the passphrase is asked for
    assert "its passphrase is needed" in one_line(refused)
