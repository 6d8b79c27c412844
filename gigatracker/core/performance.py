"""How a scope (the book, a portfolio, an account, a security) has done over a period: its daily series,
TTWROR, IRR, risk, the breakdown of its value, and how well its prices cover the period.

`PerformanceBook` holds a book's ledger as columns and its price cache; each figure follows Portfolio
Performance's definitions (core/returns.py, core/flows.py, core/breakdown.py; docs/conventions.md).
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Sequence, cast

import numpy as np
import numpy.typing as npt

from .attribution import SleeveReturn, sleeve_returns
from .benchmark import BenchmarkPart, BenchmarkSeries, Comparison, benchmark_series, compare
from .breakdown import Breakdown, Partition, breakdowns
from .columns import LedgerColumns
from .flows import FlowAmounts, Scope, account_mask, scope_flows, security_flow_matrices
from .ledger import Account, Transaction
from .periods import Period
from .quotes import FxRates, QuoteTable, day_number, from_day_number
from .returns import (Drawdown, Volatility, annualized, drawdown, drawdown_series, invested_capital, irr_of,
                      ttwror, volatility)
from .themes import UNASSIGNED
from .timeline import PriceSource, Timeline, build_timeline

MAX_PRICE_AGE = 7  # days: a close older than this on a day a position is held is reported
# Each security's values, inflows and outflows: days x securities.
_Matrices = tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]


class PerformanceError(ValueError):
    """A figure that cannot be computed as asked (an unknown scope, a missing exchange rate)."""


@dataclass(frozen=True)
class PriceNote:
    """A price the series had to stretch: carried forward more than MAX_PRICE_AGE days, taken from after
    the day (before the security's first close), taken from its own trades (no close at all), or missing."""
    symbol: str
    kind: str  # "carried", "before first close", "trade prices", "no price", "FX carried", "FX from transactions"
    days: int
    on: date | None

    @property
    def message(self) -> str:
        on = cast(date, self.on)  # read only for the kinds that name a day, which always have one
        if self.kind == "carried":
            return f"{self.symbol}: close of {on.isoformat()} carried forward {self.days} days"
        if self.kind == "FX carried":
            return f"{self.symbol}: exchange rate of {on.isoformat()} carried forward {self.days} days"
        if self.kind == "before first close":
            return (f"{self.symbol}: held {self.days} days before its first close ({on.isoformat()}), "
                    "valued at that close")
        if self.kind == "trade prices":
            return f"{self.symbol}: no close in the price cache; valued at the price of its trades"
        if self.kind == "FX from transactions":
            return (f"{self.symbol}: no exchange rate in the price cache; the rates of the book's own "
                    "transactions are used")
        return f"{self.symbol}: no close and no trade price; valued at 0"


@dataclass
class Coverage:
    share: float  # of position-days valued with a close at most MAX_PRICE_AGE days old (1.0: all)
    oldest_days: int  # the oldest close (or rate) used on a day something was held, in days
    notes: list[PriceNote] = field(default_factory=list)


@dataclass
class Series:
    """The scope's daily series, one entry per calendar day from the period's start to its end."""
    days: npt.NDArray[np.int64]  # day numbers
    values: npt.NDArray[np.float64]
    inbound: npt.NDArray[np.float64]
    outbound: npt.NDArray[np.float64]
    delta: npt.NDArray[np.float64]  # daily TTWROR returns
    cumulative: npt.NDArray[np.float64]  # TTWROR since the start
    invested: npt.NDArray[np.float64]  # invested capital: the first value plus every flow since
    drawdown: npt.NDArray[np.float64]  # below the running peak of the TTWROR index
    price_age: npt.NDArray[np.int64]  # the oldest close or rate in force for what is held, in days

    def dates(self) -> list[date]:
        return [from_day_number(d) for d in self.days]


@dataclass
class Measure:
    scope: Scope
    period: Period
    base_currency: str
    ttwror: float
    ttwror_annualized: float | None
    irr: float | None
    drawdown: Drawdown
    volatility: Volatility
    breakdown: Breakdown
    coverage: Coverage
    warnings: list[str] = field(default_factory=list)  # what makes some figures mean less than they seem


@dataclass
class Window:
    """A scope over a period, cut from the book's whole history: its series and, for each security it held
    or traded in the period, its values and flows (days x securities, as a security's own scope). The
    securities' flows are cut from the whole history's as they are: their first row holds the flows of the
    period's first day, which are in its first value, and every figure leaves that row out."""
    series: Series
    symbols: list[str]
    values: npt.NDArray[np.float64]
    inbound: npt.NDArray[np.float64]
    outbound: npt.NDArray[np.float64]

    @property
    def total(self) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        return self.series.values, self.series.inbound, self.series.outbound

    def by_security(self) -> list[SleeveReturn]:
        """Each security's TTWROR, IRR, gain and contribution, then cash and other."""
        return sleeve_returns(self.symbols, self.series.days, self.total, (self.values, self.inbound, self.outbound))

    def by_key(self, fractions: dict[str, dict[str, float]]) -> list[SleeveReturn]:
        """Each key (a theme, a sector...) as a sleeve: `fractions[symbol][key]` is the security's share in it
        (a security not named, or the rest of its weights, is Unassigned); then cash and other. Keys sorted,
        Unassigned last but one; a key that holds nothing in the period is left out."""
        keys = sorted({k for symbol in self.symbols for k in fractions.get(symbol, {})} | {UNASSIGNED},
                      key=lambda k: (k == UNASSIGNED, k))
        column = {k: i for i, k in enumerate(keys)}
        matrix = np.zeros((len(self.symbols), len(keys)))
        for row, symbol in enumerate(self.symbols):
            for key, share in fractions.get(symbol, {}).items():
                matrix[row, column[key]] += share
            matrix[row, column[UNASSIGNED]] += max(0.0, 1.0 - matrix[row].sum())
        used = [i for i in range(len(keys)) if matrix[:, i].any()]
        matrix = matrix[:, used]
        return sleeve_returns([keys[i] for i in used], self.series.days, self.total,
                              (self.values @ matrix, self.inbound @ matrix, self.outbound @ matrix))


class PerformanceBook:
    """A book's series and figures for any scope and period. The series come from its columns alone; the
    exact figures (`measure`) also need its transactions as Decimals: without them (`transactions=None`,
    an engine made for charts) asking for them is a mistake in the caller."""

    def __init__(self, accounts: Sequence[Account], columns: LedgerColumns, table: QuoteTable, base_currency: str,
                 transactions: Sequence[Transaction] | None = None):
        self.accounts = list(accounts)
        self.columns = columns
        self.transactions = transactions  # the breakdown sorts them by date, stably, as the columns are
        self.table, self.base = table, base_currency
        self.rates = FxRates(table, base_currency, QuoteTable(self.columns.implied_rates(base_currency)))
        self._timelines: dict[tuple[int, int], tuple[Timeline, FlowAmounts]] = {}
        self._covering_timeline: tuple[Timeline, FlowAmounts] | None = None
        # Per set of accounts: each security's values and flows over the covering timeline (days x symbols).
        self._security_parts: dict[tuple[bool, ...] | None, _Matrices] = {}
        # Per scope: its oldest price in force, per covering day.
        self._scope_ages: dict[Scope, npt.NDArray[np.int64]] = {}

    @classmethod
    def of(cls, accounts: Sequence[Account], transactions: Sequence[Transaction], table: QuoteTable,
           base_currency: str) -> "PerformanceBook":
        """The engine of in-memory transactions, exact figures included."""
        return cls(accounts, LedgerColumns.of(accounts, transactions), table, base_currency, transactions)

    # -- scopes -------------------------------------------------------------------------------------
    def first_activity(self, scope: Scope) -> date | None:
        """The day of the scope's first transaction."""
        mask = self._scope_rows(scope)
        return from_day_number(int(self.columns.day[mask].min())) if mask.any() else None

    def _scope_rows(self, scope: Scope) -> npt.NDArray[np.bool_]:
        mask = account_mask(self._checked(scope), self.accounts)
        rows = np.ones(self.columns.n, dtype=bool) if mask is None else mask[self.columns.account]
        if scope.kind == "security":
            rows &= self.columns.symbol == self._symbol(scope)
        return rows

    def _checked(self, scope: Scope) -> Scope:
        if scope.kind != "book" and not scope.name:
            raise PerformanceError(f"a {scope.kind} scope needs a name")
        for kind, names in (("portfolio", [a.portfolio for a in self.accounts]),
                            ("account", [a.name for a in self.accounts])):
            if scope.kind == kind and scope.name not in names:  # a portfolio or an account is named
                raise PerformanceError(f"unknown {kind} '{scope.name}'{_suggest(str(scope.name), names)}")
        if scope.within is not None:
            self._checked(scope.within)
        return scope

    def _symbol(self, scope: Scope) -> int:
        name = cast(str, scope.name)  # a security's scope is named
        try:
            return self.columns.symbols.index(name)
        except ValueError:
            raise PerformanceError(f"no transaction of '{scope.name}' in this book"
                                   f"{_suggest(name, self.columns.symbols)}") from None

    # -- series -------------------------------------------------------------------------------------
    def _timeline(self, period: Period) -> tuple[Timeline, FlowAmounts]:
        key = (day_number(period.start), day_number(period.end))
        if key not in self._timelines:
            timeline = build_timeline(self.columns, self.rates, *key)
            self._timelines = {key: (timeline, FlowAmounts(timeline))}
        return self._timelines[key]

    def _covering(self, period: Period) -> tuple[Timeline, FlowAmounts, int]:
        """A timeline from the book's first day (or the period's start, if earlier) to the period's end or
        later, kept across calls: each period is then a slice of it (what a window switching periods and
        scopes needs). Returns it and the period's first row in it."""
        first = day_number(period.start)
        last = day_number(period.end)
        held = self._covering_timeline
        if held is None or held[0].days[0] > first or held[0].days[-1] < last:
            start = first if not self.columns.n else min(first, int(self.columns.day.min()) - 1)
            if held is not None:
                start, last = min(start, int(held[0].days[0])), max(last, int(held[0].days[-1]))
            timeline = build_timeline(self.columns, self.rates, start, last)
            held = self._covering_timeline = (timeline, FlowAmounts(timeline))
            self._security_parts, self._scope_ages = {}, {}
        return held[0], held[1], first - int(held[0].days[0])

    def _securities_over(self, timeline: Timeline, amounts: FlowAmounts, mask: npt.NDArray[np.bool_] | None
                         ) -> _Matrices:
        """Each security's values, inflows and outflows in the accounts of the mask over the covering
        timeline, kept: a period is then a slice of them."""
        key = None if mask is None else tuple(mask.tolist())
        if key not in self._security_parts:
            inbound, outbound = security_flow_matrices(amounts, None, mask)
            self._security_parts[key] = (timeline.values_by_symbol(mask), inbound, outbound)
        return self._security_parts[key]

    def window(self, scope: Scope, period: Period, *, securities: bool = True) -> Window:
        """The scope over the period, sliced from the covering timeline (the same figures as `series`);
        without `securities`, only the scope's own series (its securities' parts are left empty)."""
        timeline, amounts, a = self._covering(period)
        b = a + period.days + 1
        accounts = account_mask(self._checked(scope), self.accounts)
        symbol = self._symbol(scope) if scope.kind == "security" else None
        self._check_rates(timeline, accounts, symbol)
        flows = scope_flows(amounts, scope, accounts, symbol)
        if scope not in self._scope_ages:
            self._scope_ages[scope] = self._price_ages(timeline, scope)[0]
        ages = self._scope_ages[scope]
        series = _series(timeline.days[a:b], timeline.value(accounts=accounts, symbol=symbol)[a:b],
                         _from_second(flows.inbound[a:b]), _from_second(flows.outbound[a:b]), ages[a:b])
        if not securities:
            empty = np.zeros((len(series.days), 0))
            return Window(series, [], empty, empty, empty)
        within = scope.within if scope.kind == "security" else scope
        mask = None if within is None else account_mask(within, self.accounts)
        values, inbound, outbound = (m[a:b] for m in self._securities_over(timeline, amounts, mask))
        held = (values != 0).any(axis=0) | (inbound[1:] != 0).any(axis=0) | (outbound[1:] != 0).any(axis=0)
        if symbol is not None:
            held &= np.arange(len(held)) == symbol
        chosen = np.flatnonzero(held)
        for s in chosen:
            self._check_rates(timeline, mask, int(s))
        return Window(series, [self.columns.symbols[s] for s in chosen], values[:, chosen], inbound[:, chosen],
                      outbound[:, chosen])

    def against(self, parts: list[BenchmarkPart], series: Series) -> tuple[BenchmarkSeries, Comparison]:
        """A benchmark over the days of a scope's series, from this book's price cache, and how the scope
        compares (BenchmarkError when its closes or exchange rate are missing)."""
        bench = benchmark_series(parts, self.table, self.rates, series.days)
        return bench, compare(series.days, series.delta, series.cumulative, series.values, bench)

    def series(self, scope: Scope, period: Period) -> Series:
        timeline, amounts = self._timeline(period)
        accounts = account_mask(self._checked(scope), self.accounts)
        symbol = self._symbol(scope) if scope.kind == "security" else None
        values = timeline.value(accounts=accounts, symbol=symbol)
        flows = scope_flows(amounts, scope, accounts, symbol)
        self._check_rates(timeline, accounts, symbol)
        return _series(timeline.days, values, flows.inbound, flows.outbound,
                       self._price_ages(timeline, scope)[0])

    def measure(self, scope: Scope, period: Period) -> Measure:
        series = self.series(scope, period)
        [breakdown] = self._breakdowns([scope], period)
        timeline, _ = self._timeline(period)
        return self._measure(scope, period, series, breakdown, self._coverage(timeline, scope))

    def measure_each(self, kind: str, period: Period, within: Scope | None = None) -> list[Measure]:
        """Every security, account or portfolio of the book, each over the period (one pass for all);
        securities only in the accounts of `within` when given."""
        if kind == "security":
            return self._each_security(period, within)
        names = sorted({a.portfolio if kind == "portfolio" else a.name for a in self.accounts})
        scopes = [Scope(kind, name) for name in names]
        found = self._breakdowns(scopes, period)
        timeline, _ = self._timeline(period)
        return [self._measure(scope, period, self.series(scope, period), breakdown,
                              self._coverage(timeline, scope)) for scope, breakdown in zip(scopes, found)]

    def _security_columns(self, period: Period, within: Scope | None
                          ) -> tuple[list[int], npt.NDArray[np.float64], npt.NDArray[np.float64],
                                     npt.NDArray[np.float64]]:
        """(symbol indexes held or traded in the period, days x symbols values, inflows, outflows)."""
        timeline, amounts = self._timeline(period)
        accounts = None if within is None else account_mask(self._checked(within), self.accounts)
        values = timeline.values_by_symbol(accounts)
        inbound, outbound = security_flow_matrices(amounts, None, accounts)
        held = (values != 0).any(axis=0) | (inbound[1:] != 0).any(axis=0) | (outbound[1:] != 0).any(axis=0)
        chosen = [s for s in range(len(self.columns.symbols)) if held[s]]
        for s in chosen:
            self._check_rates(timeline, accounts, s)
        return chosen, values, inbound, outbound

    def irr_by_security(self, period: Period, within: Scope | None = None) -> dict[str, float | None]:
        """Each security's IRR over the period (its series at once, then one IRR each)."""
        chosen, values, inbound, outbound = self._security_columns(period, within)
        days = self._timeline(period)[0].days
        return {self.columns.symbols[s]: irr_of(days, values[:, s], inbound[:, s], outbound[:, s]) for s in chosen}

    def _each_security(self, period: Period, within: Scope | None) -> list[Measure]:
        timeline, _ = self._timeline(period)
        chosen, values, inbound, outbound = self._security_columns(period, within)
        scopes = [Scope("security", self.columns.symbols[s], within) for s in chosen]
        found = self._breakdowns(scopes, period) if scopes else []
        ages = self._price_ages(timeline, None)[1]
        results = []
        for scope, s, breakdown in zip(scopes, chosen, found):
            series = _series(timeline.days, values[:, s], inbound[:, s], outbound[:, s], ages[:, s])
            results.append(self._measure(scope, period, series, breakdown, self._coverage(timeline, scope)))
        return results

    def _measure(self, scope: Scope, period: Period, series: Series, breakdown: Breakdown,
                 coverage: Coverage) -> Measure:
        total = float(series.cumulative[-1]) if len(series.cumulative) else 0.0
        # Not annualized over less than a year (a week's return raised to a year's power says nothing).
        yearly = annualized(total, period.days) if period.days >= 365 else None
        return Measure(scope, period, self.base, total, yearly,
                       irr_of(series.days, series.values, series.inbound, series.outbound),
                       drawdown(series.days, series.cumulative, series.values),
                       volatility(series.days, series.delta, series.values), breakdown, coverage,
                       self._warnings(scope, period, series))

    def _warnings(self, scope: Scope, period: Period, series: Series) -> list[str]:
        found = []
        below = int((series.values < 0).sum())
        if below:
            found.append(f"the value of the {scope.label} is below zero on {below} days (cash overdrawn): its "
                         "time-weighted return, drawdown and volatility lose their meaning")
        first = self.first_activity(scope)
        if first is not None and period.start < first - timedelta(days=1):
            found.append(f"the period starts before the {scope.label}'s first transaction ({first.isoformat()}): "
                         "its annualized return counts the days before it")
        return found

    # -- exact figures --------------------------------------------------------------------------------
    def _breakdowns(self, scopes: list[Scope], period: Period) -> list[Breakdown]:
        kind = scopes[0].kind
        if kind == "security":
            within = scopes[0].within
            mask = None if within is None else account_mask(within, self.accounts)
            # A security's scope is named.
            partition = Partition(by_symbol={cast(str, scope.name): i for i, scope in enumerate(scopes)},
                                  count=len(scopes), accounts=None if mask is None else
                                  {a.name for a, kept in zip(self.accounts, mask) if kept})
        elif kind == "book":
            partition = Partition(by_account={a.name: 0 for a in self.accounts})
        else:
            by_account = {}
            for i, scope in enumerate(scopes):
                for account in self.accounts:
                    if (account.portfolio if kind == "portfolio" else account.name) == scope.name:
                        by_account[account.name] = i
            partition = Partition(by_account=by_account, count=len(scopes), pass_through=True)
        external = set(np.flatnonzero(self.columns.external_in).tolist())
        partners = {int(i): int(p) for i, p in enumerate(self.columns.partner) if p >= 0}
        if self.transactions is None:
            raise RuntimeError("this engine was made for series only: make it with its transactions for exact figures")
        try:
            return breakdowns(self.accounts, self.transactions, self.rates, period.start, period.end,
                              partition, external, partners)
        except ValueError as error:
            raise PerformanceError(str(error)) from None

    # -- prices ---------------------------------------------------------------------------------------
    def _held(self, timeline: Timeline, scope: Scope | None) -> npt.NDArray[np.bool_]:
        """days x symbols: which securities the scope holds on each day."""
        if scope is None:
            return timeline.held_by_symbol()
        symbol = self._symbol(scope) if scope.kind == "security" else None
        return timeline.held_by_symbol(account_mask(scope, self.accounts), symbol)

    def _price_ages(self, timeline: Timeline, scope: Scope | None
                    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """(per day: the oldest close or rate used for what the scope holds; days x symbols: each
        security's)."""
        ages = timeline.ages
        held = self._held(timeline, scope)
        per_day = np.where(held, ages, 0).max(axis=1) if held.shape[1] else np.zeros(timeline.size, dtype=np.int64)
        return np.maximum(per_day, 0), ages

    def _coverage(self, timeline: Timeline, scope: Scope) -> Coverage:
        held = self._held(timeline, scope)
        # Only the securities the scope holds (one, for a security: measuring each of 500 stays linear).
        symbols: list[int] | npt.NDArray[np.intp] = ([self._symbol(scope)] if scope.kind == "security"
                                                     else np.flatnonzero(held.any(axis=0)))
        held = held[:, symbols]
        notes = []
        ages = timeline.price_age[:, symbols]
        for i, s in enumerate(symbols):
            source: PriceSource = timeline.sources[s]  # typed: an index taken from an array is Any to mypy
            days_held = np.flatnonzero(held[:, i])
            if not len(days_held):
                continue
            if source.kind == "trade prices":
                notes.append(PriceNote(source.symbol, "trade prices", 0, None))
                continue
            if source.kind == "none":
                notes.append(PriceNote(source.symbol, "no price", 0, None))
                continue
            own = ages[days_held, i]
            early = int((own < 0).sum())
            if early:  # its kind is "quotes" here: it has a first close
                first = from_day_number(cast(int, source.first_quote))
                notes.append(PriceNote(source.symbol, "before first close", early, first))
            worst = int(np.argmax(own))
            if own[worst] > MAX_PRICE_AGE:
                day = timeline.days[days_held[worst]] - own[worst]
                notes.append(PriceNote(source.symbol, "carried", int(own[worst]), from_day_number(day)))
        for currency in sorted(self._currencies_held(timeline, scope, symbols, held) - {self.base}):
            name = f"{currency}->{self.base}"
            if self.rates.from_transactions(currency):
                notes.append(PriceNote(name, "FX from transactions", 0, None))
            elif currency in self.columns.currencies:
                age = timeline.fx_age[:, self.columns.currencies.index(currency)]
                worst = int(np.argmax(age))
                if age[worst] > MAX_PRICE_AGE:
                    notes.append(PriceNote(name, "FX carried", int(age[worst]),
                                           from_day_number(timeline.days[worst] - age[worst])))
        counted = held.sum()
        both = timeline.ages[:, symbols]
        fresh = (held & (both <= MAX_PRICE_AGE) & (both >= 0)).sum()
        oldest = int(np.where(held, both, 0).max()) if counted else 0
        return Coverage(float(fresh / counted) if counted else 1.0, max(oldest, 0), notes)

    def _currencies_held(self, timeline: Timeline, scope: Scope, symbols: list[int] | npt.NDArray[np.intp],
                         held: npt.NDArray[np.bool_]) -> set[str]:
        """The currencies of the securities (`held`: days x `symbols`) and cash the scope holds."""
        found = {timeline.sources[symbols[i]].currency for i in np.flatnonzero(held.any(axis=0))}
        if scope.kind != "security":
            accounts = cast(npt.NDArray[np.bool_], account_mask(scope, self.accounts))  # None only for a security
            found |= {self.columns.currencies[c] for b, (a, c) in enumerate(self.columns.buckets)
                      if accounts[a] and timeline.cash[:, b].any()}
        return found

    def _check_rates(self, timeline: Timeline, accounts: npt.NDArray[np.bool_] | None, symbol: int | None) -> None:
        if not timeline.missing_rates:
            return
        held = timeline.held[:, timeline.keys_of(accounts, symbol)].any(axis=0)
        chosen = np.flatnonzero(timeline.keys_of(accounts, symbol))[held]
        needed = {timeline.sources[self.columns.key_symbol[k]].currency for k in chosen}
        if symbol is None:
            for b, (account, c) in enumerate(self.columns.buckets):
                if (accounts is None or accounts[account]) and timeline.cash[:, b].any():
                    needed.add(self.columns.currencies[c])
        missing = sorted(needed & timeline.missing_rates)
        if missing:
            pairs = ", ".join(f"{c}{self.base}=X or {self.base}{c}=X" for c in missing)
            through = "" if "USD" in missing or self.base == "USD" else ", or both through USD"
            raise PerformanceError(f"no exchange rate to {self.base} for {', '.join(missing)} in the price cache "
                                   f"({pairs}{through}), and no transaction of the book gives one: "
                                   "`gigatracker quotes refresh` fetches them")


def _suggest(name: str, known: list[str]) -> str:
    """"; did you mean 'NVDA'?" for a name typed in another case or slightly wrong, else ""."""
    by_case = {k.casefold(): k for k in known}
    match = by_case.get(name.casefold()) or next(iter(difflib.get_close_matches(name, sorted(set(known)), 1)), None)
    return f"; did you mean '{match}'?" if match else ""


def _from_second(flows: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Flows of a slice: those of its first day are in its first value."""
    flows = flows.copy()
    flows[0] = 0.0
    return flows


def _series(days: npt.NDArray[np.int64], values: npt.NDArray[np.float64], inbound: npt.NDArray[np.float64],
            outbound: npt.NDArray[np.float64], price_age: npt.NDArray[np.int64]) -> Series:
    delta, cumulative = ttwror(values, inbound, outbound)
    return Series(days, values, inbound, outbound, delta, cumulative, invested_capital(values, inbound, outbound),
                  drawdown_series(cumulative, values), price_age)


__all__ = ["Coverage", "Measure", "PerformanceBook", "PerformanceError", "PriceNote", "Series", "Window"]
