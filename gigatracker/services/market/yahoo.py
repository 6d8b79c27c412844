"""The yfinance adapter: what GigaTracker asks of Yahoo, in our own types.

- `history`: daily closes plus dividends and splits (events the user may accept into the ledger);
- `metadata`: name, currency, asset class (from quoteType), exchange, sector, industry, country;
- `fund_holdings`: a fund's top holdings as look-through data (source `yahoo`);
- `search`: the listings Yahoo finds for a query (an ISIN gives that security's listings);
- FX rates are the history of pair symbols (`EURUSD=X`).

Floats from yfinance become Decimals at the quote's own precision (`priceHint`), and minor-unit quotes
are normalised (GBp/GBX -> GBP / 100, ZAc -> ZAR, ILA -> ILS). Failures are sorted into what the caller
must treat differently: `RateLimited` (back off, keep serving the cache), `Offline` (no network), `NoData`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

import logging

import requests
import yfinance as yf  # type: ignore[import-untyped]  # yfinance ships no types
from curl_cffi.requests import exceptions as curl_errors  # yfinance's own session is curl_cffi
from yfinance.exceptions import YFException, YFRateLimitError  # type: ignore[import-untyped]  # ships no types

from ...core.exposure import FundHolding, FundHoldings
from ...core.money import normalize_quote
from .errors import SOURCE, NoData, Offline, RateLimited
from .symbols import Listing

# sectorWeightings keys -> the sector names Yahoo's profiles use (so look-through lines up with the master).
YAHOO_SECTORS = {"realestate": "Real Estate", "consumer_cyclical": "Consumer Cyclical",
                 "basic_materials": "Basic Materials", "consumer_defensive": "Consumer Defensive",
                 "technology": "Technology", "communication_services": "Communication Services",
                 "financial_services": "Financial Services", "utilities": "Utilities", "industrials": "Industrials",
                 "energy": "Energy", "healthcare": "Healthcare"}
ASSET_CLASSES = {"EQUITY": "equity", "ETF": "etf", "MUTUALFUND": "fund", "CRYPTOCURRENCY": "crypto",
                 "CURRENCY": "cash", "MONEYMARKET": "fund", "BOND": "bond"}

# Raise instead of logging and returning empty frames, so that failures can be told apart; our own
# messages (offline, rate limited, no data) replace yfinance's warnings.
yf.config.debug.hide_exceptions = False
logging.getLogger("yfinance").setLevel(logging.ERROR)


@dataclass
class History:
    symbol: str
    currency: str
    closes: list[tuple[date, Decimal]] = field(default_factory=list)
    dividends: list[tuple[date, Decimal]] = field(default_factory=list)  # per share, in `currency`
    splits: list[tuple[date, Decimal]] = field(default_factory=list)  # new shares per old share


def _decimal(value: float, decimals: int) -> Decimal:
    return Decimal(f"{value:.{decimals}f}").normalize()


class YahooSource:
    def __init__(self, session: requests.Session | None = None):
        self.session = session  # None: yfinance's own session

    def _ticker(self, symbol: str) -> yf.Ticker:
        return yf.Ticker(symbol, session=self.session) if self.session is not None else yf.Ticker(symbol)

    def _call(self, symbol: str, fetch):
        try:
            return fetch()
        except YFRateLimitError:
            raise RateLimited("Yahoo is rate limiting requests (HTTP 429)") from None
        except (requests.exceptions.ConnectionError, curl_errors.ConnectionError) as error:
            raise Offline(f"cannot reach Yahoo ({type(error).__name__})") from None
        except (requests.exceptions.Timeout, curl_errors.Timeout, TimeoutError):
            raise Offline("Yahoo did not answer in time") from None
        except YFException as error:
            raise NoData(f"{symbol}: {error}") from None
        except requests.exceptions.HTTPError as error:
            if error.response is not None and error.response.status_code == 429:
                raise RateLimited("Yahoo is rate limiting requests (HTTP 429)") from None
            raise NoData(f"{symbol}: {error}") from None

    def history(self, symbol: str, start: date, end: date) -> History:
        """Daily bars from `start` to `end` inclusive."""
        ticker = self._ticker(symbol)
        frame = self._call(symbol, lambda: ticker.history(start=start.isoformat(),
                                                          end=(end + timedelta(days=1)).isoformat(),
                                                          interval="1d", auto_adjust=False, actions=True))
        meta = ticker.history_metadata or {}
        quoted = meta.get("currency") or ""
        decimals = int(meta.get("priceHint") or 2) + (2 if quoted in ("GBp", "GBX", "ZAc", "ILA") else 0)
        currency = normalize_quote(Decimal(1), quoted)[1]
        result = History(symbol, currency)
        if frame is None or frame.empty:
            return result
        for stamp, row in frame.iterrows():
            day = stamp.date()
            if row.get("Close") == row.get("Close"):  # not NaN
                result.closes.append((day, normalize_quote(_decimal(row["Close"], decimals), quoted)[0]))
            if row.get("Dividends", 0):
                result.dividends.append((day, normalize_quote(_decimal(row["Dividends"], 6), quoted)[0]))
            if row.get("Stock Splits", 0):
                result.splits.append((day, _decimal(row["Stock Splits"], 6)))
        return result

    def metadata(self, symbol: str) -> dict[str, str]:
        """Security master fields Yahoo knows (empty strings left out)."""
        info = self._call(symbol, lambda: self._ticker(symbol).get_info())
        if not info:
            raise NoData(f"{symbol}: Yahoo has no profile")
        fields = {
            "name": info.get("longName") or info.get("shortName") or "",
            "currency": normalize_quote(Decimal(1), info.get("currency") or "")[1],
            "asset_class": ASSET_CLASSES.get(str(info.get("quoteType") or "").upper(), ""),
            "exchange": info.get("exchange") or "",
            "sector": info.get("sector") or "",
            "industry": info.get("industry") or "",
            "country": info.get("country") or "",
        }
        return {k: str(v).strip() for k, v in fields.items() if v}

    def fund_holdings(self, symbol: str, as_of: date | None = None) -> FundHoldings:
        """A fund's top holdings (Yahoo publishes the largest ones only, so coverage is partial) and its
        sector weightings (for the part the top holdings do not cover)."""
        funds = self._call(symbol, lambda: self._ticker(symbol).funds_data)
        top = self._call(symbol, lambda: funds.top_holdings)
        if top is None or top.empty:
            raise NoData(f"{symbol}: Yahoo lists no holdings")
        holdings = tuple(FundHolding(str(holding), str(row.get("Name") or ""), "",
                                     _decimal(float(row["Holding Percent"]), 6))
                         for holding, row in top.iterrows())
        weights = self._call(symbol, lambda: funds.sector_weightings) or {}
        sectors = tuple((YAHOO_SECTORS.get(key, key.replace("_", " ").title()), _decimal(float(w), 6))
                        for key, w in sorted(weights.items()) if w)
        return FundHoldings(symbol, as_of or date.today(), SOURCE, holdings, sectors)

    def search(self, query: str) -> list[Listing]:
        """Yahoo's listings for a query, most relevant first (none is not an error: Yahoo may not know it)."""
        found = self._call(query, lambda: yf.Search(query, max_results=10, news_count=0, lists_count=0,
                                                    include_cb=False, recommended=0, session=self.session).quotes)
        return [Listing(str(quote["symbol"]), str(quote.get("longname") or quote.get("shortname") or ""),
                        str(quote.get("exchange") or ""), str(quote.get("exchDisp") or ""),
                        str(quote.get("quoteType") or "").upper()) for quote in found or []]
