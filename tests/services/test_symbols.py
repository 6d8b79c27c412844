"""From ISINs (as DEGIRO and Portfolio Performance name securities) to the Yahoo listing to quote them by:
Yahoo's search through yfinance's own parsing (recorded and hand-written responses, no network), and the
choice of listing by the currency the user traded in and the security's home exchange."""
from datetime import date
from decimal import Decimal as D

import pytest
import yfinance as yf

from gigatracker.app import App
from gigatracker.core.ledger import Transaction, TxType
from gigatracker.services.market.errors import Offline
from gigatracker.services.market.symbols import Listing, choose_listing, is_isin
from gigatracker.services.market.yahoo import YahooSource
from tests.support.yahoo_http import RecordedYahoo

TOTAL, NVIDIA, UNKNOWN_TO_YAHOO = "FR0000120271", "US67066G1040", "NO0010123060"


@pytest.fixture
def yahoo(tmp_path):
    yf.set_tz_cache_location(str(tmp_path / "yf-tz"))
    yf.data.YfData.cache_get.cache_clear()  # yfinance memoises GETs
    adapter = RecordedYahoo()
    return adapter, YahooSource(adapter.session())


def test_isins_are_recognised_by_their_check_digit():
    assert all(is_isin(code) for code in (TOTAL, NVIDIA, UNKNOWN_TO_YAHOO, "IE00B4L5Y983", "NL0010273215"))
    assert not any(is_isin(code) for code in ("US67066G1041", "NVDA", "TTE.PA", "fr0000120271", "BJ0CDD2"))


def test_yahoo_search_gives_the_listings(yahoo):
    _, source = yahoo
    listings = source.search(TOTAL)
    assert [(x.symbol, x.exchange, x.exchange_name, x.currency) for x in listings] == [
        ("TTE", "NYQ", "NYSE", "USD"), ("TTE.PA", "PAR", "Paris", "EUR"), ("TOTB.DE", "GER", "XETRA", "EUR")]
    assert listings[1].name == "TotalEnergies SE" and listings[1].kind == "EQUITY"
    # recorded from Yahoo: a SEDOL finds its one listing, and an ISIN Yahoo does not know finds nothing
    assert [(x.symbol, x.currency) for x in source.search("BJ0CDD2")] == [("MNTN.L", "GBP")]
    assert source.search(UNKNOWN_TO_YAHOO) == []


def test_no_network_is_offline(yahoo):
    adapter, source = yahoo
    adapter.mode = "offline"
    with pytest.raises(Offline):
        source.search(TOTAL)


def test_the_listing_in_the_traded_currency_on_the_home_exchange(yahoo):
    _, source = yahoo
    total = source.search(TOTAL)
    assert choose_listing(TOTAL, "EUR", total) == ("TTE.PA", "the EUR listing on Paris")  # home before XETRA
    assert choose_listing(TOTAL, "USD", total) == ("TTE", "the USD listing on NYSE")
    assert choose_listing(TOTAL, "GBP", total) == (None, "no listing in GBP: choose one")
    nvidia = source.search(NVIDIA)
    assert choose_listing(NVIDIA, "USD", nvidia)[0] == "NVDA"
    assert choose_listing(NVIDIA, "EUR", nvidia)[0] == "NVD.DE"  # bought on XETRA: not the home market
    assert choose_listing(UNKNOWN_TO_YAHOO, "NOK", []) == (None, "Yahoo has no quoted listing for this ISIN")
    option = Listing("TTE260116C00060000", "", "OPR", "OPR", "OPTION")
    assert choose_listing(TOTAL, "USD", [option]) == (None, "Yahoo has no quoted listing for this ISIN")


def test_the_book_s_isins_get_suggestions(yahoo, tmp_path):
    _, source = yahoo
    with App.create(tmp_path / "b.gtbook", "EUR") as app:
        app.add_account("Moi", "DEGIRO", "EUR")
        day = date(2024, 3, 1)
        app.add_transactions([
            Transaction(day, "DEGIRO", TxType.DEPOSIT, "EUR", amount=D(5000)),
            Transaction(day, "DEGIRO", TxType.BUY, "EUR", TOTAL, D(10), D(60)),
            Transaction(day, "DEGIRO", TxType.BUY, "EUR", NVIDIA, D(2), D(800)),
            Transaction(day, "DEGIRO", TxType.BUY, "EUR", UNKNOWN_TO_YAHOO, D(5), D(10)),
            Transaction(day, "DEGIRO", TxType.BUY, "EUR", "ASML.AS", D(1), D(900)),  # a ticker already
        ])
        app.themes.set_security(TOTAL, name="TotalEnergies SE", isin=TOTAL)
        found = {s.symbol: s for s in app.market.suggest_symbols(source, pause=0)}
    assert sorted(found) == [TOTAL, UNKNOWN_TO_YAHOO, NVIDIA]
    assert (found[TOTAL].choice, found[TOTAL].name, found[TOTAL].currency) == ("TTE.PA", "TotalEnergies SE", "EUR")
    assert found[NVIDIA].choice == "NVD.DE" and len(found[NVIDIA].listings) == 3
    assert (found[UNKNOWN_TO_YAHOO].choice, found[UNKNOWN_TO_YAHOO].reason) == (
        None, "Yahoo has no quoted listing for this ISIN")
