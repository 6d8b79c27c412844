"""A whole encrypted-book session through the CLI, as a script runs it (passphrases on stdin): then no
passphrase is anywhere in the logs or the config folder, and the book's bytes show none of its names."""
from __future__ import annotations

import json
import os
from pathlib import Path

from gigatracker.logs import LOG_NAME

DEGIRO = Path(__file__).parents[1] / "data" / "presets" / "degiro_account_nl.csv"
BOOK_PASS, NEW_PASS, EXPORT_PASS, BACKUP_PASS = ("Kangourou-Brûlé-42", "Ornithorynque 7 §", "export-Ψ-99",
                                                 "sauvegarde*88")


def test_an_encrypted_session_leaves_no_secret_behind(cli, tmp_path, isolated_home):
    book = tmp_path / "cabinet.gtbook"

    def run(*args, stdin: str, ok: bool = True):
        return cli(*args, "--book", book, ok=ok, stdin=stdin)

    run("init", "--encrypt", stdin=f"{BOOK_PASS}\n")
    run("account", "add", "--passphrase-stdin", "--portfolio", "Famille Dupont", "--name", "CTO Dupont",
        "--currency", "EUR", stdin=f"{BOOK_PASS}\n")
    out = run("import", "transactions", DEGIRO, "--passphrase-stdin", "--preset", "auto", "--account", "CTO Dupont",
              stdin=f"{BOOK_PASS}\n").stdout
    assert "added 6" in out
    refused = run("holdings", "--passphrase-stdin", stdin="not the passphrase\n", ok=False)
    assert "wrong passphrase" in refused.stderr
    missing = cli("holdings", "--book", book, ok=False, stdin="")
    assert "the book is encrypted; its passphrase is needed (--passphrase-stdin)" in missing.stderr
    run("export", "book", "--passphrase-stdin", "--encrypt", "--out", tmp_path / "export.gtsealed",
        stdin=f"{BOOK_PASS}\n{EXPORT_PASS}\n")
    run("backup", "--passphrase-stdin", "--encrypt", "--out", tmp_path / "backup.gtsealed",
        stdin=f"{BOOK_PASS}\n{BACKUP_PASS}\n")
    run("book", "rekey", "--passphrase-stdin", stdin=f"{BOOK_PASS}\n{NEW_PASS}\n")
    holdings = json.loads(run("holdings", "--passphrase-stdin", "--format", "json", stdin=f"{NEW_PASS}\n").stdout)
    assert [h["symbol"] for h in holdings] == ["NL0010273215"]
    status = json.loads(cli("secrets", "status", "--format", "json").stdout)
    assert set(status) == {"backend", "accepted", "why"}

    logs = list((isolated_home / "home").rglob(LOG_NAME + "*"))
    assert logs, "the session wrote no log"
    log_text = "\n".join(p.read_text(encoding="utf-8") for p in logs)
    assert "opened" in log_text and "(encrypted)" in log_text and "wrong passphrase" in log_text
    everything = b"".join(p.read_bytes() for p in (isolated_home / "home").rglob("*") if p.is_file())
    for secret in (BOOK_PASS, NEW_PASS, EXPORT_PASS, BACKUP_PASS):
        assert secret.encode() not in everything, f"{secret!r} found under {isolated_home / 'home'}"
    for name in (b"Dupont", b"NL0010273215"):
        for path in [book, tmp_path / "export.gtsealed", tmp_path / "backup.gtsealed"]:
            assert name not in path.read_bytes(), (name, path)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith((".partial", ".tmp", ".new"))]
    assert os.path.getsize(book) > 0
