"""The market-data commands of an open book, reached as `app.market`: refresh the price cache from
Yahoo (and fill the security master and funds' look-through data on the way), report its state, and
turn the dividends and splits Yahoo reports into transactions the user accepts or dismisses."""
from __future__ import annotations

import time
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from .changes import Changed
from ..core.checks import date_problem, symbol_problem
from ..core.ledger import SECURITY_TYPES, LedgerError, Transaction, TxType
from ..core.money import decimal_text, is_currency
from ..services.market.errors import MarketDataError, NoData
from ..services.market.events import load_events, proposed_transactions, set_status
from ..services.market.refresh import RefreshReport, cache_status, fx_pairs, refresh
from ..services.market.symbols import Suggestion, choose_listing, is_isin
from ..services.store import repository as repo
from ..services.store import themes_repo

if TYPE_CHECKING:
    from .open_book import App


class MarketCommands:
    def __init__(self, app: "App"):
        self.app = app

    @property
    def book(self):
        return self.app.book

    def quote_symbols(self) -> list[str]:
        """What the book needs prices for: every security it holds or has held (its history needs their
        closes while they were held) and the FX pairs to the base currency."""
        ledger = self.app.ledger()
        txs = self.app.transactions()
        securities = {tx.symbol for tx in txs if tx.symbol and tx.type in SECURITY_TYPES} | \
            {p.symbol for p in ledger.positions()}
        currencies = {tx.currency for tx in txs} | {c for (_, c) in ledger.cash_balances()}
        benchmarks = self._benchmark_symbols()
        return sorted(securities | benchmarks) + fx_pairs(self.app.base_currency,
                                                          currencies | self._currencies_of(benchmarks))

    def _benchmark_symbols(self) -> set[str]:
        return {part.symbol for parts in self.app.performance.benchmarks().values() for part in parts}

    def _currencies_of(self, symbols: set[str]) -> set[str]:
        """The currencies the security master or the price cache knows for these symbols."""
        if not symbols:
            return set()
        master = self.app.themes.master()
        with self.book.read() as conn:
            cached = repo.price_currencies(conn, symbols)
        found = {master[s].currency if s in master and master[s].currency else cached.get(s) for s in symbols}
        return {currency for currency in found if currency}

    def refresh_quotes(self, source=None, *, symbols: list[str] | None = None, since: date | None = None,
                       pause: float = 0.2) -> RefreshReport:
        """Fetch the missing daily closes from Yahoo into the cache (see services/market/refresh.py), then
        fill the security master's empty fields and funds' look-through data."""
        source = _yahoo(source)
        wanted = symbols or self.quote_symbols()
        if since is None:
            txs = self.app.transactions()
            since = txs[0].date if txs else date.today() - timedelta(days=30)
        report = refresh(self.book, source, wanted, start=since, pause=pause)
        if report.state == "ok" and symbols is None:
            # A benchmark fetched for the first time brings its currency: its exchange rate comes next.
            missing = [pair for pair in fx_pairs(self.app.base_currency, self._currencies_of(self._benchmark_symbols()))
                       if pair not in wanted]
            if missing:
                more = refresh(self.book, source, missing, start=since, pause=pause)
                report.fetched.update(more.fetched)
                report.up_to_date += more.up_to_date
                report.failed.update(more.failed)
                report.skipped.update(more.skipped)
                wanted = wanted + missing
        if report.state == "ok":
            self._fill_master(source, wanted, report)
            self._refresh_fund_holdings(source, wanted, report)
        self.app._publish(Changed(prices=True, events=bool(report.new_events)))
        return report

    def search_listings(self, query: str, source=None) -> list:
        """Yahoo's listings for a query (an ISIN, a name, a symbol)."""
        return _yahoo(source).search(query)

    def suggest_symbols(self, source=None, *, pause: float = 0.2) -> list[Suggestion]:
        """For each security the book names by ISIN: its Yahoo listings and the one to use, if one
        clearly is (see services/market/symbols.py). Offline or rate limited: raised, nothing guessed."""
        source = _yahoo(source)
        currencies: dict[str, str] = {}
        trades_first = sorted(self.app.transactions(), key=lambda tx: tx.type not in (TxType.BUY, TxType.SELL))
        for tx in trades_first:  # the currency it was traded in (else, of its dividends)
            if tx.symbol and is_isin(tx.symbol):
                currencies.setdefault(tx.symbol, tx.currency)
        master = self.app.themes.master()
        suggestions = []
        for number, isin in enumerate(sorted(currencies)):
            if number and pause:
                time.sleep(pause)  # be gentle with Yahoo
            info = master.get(isin)
            try:
                listings = source.search(isin)
            except NoData as error:
                listings, reason = [], str(error)
            else:
                reason = ""
            choice, why = choose_listing(isin, currencies[isin], listings)
            suggestions.append(Suggestion(isin, info.name if info else "", currencies[isin], listings, choice,
                                          reason or why))
        return suggestions

    def _fill_master(self, source, symbols: list[str], report: RefreshReport) -> None:
        """Yahoo's profile for securities whose name, class or currency is unknown; only empty fields are
        filled, so the user's edits are never replaced."""
        master = self.app.themes.master()
        for symbol in symbols:
            info = master.get(symbol)
            if symbol.endswith("=X") or (info and info.name and info.asset_class and info.currency):
                continue
            try:
                found = source.metadata(symbol)
            except MarketDataError as error:
                report.failed.setdefault(symbol, f"metadata: {error}")
                continue
            missing = {k: v for k, v in found.items() if not info or not getattr(info, k)}
            if missing:
                self.app.themes.set_security(symbol, **missing)

    def _refresh_fund_holdings(self, source, symbols: list[str], report) -> None:
        """Yahoo's top holdings as look-through data for held funds that have none, or only Yahoo's
        from more than a week ago. An issuer's file (any other source) is never replaced."""

        data = self.app.themes.book_data()
        for symbol in symbols:
            info, fund = data.master.get(symbol), data.funds.get(symbol)
            if info is None or info.asset_class not in ("etf", "fund"):
                continue
            if fund is not None and (fund.source != "yahoo" or (date.today() - fund.as_of).days <= 7):
                continue
            try:
                holdings = source.fund_holdings(symbol)
            except MarketDataError as error:
                report.failed.setdefault(symbol, f"holdings: {error}")
                continue
            with self.book.write() as conn:
                themes_repo.replace_fund_holdings(conn, holdings)
            self.app._publish(Changed(funds=True))

    def market_events(self, *, include_done: bool = False):
        """Dividends and splits from Yahoo, each with the transactions accepting it would add."""

        with self.book.read() as conn:
            events = load_events(conn, include_done=include_done)
            accounts, txs = repo.load_accounts(conn), repo.load_transactions(conn)
        return [(event, proposed_transactions(event, accounts, txs)) for event in events]

    def accept_event(self, event_id: int, *, account: str | None = None) -> list[Transaction]:

        found = [(e, p) for e, p in self.market_events() if e.id == event_id]
        if not found:
            raise ValueError(f"no pending event #{event_id} (see `gigatracker quotes events`)")
        event, proposed = found[0]
        proposed = [tx for tx in proposed if account is None or tx.account == account]
        if not proposed:
            raise ValueError(f"no account held {event.symbol} on the eve of {event.date}")
        return self.app.add_transactions(proposed, then=lambda conn: set_status(conn, event_id, "accepted"),
                                         change=Changed(transactions=True, events=True))

    def dismiss_event(self, event_id: int) -> None:

        if event_id not in {e.id for e, _ in self.market_events()}:
            raise ValueError(f"no pending event #{event_id}")
        with self.book.write() as conn:
            set_status(conn, event_id, "dismissed")
        self.app._publish(Changed(events=True))

    def quote_status(self) -> list[dict]:
        return cache_status(self.book, self.quote_symbols())

    def add_price(self, symbol: str, day: date, close: Decimal, currency: str) -> None:
        """A close typed by hand (a security Yahoo does not quote, or a day it missed), kept as a manual
        price; one already there for that day is replaced. A bad value is refused with the field it names."""
        problems = []
        if why := symbol_problem(symbol):
            problems.append(("symbol", why))
        if why := date_problem(day):
            problems.append(("date", why))
        if not close.is_finite() or close <= 0:
            problems.append(("close", f"must be positive, got {close}"))
        if not is_currency(currency):
            problems.append(("currency", f"unknown currency '{currency}'"))
        if problems:
            raise LedgerError(problems[0][0], "; ".join(why for _, why in problems))
        with self.book.write() as conn:
            repo.upsert_prices(conn, [{"symbol": symbol, "date": day.isoformat(), "close": decimal_text(close),
                                       "currency": currency, "source": "manual"}])
        self.app._publish(Changed(prices=True))


def _yahoo(source):
    if source is not None:
        return source
    from ..services.market.yahoo import YahooSource  # imports yfinance and pandas: only when used
    return YahooSource()
