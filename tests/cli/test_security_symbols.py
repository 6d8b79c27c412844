"""`security rename` (as a subprocess) and `security find-symbols` (in process, so that Yahoo's search can
be served from recorded and hand-written responses: tests never touch the network)."""
import json

import pytest
import yfinance as yf

from gigatracker.cli import run
from gigatracker.services.market import yahoo
from tests.support.yahoo_http import RecordedYahoo

TOTAL, UNKNOWN_TO_YAHOO = "FR0000120271", "NO0010123060"
TXS = f"""date,account,type,symbol,quantity,price,amount,currency
2024-03-01,DEGIRO,DEPOSIT,,,,2000,EUR
2024-03-01,DEGIRO,BUY,{TOTAL},10,60,,EUR
2024-03-01,DEGIRO,BUY,{UNKNOWN_TO_YAHOO},5,10,,EUR
"""


@pytest.fixture
def book(cli, tmp_path):
    path = tmp_path / "isins.gtbook"
    cli("init", "--book", path)
    cli("account", "add", "--book", path, "--portfolio", "Moi", "--name", "DEGIRO", "--currency", "EUR")
    cli.import_rows(path, TXS)
    return path


@pytest.fixture
def recorded_yahoo(tmp_path, monkeypatch):
    yf.set_tz_cache_location(str(tmp_path / "yf-tz"))
    yf.data.YfData.cache_get.cache_clear()
    adapter = RecordedYahoo()
    monkeypatch.setattr(yahoo.YahooSource, "__init__", lambda self, session=None: setattr(
        self, "session", adapter.session()))
    return adapter


def test_rename_moves_the_position_and_says_so(cli, book):
    assert cli("security", "rename", TOTAL, "TTE.PA", "--book", book).stdout.strip() == \
        f"{TOTAL} is now TTE.PA (1 transaction)"
    held = {row["symbol"]: row["quantity"] for row in cli.json("holdings", "--book", book)}
    assert held == {"TTE.PA": "10", UNKNOWN_TO_YAHOO: "5"}
    refused = cli("security", "rename", "NOPE", "X", "--book", book, ok=False)
    assert refused.stderr.strip() == "gigatracker: error: symbol: no security 'NOPE' in the book"


def test_find_symbols_lists_then_applies(book, recorded_yahoo, capsys):
    assert run(["security", "find-symbols", "--book", str(book), "--format", "json"]) == 0
    rows = {row["isin"]: row for row in json.loads(capsys.readouterr().out)}
    assert (rows[TOTAL]["symbol"], rows[TOTAL]["why"], rows[TOTAL]["renamed"]) == (
        "TTE.PA", "the EUR listing on Paris", False)
    assert [listing["symbol"] for listing in rows[TOTAL]["listings"]] == ["TTE", "TTE.PA", "TOTB.DE"]
    assert rows[UNKNOWN_TO_YAHOO]["symbol"] is None
    assert run(["security", "find-symbols", "--book", str(book), "--apply", "--format", "json"]) == 0
    rows = {row["isin"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows[TOTAL]["renamed"] and not rows[UNKNOWN_TO_YAHOO]["renamed"]
    assert run(["holdings", "--book", str(book), "--format", "json"]) == 0
    assert sorted(row["symbol"] for row in json.loads(capsys.readouterr().out)) == ["NO0010123060", "TTE.PA"]


def test_find_symbols_offline_is_a_clear_error(book, recorded_yahoo, capsys):
    recorded_yahoo.mode = "offline"
    assert run(["security", "find-symbols", "--book", str(book)]) == 1
    assert capsys.readouterr().err.startswith("gigatracker: error: cannot reach Yahoo")
