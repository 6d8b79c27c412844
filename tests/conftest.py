"""Shared test set-up: every test runs with its own data/config dirs, so nothing touches a real book."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / "home" / name.lower()))
    return tmp_path


class Cli:
    """Runs `python -m gigatracker` as a subprocess, the way a user or a script does."""

    def __init__(self, cwd: Path):
        self.cwd = cwd

    def __call__(self, *args: str, ok: bool = True, stdin: str | None = None) -> subprocess.CompletedProcess:
        result = subprocess.run([sys.executable, "-m", "gigatracker", *map(str, args)], cwd=self.cwd,
                                capture_output=True, text=True, input=stdin, env=os.environ.copy(), timeout=120)
        if ok and result.returncode != 0:
            raise AssertionError(f"gigatracker {' '.join(map(str, args))} failed:\n{result.stderr}")
        if not ok:
            assert result.returncode != 0, f"expected failure, got success:\n{result.stdout}"
            assert "Traceback" not in result.stderr, result.stderr
        return result

    def json(self, *args: str):
        import json
        return json.loads(self(*args, "--format", "json").stdout)

    def import_rows(self, book: Path, rows: str) -> subprocess.CompletedProcess:
        """Import CSV rows whose header names our own fields (date,account,type,symbol,quantity,price,
        amount,currency), through a mapping file as a user writes one."""
        mapping, data = self.cwd / "generic.mapping.toml", self.cwd / "rows.csv"
        mapping.write_text("[columns]\n" + "".join(f'{name} = "{name}"\n' for name in rows.split("\n", 1)[0].split(",")),
                           encoding="utf-8")
        data.write_text(rows, encoding="utf-8")
        return self("import", "transactions", data, "--book", book, "--mapping", mapping)


@pytest.fixture
def cli(tmp_path) -> Cli:
    return Cli(tmp_path)
