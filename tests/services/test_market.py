"""The yfinance adapter and the price cache, against real recorded Yahoo responses (no network):
yfinance's own parsing runs on them through a requests adapter (tests/support/yahoo_http.py)."""
from datetime import date
from decimal import Decimal as D

import pytest
import yfinance as yf

from gigatracker.app import App
from gigatracker.core.ledger import Transaction, TxType
from gigatracker.services.market.errors import NoData
from gigatracker.services.market.refresh import MAX_FAILURES
from gigatracker.services.market.yahoo import YahooSource
from tests.support.yahoo_http import RecordedYahoo


@pytest.fixture
def yahoo(tmp_path):
    yf.set_tz_cache_location(str(tmp_path / "yf-tz"))
    yf.data.YfData.cache_get.cache_clear()  # yfinance memoises GETs across tickers
    adapter = RecordedYahoo()
    return adapter, YahooSource(adapter.session())


def test_history_with_split_and_dividend(yahoo):
    _, source = yahoo
    history = source.history("AAPL", date(2020, 8, 31), date(2020, 11, 6))
    assert history.currency == "USD" and len(history.closes) == 49
    assert history.closes[0] == (date(2020, 8, 31), D("129.04")) and history.closes[-1] == (date(2020, 11, 6), D("118.69"))
    assert history.splits == [(date(2020, 8, 31), D(4))]
    assert history.dividends == [(date(2020, 11, 6), D("0.205"))]


def test_pence_become_pounds_and_fx_pairs_are_prices(yahoo):
    _, source = yahoo
    ocado = source.history("OCDO.L", date(2020, 1, 1), date(2020, 1, 2))
    assert (ocado.currency, ocado.closes) == ("GBP", [(date(2020, 1, 2), D("12.595"))])  # 1259.5 GBp
    eurusd = source.history("EURUSD=X", date(2020, 1, 1), date(2020, 1, 2))
    assert eurusd.currency == "USD" and eurusd.closes[-1] == (date(2020, 1, 2), D("1.1221"))


def test_metadata_and_fund_holdings(yahoo):
    _, source = yahoo
    assert source.metadata("QQQ") == {"name": "Invesco QQQ Trust", "currency": "USD", "asset_class": "etf",
                                      "exchange": "NGM"}
    ocado = source.metadata("OCDO.L")
    assert (ocado["currency"], ocado["sector"], ocado["country"]) == ("GBP", "Consumer Defensive", "United Kingdom")
    fund = source.fund_holdings("QQQ", as_of=date(2025, 3, 25))
    assert (fund.source, fund.as_of, len(fund.holdings)) == ("yahoo", date(2025, 3, 25), 10)
    assert (fund.holdings[0].symbol, fund.holdings[0].weight) == ("AAPL", D("0.090071"))
    assert D("0.5") < fund.covered < D("0.51")
    assert dict(fund.sector_weights)["Communication Services"] == D("0.1608")


def test_unknown_symbol_is_no_data(yahoo):
    _, source = yahoo
    with pytest.raises(NoData):
        source.history("NOPE", date(2020, 1, 1), date(2020, 1, 2))


@pytest.fixture
def book(tmp_path):
    app = App.create(tmp_path / "b.gtbook", "EUR")
    app.add_account("P", "CTO", "EUR")
    for symbol, currency, price in (("QQQ", "USD", "212"), ("OCDO.L", "GBP", "12.5")):
        app.add_transaction(Transaction(date(2020, 1, 2), "CTO", TxType.BUY, currency, symbol, D(10), D(price)))
    app.themes.set_security("OCDO.L", sector="Groceries")  # the user's own edit
    yield app
    app.close()  # closing twice is harmless (a test may have closed it to hand the book to the CLI)


def test_refresh_fills_the_cache_and_the_master_without_overwriting_edits(yahoo, book):
    adapter, source = yahoo
    assert book.market.quote_symbols() == ["OCDO.L", "QQQ", "EURGBP=X", "EURUSD=X"]
    report = book.market.refresh_quotes(source, pause=0)
    assert report.state == "ok"
    assert report.fetched == {"EURUSD=X": 3, "OCDO.L": 1, "QQQ": 1}  # what the recorded charts hold
    assert "EURGBP=X" in report.failed  # nothing recorded for it
    holdings = {h.symbol: h for h in book.holdings()}
    assert (holdings["OCDO.L"].price, holdings["OCDO.L"].price_source, holdings["OCDO.L"].currency) == \
        (D("12.595"), "yahoo", "GBP")
    assert holdings["QQQ"].market_value_base is not None  # valued through EURUSD=X from the cache
    master = book.themes.master()
    assert (master["QQQ"].name, master["QQQ"].asset_class) == ("Invesco QQQ Trust", "etf")
    assert (master["OCDO.L"].sector, master["OCDO.L"].country) == ("Groceries", "United Kingdom")
    qqq = book.themes.book_data().funds["QQQ"]  # an ETF: Yahoo's top holdings become look-through data
    assert qqq.source == "yahoo" and len(qqq.holdings) == 10
    assert dict(qqq.sector_weights)["Technology"] == D("0.5083")  # and its sector weightings
    # A second run asks only for the days after the last cached close (2020-01-02 -> from 2020-01-03).
    adapter.requests.clear()
    book.market.refresh_quotes(source, pause=0, symbols=["QQQ"], since=date(2020, 1, 1))
    [chart] = [url for url in adapter.requests if "/chart/QQQ" in url]
    assert "period1=1578027600" in chart  # 2020-01-03 00:00 New York time


def test_a_failing_symbol_is_skipped_after_a_few_tries(yahoo, book):
    _, source = yahoo
    for _ in range(MAX_FAILURES):
        assert "NOPE" in book.market.refresh_quotes(source, pause=0, symbols=["NOPE"]).failed
    report = book.market.refresh_quotes(source, pause=0, symbols=["NOPE"])
    assert report.skipped["NOPE"].startswith(f"skipped after {MAX_FAILURES} failures: NOPE:")
    [status] = [row for row in book.market.quote_status() if row["symbol"] == "NOPE"]
    assert status["skipped"] and status["failures"] == MAX_FAILURES


def test_rate_limit_backs_off_and_serves_the_cache(yahoo, book):
    adapter, source = yahoo
    book.market.refresh_quotes(source, pause=0, symbols=["QQQ"])
    cached = book.holdings()
    adapter.mode = "rate-limited"
    report = book.market.refresh_quotes(source, pause=0, symbols=["OCDO.L"])
    assert report.state == "rate-limited" and "serving cached prices" in report.message
    adapter.mode = "recorded"
    asked = len(adapter.requests)
    waiting = book.market.refresh_quotes(source, pause=0, symbols=["OCDO.L"])
    assert waiting.state == "rate-limited" and len(adapter.requests) == asked  # backing off: nothing sent
    assert book.holdings() == cached


def test_no_network_means_offline_not_a_crash(yahoo, book):
    adapter, source = yahoo
    adapter.mode = "offline"
    report = book.market.refresh_quotes(source, pause=0)
    assert report.state == "offline" and "cannot reach Yahoo" in report.message
    assert {h.symbol for h in book.holdings()} == {"QQQ", "OCDO.L"}


def test_quotes_status_cli_shows_staleness_and_failures(yahoo, book, cli):
    _, source = yahoo
    book.market.refresh_quotes(source, pause=0)
    path = book.book.path
    book.close()
    rows = {row["symbol"]: row for row in cli.json("quotes", "status", "--book", path)}
    assert rows["QQQ"]["last_close"] == "2020-01-02" and rows["QQQ"]["source"] == "yahoo"
    assert rows["QQQ"]["stale"] is True  # a 2020 close is long stale
    assert rows["EURGBP=X"]["last_close"] is None and rows["EURGBP=X"]["failures"] == 1
    assert rows["EURGBP=X"]["last_error"].startswith("EURGBP=X:")


def test_dividends_and_splits_become_events_the_user_can_accept(yahoo, tmp_path):
    _, source = yahoo
    app = App.create(tmp_path / "aapl.gtbook", "USD")
    app.add_account("P", "CTO", "USD")
    app.add_account("P", "IRA", "USD")
    app.add_transaction(Transaction(date(2020, 8, 3), "CTO", TxType.BUY, "USD", "AAPL", D(10), D(400)))
    app.add_transaction(Transaction(date(2020, 8, 3), "IRA", TxType.BUY, "USD", "AAPL", D(1), D(400)))
    report = app.market.refresh_quotes(source, pause=0, symbols=["AAPL"], since=date(2020, 8, 31))
    assert report.new_events == 2
    events = {e.kind: (e, proposed) for e, proposed in app.market.market_events()}
    split, proposed = events["split"]
    assert (split.date, split.value) == (date(2020, 8, 31), D(4))
    assert sorted((tx.account, tx.ratio) for tx in proposed) == [("CTO", D(4)), ("IRA", D(4))]
    app.market.accept_event(split.id)
    dividend, proposed = {e.kind: (e, p) for e, p in app.market.market_events()}["dividend"]
    # After the 4:1 split the CTO holds 40 shares: 40 x 0.205 = 8.20 USD; the IRA 4 x 0.205 = 0.82.
    assert sorted((tx.account, tx.amount) for tx in proposed) == [("CTO", D("8.200")), ("IRA", D("0.820"))]
    app.market.accept_event(dividend.id, account="CTO")
    assert app.market.market_events() == []  # the dividend is accepted (for the CTO only)
    assert {p.account: p.quantity for p in app.ledger().positions()} == {"CTO": D(40), "IRA": D(4)}
    assert app.ledger().income_totals()[("CTO", "USD", "dividends")] == D("8.20")
    again = app.market.refresh_quotes(source, pause=0, symbols=["AAPL"], since=date(2020, 8, 31))
    assert again.new_events == 0  # seen once, kept once
    with pytest.raises(ValueError, match="no pending event"):
        app.market.accept_event(dividend.id)
    app.close()


def test_events_through_the_cli(yahoo, tmp_path, cli):
    _, source = yahoo
    path = tmp_path / "cli.gtbook"
    with App.create(path, "USD") as app:
        app.add_account("P", "CTO", "USD")
        app.add_transaction(Transaction(date(2020, 8, 3), "CTO", TxType.BUY, "USD", "AAPL", D(10), D(400)))
        app.market.refresh_quotes(source, pause=0, symbols=["AAPL"], since=date(2020, 8, 31))
    events = {e["kind"]: e for e in cli.json("quotes", "events", "--book", path)}
    assert events["split"]["proposed"] == "CTO: SPLIT ratio 4"
    assert events["dividend"]["proposed"] == "CTO: DIVIDEND 2.050 USD"  # 10 shares until the split is booked
    assert "added SPLIT AAPL on 2020-08-31 to 'CTO'" in cli("quotes", "accept", str(events["split"]["id"]),
                                                         "--book", path).stdout
    cli("quotes", "dismiss", str(events["dividend"]["id"]), "--book", path)
    assert cli.json("quotes", "events", "--book", path) == []
    assert {e["status"] for e in cli.json("quotes", "events", "--all", "--book", path)} == {"accepted", "dismissed"}
    assert "no pending event" in cli("quotes", "accept", "999", "--book", path, ok=False).stderr


def test_a_benchmark_is_fetched_with_its_exchange_rate(yahoo, tmp_path):
    """A benchmark the book holds nothing of (QQQ, in dollars, in a EUR book holding pounds only): quote
    refresh fetches its closes, then the exchange rate its currency needs, in the same run."""
    _adapter, source = yahoo
    with App.create(tmp_path / "b.gtbook", "EUR") as app:
        app.add_account("P", "CTO", "EUR")
        app.add_transaction(Transaction(date(2020, 1, 2), "CTO", TxType.BUY, "GBP", "OCDO.L", D(10), D("12.5")))
        app.performance.set_benchmark(None, ["QQQ"])
        assert app.market.quote_symbols() == ["OCDO.L", "QQQ", "EURGBP=X"]  # QQQ's currency is not known yet
        report = app.market.refresh_quotes(source, pause=0)
        assert report.fetched == {"EURUSD=X": 3, "OCDO.L": 1, "QQQ": 1}
        assert "EURUSD=X" in app.market.quote_symbols()  # known from now on
