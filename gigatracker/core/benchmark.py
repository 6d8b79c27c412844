"""A benchmark to measure a scope against: one Yahoo symbol or a blend (60 % SOXX + 40 % URTH), its daily
returns in the base currency, and how the scope compares (excess return, beta, tracking error).

A blend is rebalanced to its weights every day (its return on a day is the weighted sum of its parts'
returns). Closes are converted to the base currency on their day, so a EUR investor's benchmark counts the
dollar's moves as the portfolio's US holdings do. Closes are carried over days without a quote, as for
securities (core/quotes.py); before its first close a benchmark does not move, and that is said.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import cast

import numpy as np
import numpy.typing as npt

from .quotes import FxRates, QuoteTable, from_day_number
from .returns import holidays
from .themes import FULL_BP

TRADING_DAYS = 252  # tracking error is annualized with sqrt(252), the usual convention (Bacon 2008, ch. 4)


class BenchmarkError(ValueError):
    """A benchmark that cannot be read or measured; the message says why."""


@dataclass(frozen=True)
class BenchmarkPart:
    symbol: str
    weight_bp: int


def parse_benchmark(specs: list[str]) -> list[BenchmarkPart]:
    """`SOXX` or `SOXX=60% URTH=40%` (also `SOXX=6000,URTH=4000` in basis points, or comma-separated in one
    argument). Parts without a weight share what the others leave equally; the weights add up to 100 %."""
    items = [item.strip() for spec in specs for item in spec.split(",") if item.strip()]
    if not items:
        raise BenchmarkError("name at least one symbol (e.g. SOXX, or SOXX=60% URTH=40%)")
    named: dict[str, int | None] = {}
    for item in items:
        symbol, sep, weight = item.partition("=")
        symbol = symbol.strip()
        if not symbol or any(ch.isspace() or not ch.isprintable() for ch in symbol):
            raise BenchmarkError(f"'{item}' does not start with a symbol")
        if symbol in named:
            raise BenchmarkError(f"{symbol} is named twice")
        named[symbol] = _weight(item, weight.strip()) if sep else None
    given = sum(w for w in named.values() if w is not None)
    free = [s for s, w in named.items() if w is None]
    if free:
        if given >= FULL_BP:
            raise BenchmarkError(f"the weights given already add up to {given / 100:g} %: nothing is left for "
                                 f"{', '.join(free)}")
        share, extra = divmod(FULL_BP - given, len(free))
        for i, symbol in enumerate(free):
            named[symbol] = share + (1 if i < extra else 0)
    elif given != FULL_BP:
        raise BenchmarkError(f"the weights add up to {given / 100:g} %, not 100 %")
    return [BenchmarkPart(symbol, cast(int, weight)) for symbol, weight in named.items()]  # every weight is set by now


def _weight(item: str, text: str) -> int:
    try:
        if text.endswith("%"):
            bp = float(text[:-1].replace(",", ".").strip()) * 100
            if not math.isfinite(bp) or abs(bp - round(bp)) > 1e-6:
                raise ValueError
            bp = round(bp)
        else:
            bp = int(text)
    except ValueError:
        raise BenchmarkError(f"'{item}': the weight should be a percentage (60%) or basis points (6000)") from None
    if not 0 < bp <= FULL_BP:
        raise BenchmarkError(f"'{item}': a weight is between 0 and 100 %")
    return bp


def describe(parts: list[BenchmarkPart]) -> str:
    """`SOXX` or `60 % SOXX + 40 % URTH`."""
    if len(parts) == 1:
        return parts[0].symbol
    return " + ".join(f"{p.weight_bp / 100:g} % {p.symbol}" for p in parts)


def spec_text(parts: list[BenchmarkPart]) -> str:
    """The stored form: `SOXX=6000,URTH=4000`."""
    return ",".join(f"{p.symbol}={p.weight_bp}" for p in parts)


@dataclass
class BenchmarkSeries:
    name: str
    delta: npt.NDArray[np.float64]  # daily returns in the base currency (0 on the first day)
    cumulative: npt.NDArray[np.float64]
    notes: list[str] = field(default_factory=list)


def benchmark_series(parts: list[BenchmarkPart], table: QuoteTable, rates: FxRates, days: npt.NDArray[np.int64]
                     ) -> BenchmarkSeries:
    """The blend's daily returns over `days` (consecutive day numbers)."""
    delta = np.zeros(len(days))
    notes = []
    for part in parts:
        found = table.daily(part.symbol, days)
        if found is None:
            raise BenchmarkError(f"no closes for the benchmark {part.symbol} in the price cache: "
                                 "`gigatracker quotes refresh` fetches them")
        closes, ages = found
        currency = cast(str, table.currency(part.symbol))  # it has closes, so it has their currency
        rate = rates.daily(currency, days)
        if rate is None:
            raise BenchmarkError(f"no exchange rate from {currency} (the benchmark {part.symbol}'s currency) to "
                                 f"{rates.base} in the price cache: `gigatracker quotes refresh` fetches it")
        value = closes * rate
        with np.errstate(divide="ignore", invalid="ignore"):
            own = np.where(value[:-1] > 0, value[1:] / np.where(value[:-1] > 0, value[:-1], 1.0) - 1.0, 0.0)
        delta[1:] += part.weight_bp / FULL_BP * own
        early = int((ages < 0).sum())
        if early:
            first = from_day_number(cast(int, table.first_day(part.symbol)))  # it has closes: a first one
            notes.append(f"{part.symbol}: no close before {first.isoformat()}"
                         f"; flat over the {early} days before it")
    cumulative = cast(npt.NDArray[np.float64], np.cumprod(1.0 + delta) - 1.0)  # float64 (numpy's stubs: floating)
    return BenchmarkSeries(describe(parts), delta, cumulative, notes)


@dataclass(frozen=True)
class Comparison:
    benchmark: str
    ttwror: float  # the scope's
    benchmark_ttwror: float
    excess: float  # scope minus benchmark (arithmetic)
    beta: float | None
    tracking_error: float | None  # annualized
    returns: int  # how many daily returns beta and tracking error count
    notes: tuple[str, ...] = ()


def compare(days: npt.NDArray[np.int64], delta: npt.NDArray[np.float64], cumulative: npt.NDArray[np.float64],
            values: npt.NDArray[np.float64], bench: BenchmarkSeries) -> Comparison:
    """The scope (its daily returns, cumulative TTWROR and values) against the benchmark over the same days.
    Beta and tracking error use the days volatility uses: trading days with a value on them and the day
    before (core/returns.py)."""
    kept = np.zeros(len(days), dtype=bool)
    kept[1:] = (values[1:] != 0) & (values[:-1] != 0)
    kept &= ~holidays(days)
    own, theirs = delta[kept], bench.delta[kept]
    beta = tracking = None
    if len(own) > 2:
        spread = np.var(theirs, ddof=1)
        beta = float(np.cov(own, theirs, ddof=1)[0, 1] / spread) if spread > 0 else None
        tracking = float(np.std(own - theirs, ddof=1) * math.sqrt(TRADING_DAYS))
    mine = float(cumulative[-1]) if len(cumulative) else 0.0
    other = float(bench.cumulative[-1]) if len(bench.cumulative) else 0.0
    return Comparison(bench.name, mine, other, mine - other, beta, tracking, int(kept.sum()), tuple(bench.notes))
