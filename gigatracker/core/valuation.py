"""Positions x prices x FX -> market values in the book's base currency, with provenance.

FX rates are closes of Yahoo-style pairs: `EURUSD=X` is US dollars per 1 euro. A position is valued at
its latest close on or before the as-of date, converted at the latest FX close on or before that price's
date (direct pair, inverse pair, or crossed through USD). Unrealized P&L in base currency converts the
cost basis at that same rate (docs/conventions.md).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal, localcontext
from typing import Any, Iterable

from .ledger import Account, Position
from .money import MONEY_CONTEXT

ONE = Decimal(1)


@dataclass(frozen=True, slots=True)
class Quote:
    symbol: str
    date: date
    close: Decimal
    currency: str
    source: str


@dataclass(frozen=True, slots=True)
class Rate:
    """Multiply an amount in `source` currency by `rate` to get `target` currency."""
    rate: Decimal
    date: date
    via: str  # the pair symbol(s) used, e.g. "EURUSD=X"


class PriceBook:
    """Closes per symbol, with latest-on-or-before lookups."""

    def __init__(self, quotes: Iterable[tuple[str, date, Decimal, str, str]]):
        by_symbol: dict[str, list[Quote]] = {}
        for symbol, day, close, currency, source in quotes:
            by_symbol.setdefault(symbol, []).append(Quote(symbol, day, close, currency, source))
        self._quotes = {s: sorted(q, key=lambda quote: quote.date) for s, q in by_symbol.items()}
        self._dates = {s: [quote.date for quote in q] for s, q in self._quotes.items()}

    def latest(self, symbol: str, on_or_before: date | None = None) -> Quote | None:
        quotes = self._quotes.get(symbol)
        if not quotes:
            return None
        if on_or_before is None:
            return quotes[-1]
        index = bisect.bisect_right(self._dates[symbol], on_or_before)
        return quotes[index - 1] if index else None

    def fx(self, source: str, target: str, on_or_before: date | None) -> Rate | None:
        """Rate to convert `source` currency into `target` currency."""
        if source == target:
            return Rate(ONE, on_or_before or date.min, "")
        direct = self._pair(source, target, on_or_before)
        if direct or "USD" in (source, target):
            return direct
        first, second = self._pair(source, "USD", on_or_before), self._pair("USD", target, on_or_before)
        if first and second:
            with localcontext(MONEY_CONTEXT):
                return Rate(first.rate * second.rate, min(first.date, second.date), f"{first.via}+{second.via}")
        return None

    def _pair(self, source: str, target: str, on_or_before: date | None) -> Rate | None:
        quote = self.latest(f"{source}{target}=X", on_or_before)
        if quote:
            return Rate(quote.close, quote.date, quote.symbol)
        quote = self.latest(f"{target}{source}=X", on_or_before)
        if quote:
            with localcontext(MONEY_CONTEXT):
                return Rate(ONE / quote.close, quote.date, quote.symbol)
        return None


@dataclass(frozen=True, slots=True)
class Valuation:
    portfolio: str
    account: str
    symbol: str
    currency: str
    quantity: Decimal
    cost_basis: Decimal
    average_cost: Decimal
    base_currency: str
    price: Decimal | None = None  # in the position's currency
    price_date: date | None = None
    price_source: str | None = None
    fx_rate: Decimal | None = None  # base currency per 1 unit of the position's currency
    fx_date: date | None = None
    fx_via: str | None = None
    market_value: Decimal | None = None
    market_value_base: Decimal | None = None
    unrealized_pnl_base: Decimal | None = None
    problem: str | None = None  # why a value is missing (no price, no FX rate)
    previous_close: Decimal | None = None  # the close before `price_date`, in the position's currency

    @property
    def day_change_pct(self) -> Decimal | None:
        if self.price is None or not self.previous_close:
            return None
        return (self.price / self.previous_close - 1) * 100

    @property
    def day_change_base(self) -> Decimal | None:
        if self.price is None or self.previous_close is None or self.fx_rate is None:
            return None
        return self.quantity * (self.price - self.previous_close) * self.fx_rate


def value_positions(positions: Iterable[Position], accounts: dict[str, Account], prices: PriceBook,
                    base_currency: str, as_of: date | None = None) -> list[Valuation]:
    results: list[Valuation] = []
    with localcontext(MONEY_CONTEXT):
        for position in positions:
            results.append(_value(position, accounts[position.account].portfolio, prices, base_currency, as_of))
    return results


def revalue(valuation: Valuation, price: Decimal, day: date, source: str) -> Valuation | None:
    """A valued position at a new price in its own currency (a live tick) on `day`, with the same sums as
    `value_positions`; None when it cannot be valued that way (no exchange rate to the base currency). On a
    new day, the price it had becomes its previous close (the day's change starts from it)."""
    v = valuation
    if v.fx_rate is None:
        return None
    with localcontext(MONEY_CONTEXT):
        market_value = v.quantity * price
        previous = v.price if v.price_date is not None and day > v.price_date else v.previous_close
        return replace(v, price=price, price_date=day, price_source=source, previous_close=previous,
                       market_value=market_value, market_value_base=market_value * v.fx_rate,
                       unrealized_pnl_base=(market_value - v.cost_basis) * v.fx_rate)


def _value(position: Position, portfolio: str, prices: PriceBook, base: str, as_of: date | None) -> Valuation:
    def valued(**outcome: Any) -> Valuation:  # the position's own fields, with what valuing it came to
        return Valuation(portfolio=portfolio, account=position.account, symbol=position.symbol,
                         currency=position.currency, quantity=position.quantity, cost_basis=position.cost_basis,
                         average_cost=position.average_cost, base_currency=base, **outcome)

    quote = prices.latest(position.symbol, as_of)
    if quote is None:
        return valued(problem=f"no price for {position.symbol}")
    price = quote.close
    if quote.currency != position.currency:  # e.g. a close quoted in USD for a position bought in EUR
        to_position = prices.fx(quote.currency, position.currency, quote.date)
        if to_position is None:
            return valued(price_date=quote.date, price_source=quote.source,
                          problem=f"no FX rate {quote.currency}->{position.currency}")
        price = price * to_position.rate
    else:
        to_position = None
    before = prices.latest(position.symbol, quote.date - timedelta(days=1))
    previous = None
    if before is not None and before.currency == quote.currency:
        previous = before.close * to_position.rate if to_position else before.close
    market_value = position.quantity * price
    quoted = dict(price=price, price_date=quote.date, price_source=quote.source, market_value=market_value,
                  previous_close=previous)
    rate = prices.fx(position.currency, base, quote.date)
    if rate is None:
        return valued(**quoted, problem=f"no FX rate {position.currency}->{base}")
    return valued(**quoted, fx_rate=rate.rate, fx_date=rate.date if rate.via else None, fx_via=rate.via or None,
                  market_value_base=market_value * rate.rate,
                  unrealized_pnl_base=(market_value - position.cost_basis) * rate.rate)


@dataclass(frozen=True)
class Item:
    """One valued position or cash balance, in the base currency: what exposure counts."""
    portfolio: str
    account: str
    symbol: str | None  # None for a cash balance
    currency: str
    value_base: Decimal
