"""Shared test set-up: every test runs with its own data/config dirs, so nothing touches a real book."""
from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
DATA = Path(__file__).parent / "data"


def pytest_addoption(parser):
    parser.addoption("--book-engine", choices=("sqlite", "postgresql"), default="sqlite",
                     help="postgresql: every book a test creates at a file path is a database of a throwaway "
                          "PostgreSQL server instead (tests/support/engines.py)")


@pytest.fixture(autouse=True)
def book_engine(request, monkeypatch):
    if request.config.getoption("--book-engine") == "postgresql":
        marker = request.node.get_closest_marker("sqlite_only")
        if marker is not None:
            pytest.skip(f"a test of a book file: {marker.args[0]}")
        from tests.support import engines
        engines.install(monkeypatch, request.getfixturevalue("postgres_cluster"))


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / "home" / name.lower()))
    monkeypatch.delenv("GIGATRACKER_BOOK", raising=False)  # a developer's own book never reaches a test
    return tmp_path


class Cli:
    """Runs `gigatracker` the way a user or a script does: in this process (the same parser and `execute`
    as the console script, its output, exit status and any traceback captured), or, with `subprocess=True`,
    as `python -m gigatracker` — for what only a process shows (start-up, imports, the terminal, signals).
    In-process runs save a Python start and the imports per call: most of the CLI tests' time. `report`
    always runs in its own process (it starts a Qt application)."""

    def __init__(self, cwd: Path, *, subprocess: bool = False):
        self.cwd, self.subprocess = cwd, subprocess

    def __call__(self, *args: str, ok: bool = True, stdin: str | None = None) -> subprocess.CompletedProcess:
        argv = [str(arg) for arg in args]
        if self.subprocess or argv[:1] == ["report"]:  # a report starts Qt's painting application, which
            # would stay in this process and keep pytest-qt from making its QApplication
            result = subprocess.run([sys.executable, "-m", "gigatracker", *argv], cwd=self.cwd, capture_output=True,
                                    text=True, input=stdin, env=os.environ.copy(), timeout=120)
        else:
            result = _in_process(argv, self.cwd, stdin)
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


def _in_process(argv: list[str], cwd: Path, stdin: str | None) -> subprocess.CompletedProcess:
    import contextlib
    import io
    import traceback

    from gigatracker.cli import build_parser, execute
    from gigatracker.logs import setup_logging

    out, err = io.StringIO(), io.StringIO()
    here = Path.cwd()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
            _stdin(io.StringIO(stdin or "")):
        os.chdir(cwd)
        try:
            args = build_parser().parse_args(argv)
            setup_logging()
            code = execute(args)
        except SystemExit as exit:  # argparse's usage errors, a command's own exit
            code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
            if exit.code is not None and not isinstance(exit.code, int):
                print(exit.code, file=sys.stderr)
        except Exception:  # noqa: BLE001 - as the interpreter would print it
            traceback.print_exc()
            code = 1
        finally:
            os.chdir(here)
    return subprocess.CompletedProcess(["gigatracker", *argv], code, out.getvalue(), err.getvalue())


@contextlib.contextmanager
def _stdin(stream):
    saved, sys.stdin = sys.stdin, stream
    try:
        yield
    finally:
        sys.stdin = saved


@pytest.fixture
def cli(tmp_path) -> Cli:
    return Cli(tmp_path)


@pytest.fixture
def server():
    """A local server speaking Yahoo's streamer protocol (tests/support/yahoo_stream_server.py)."""
    from tests.support.yahoo_stream_server import YahooStreamServer
    with YahooStreamServer() as running:
        yield running


def _postgres():
    from tests.support import postgres
    if postgres.binaries() is None:
        pytest.skip(postgres.NO_SERVER)
    return postgres.running()


@pytest.fixture(scope="session")
def postgres_cluster():
    """One throwaway PostgreSQL server for the run (tests/support/postgres.py); skipped, saying why, only
    where no server binary exists."""
    with _postgres() as cluster:
        yield cluster


@pytest.fixture
def postgres_url(postgres_cluster) -> str:
    """The URL of a new, empty database of that server, for one test."""
    return postgres_cluster.fresh_database()


@pytest.fixture
def own_postgres_cluster():
    """A PostgreSQL server for one test alone: for what is server-wide (roles, TLS settings)."""
    with _postgres() as cluster:
        yield cluster
