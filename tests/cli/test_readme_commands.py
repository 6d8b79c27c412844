"""The README's command-line section, followed line by line as a reader would: from a copy of `examples/`,
with its `export`s, every command in the order given. Each must succeed, except those that ask Yahoo,
which must say they reached nothing and exit non-zero (the tests never touch the network: Yahoo's client
gets a session whose every connection is refused, as on a machine offline, and `stream` talks to a local
Yahoo-like server)."""
from __future__ import annotations

import importlib.util
import json
import shlex
import shutil
import threading
from pathlib import Path

import pytest

from gigatracker.app import market
from gigatracker.services.market.yahoo import YahooSource
from tests.conftest import Cli
from tests.support.yahoo_http import RecordedYahoo
from tests.support.yahoo_stream_server import wait_until

pytestmark = pytest.mark.sqlite_only("the README's demo book is a file, built beside it and renamed into place")

ROOT = Path(__file__).resolve().parents[2]
ASKS_YAHOO = {("quotes", "refresh"), ("security", "find-symbols")}
QT = importlib.util.find_spec("PySide6") is not None


def readme_commands() -> list[str]:
    """The first ```sh block of the section, its continued lines joined."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Using the command line"):]
    block = section[section.index("```sh\n") + len("```sh\n"):]
    block = block[:block.index("```")]
    return [line for line in block.replace("\\\n", " ").splitlines() if line.strip()]


def test_the_readme_section_is_one_block_of_runnable_lines():
    commands = readme_commands()
    words = [shlex.split(line, comments=True) for line in commands]
    assert words[0] == ["cd", "examples"] and ["export", "GIGATRACKER_BOOK=famille.gtbook"] in words
    assert all(w[0] in ("cd", "export", "gigatracker") for w in words if w), "a line the test cannot follow"
    named = {w[1] for w in words if w and w[0] == "gigatracker"}
    assert {"report", "holdings", "import", "performance", "quotes", "stream"} <= named


@pytest.fixture
def yahoo_offline(monkeypatch) -> RecordedYahoo:
    """Yahoo's client (yfinance, its real code) on a session that cannot connect: the machine is offline.
    A proxy that refuses connections was not enough: one HTTP stack ignored it and reached Yahoo."""
    adapter = RecordedYahoo()
    adapter.mode = "offline"
    monkeypatch.setattr(market, "_yahoo", lambda source: source or YahooSource(adapter.session()))
    return adapter


def test_following_the_readme_line_by_line(tmp_path, monkeypatch, server, yahoo_offline):
    monkeypatch.setenv("GIGATRACKER_STREAM_URL", server.url)
    shutil.copytree(ROOT / "examples", tmp_path / "examples")

    def ticks():  # what Yahoo sends once `stream` has subscribed
        if wait_until(lambda: server.subscriptions(), timeout=120):
            server.tick("NVDA", 181.5, 1_000)
            server.tick("ASML.AS", 743.2, 2_000)
    threading.Thread(target=ticks, daemon=True).start()
    here = tmp_path
    outputs: dict[str, str] = {}
    for line in readme_commands():
        words = shlex.split(line, comments=True)
        if not words:
            continue
        if words[0] == "cd":
            here = here / words[1]
            continue
        if words[0] == "export":
            name, _, value = words[1].partition("=")
            monkeypatch.setenv(name, value)
            continue
        redirect = None
        if ">" in words:
            redirect = here / words[words.index(">") + 1]
            words = words[:words.index(">")]
        unpainted = words[1] == "report" and not QT  # the Qt-free CI job: a PDF needs Qt, and says so
        result = Cli(here)(*words[1:], ok=not (tuple(words[1:3]) in ASKS_YAHOO or unpainted))
        if unpainted:
            assert "PySide6 is not installed" in result.stderr
        if tuple(words[1:3]) in ASKS_YAHOO:
            assert "cannot reach Yahoo" in result.stderr, (line, result.stderr)
            assert "Traceback" not in result.stderr
        if redirect is not None:
            redirect.write_text(result.stdout, encoding="utf-8")
        outputs[line] = result.stdout

    assert yahoo_offline.requests, "the lines that ask Yahoo did ask it"
    examples = tmp_path / "examples"
    assert {"famille.gtbook", "famille-copy.gtbook", "demo.gtbook", "pack.json", "historique.csv",
            "pp.gtbook"} <= {path.name for path in examples.iterdir()}
    assert not QT or (examples / "famille.pdf").read_bytes().startswith(b"%PDF")
    holdings = Cli(examples)("holdings", "--book", "famille.gtbook", "--format", "json")
    held = {(row["account"], row["symbol"]): row["quantity"] for row in json.loads(holdings.stdout)}
    # banque.csv (PEA, the edit included), Account.csv (CTO, Air Liquide renamed), the line typed by hand
    assert held[("PEA", "VVSM.DE")] == "140" and held[("PEA", "AIR.PA")] == "10" and held[("CTO", "AI.PA")] == "7"
    priced = {row["symbol"]: (row["price"], row["price_source"]) for row in json.loads(holdings.stdout)}
    assert priced["STMPA.PA"] == ("21.52", "manual") and priced["ASML.AS"] == ("742.1", "manual")  # by hand, file
    streamed = [json.loads(row) for row in next(out for line, out in outputs.items() if " stream " in line).splitlines()]
    assert streamed.pop()["summary"]["ticks"] == 2
    assert {(row["symbol"], row["price"]) for row in streamed} == {("NVDA", "181.5"), ("ASML.AS", "743.2")}


def test_holdings_shows_what_a_person_reads_and_every_column_when_asked(cli, tmp_path):
    book = tmp_path / "demo.gtbook"
    cli("demo", "--book", book)
    table = cli("holdings", "--book", book).stdout.splitlines()
    assert table[0].split() == ["account", "symbol", "name", "quantity", "price", "currency", "market_value_base",
                                "unrealized_pnl_base"]
    every = cli("holdings", "--book", book, "--columns", "all").stdout.splitlines()[0].split()
    assert {"cost_basis", "price_date", "fx_rate", "portfolio"} <= set(every)
    assert cli("holdings", "--book", book, "--columns", "symbol,price_date").stdout.splitlines()[0].split() == \
        ["symbol", "price_date"]
    assert "cost_basis" in cli.json("holdings", "--book", book)[0]  # JSON keeps every field
    refused = cli("holdings", "--book", book, "--columns", "symbol,colour", ok=False)
    assert "unknown column colour" in refused.stderr and "choose from" in refused.stderr


def test_the_book_comes_from_the_environment_unless_given(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("GIGATRACKER_BOOK", str(tmp_path / "env.gtbook"))
    cli("init", "--base-currency", "EUR")
    cli("account", "add", "--portfolio", "P", "--name", "PEA", "--currency", "EUR")
    assert (tmp_path / "env.gtbook").exists()
    assert [row["name"] for row in cli.json("account", "list")] == ["PEA"]
    cli("init", "--book", tmp_path / "other.gtbook")  # --book wins
    assert cli.json("account", "list", "--book", tmp_path / "other.gtbook") == []


def test_quotes_refresh_offline_says_it_fetched_nothing_and_fails(cli, tmp_path, yahoo_offline):
    book = tmp_path / "demo.gtbook"
    cli("demo", "--book", book)
    result = cli("quotes", "refresh", "--book", book, ok=False)
    assert result.returncode == 1
    assert result.stderr.startswith("gigatracker: error: fetched nothing: cannot reach Yahoo")
    assert result.stdout == ""
