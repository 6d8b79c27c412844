"""The performance commands of an open book, reached as `app.performance`: how the book, a portfolio, an
account or a security has done over a period (TTWROR, IRR, risk, the breakdown of its value) and its
daily history; returns by theme and their contributions; a portfolio's benchmark and how the scope
compares. Figures follow Portfolio Performance's definitions (gigatracker/core/performance.py)."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from .changes import Changed
from ..core.attribution import SleeveReturn
from ..core.benchmark import BenchmarkError, BenchmarkPart, Comparison, parse_benchmark, spec_text
from ..core.columns import LedgerColumns
from ..core.exposure import View, security_fractions
from ..core.flows import Scope
from ..core.performance import Measure, PerformanceBook, PerformanceError, Series, Window
from ..core.periods import Period, PeriodError, period_between, period_named
from ..core.quotes import QuoteTable
from ..core.themes import DEFAULT_TAXONOMY
from ..services.store import repository as repo


if TYPE_CHECKING:
    from .open_book import App


@dataclass(frozen=True)
class PeriodChoice:
    """A named period (max, ytd, 1y, 3y, 5y, a year such as 2025), or from `start` to `end`. The end is
    today unless given; a period never ends after today (as in PP)."""
    name: str | None = "max"
    start: date | None = None
    end: date | None = None


def scope_of(portfolio: str | None = None, account: str | None = None, security: str | None = None) -> Scope:
    """The book; a portfolio or an account; a security in the whole book, or in a portfolio or account."""
    if portfolio and account:
        raise PerformanceError("choose a portfolio or an account, not both")
    holder = Scope("portfolio", portfolio) if portfolio else Scope("account", account) if account else None
    if security:
        return Scope("security", security, holder)
    return holder or Scope("book")


@dataclass
class ThemeReturns:
    """Each theme's sleeve of a scope over a period, then Unassigned and cash and other."""
    scope: Scope
    period: Period
    base_currency: str
    taxonomy: str
    look_through: bool
    ttwror: float  # the scope's: the contributions add up to it
    rows: list[SleeveReturn]
    notes: list[str] = field(default_factory=list)


class PerformanceCommands:
    def __init__(self, app: "App"):
        self.app = app

    def engine(self, *, exact: bool = True) -> PerformanceBook:
        """The book's ledger and price cache, ready for any scope and period. Its series come from arrays
        loaded straight from the rows; `exact` also makes the Decimal transactions that exact figures (the
        breakdown of `measure`) need, from the same rows (one snapshot). Charts need only the arrays."""
        with self.app.book.read() as conn:
            accounts = repo.load_accounts(conn)
            rows = repo.transaction_rows(conn)
            prices = repo.price_rows(conn)
        columns = LedgerColumns(accounts, repo.arrays_of(rows, accounts))
        transactions = repo.transactions_of(rows) if exact else None
        return PerformanceBook(accounts, columns, QuoteTable(prices), self.app.base_currency, transactions)

    def period(self, engine: PerformanceBook, scope: Scope, choice: PeriodChoice, today: date | None = None) -> Period:
        today = today or date.today()
        end = min(choice.end or today, today)
        first = engine.first_activity(scope)
        if first is None:
            raise PeriodError(f"nothing to measure: the {scope.label} has no transaction")
        if first > end:
            raise PeriodError(f"nothing to measure: the {scope.label}'s first transaction is on {first.isoformat()}, "
                              f"after {end.isoformat()}")
        if choice.start is not None:
            return period_between(choice.start, end)
        return period_named(choice.name or "max", end, first)

    def measure(self, scope: Scope, choice: PeriodChoice = PeriodChoice(), *, today: date | None = None,
                engine: PerformanceBook | None = None) -> Measure:
        engine = engine or self.engine()
        return engine.measure(scope, self.period(engine, scope, choice, today))

    def measure_each(self, kind: str, scope: Scope = Scope("book"), choice: PeriodChoice = PeriodChoice(), *,
                     today: date | None = None, engine: PerformanceBook | None = None) -> list[Measure]:
        """Each security, account or portfolio (of the book, or within a portfolio when `scope` is one)."""
        engine = engine or self.engine()
        period = self.period(engine, scope, choice, today)
        if kind == "security":
            return engine.measure_each(kind, period, None if scope.kind == "book" else scope)
        found = engine.measure_each(kind, period)
        if scope.kind != "book":
            names = {a.name for a in engine.accounts if scope.name in (a.portfolio, a.name)}
            found = [m for m in found if m.scope.name in names or m.scope.name == scope.name]
        return found

    def history(self, scope: Scope, choice: PeriodChoice = PeriodChoice(), *, today: date | None = None,
                engine: PerformanceBook | None = None) -> tuple[Period, Series]:
        engine = engine or self.engine()
        period = self.period(engine, scope, choice, today)
        return period, engine.series(scope, period)

    # -- by theme -------------------------------------------------------------------------------------
    def theme_fractions(self, taxonomy: str = DEFAULT_TAXONOMY, *, depth: int | None = None,
                        look_through: bool = False, symbols=()) -> tuple[dict[str, dict[str, float]], list[str]]:
        """Each security's share in each theme of the taxonomy (looking through funds if asked), and what
        to say about the approximation."""
        if taxonomy not in self.app.themes.taxonomies():
            known = self.app.themes.taxonomies()
            match = difflib.get_close_matches(taxonomy, known, 1)
            raise PerformanceError(f"no taxonomy named '{taxonomy}'" + (f"; did you mean '{match[0]}'?" if match else
                                   f" (the book has {', '.join(known) or 'none'})"))
        data = self.app.themes.book_data()
        view = View("theme", taxonomy, depth, look_through)
        fractions = {symbol: security_fractions(symbol, view, data) for symbol in symbols}
        notes = ["weights as they are today, over the whole period (the book keeps no history of them)"]
        if look_through:
            funds = sorted((data.funds[s].as_of, s) for s in symbols if s in data.funds)
            if funds:
                notes.append(f"funds looked through with their holdings as of {funds[0][0].isoformat()}"
                             + (f" ({funds[0][1]}, the oldest)" if len(funds) > 1 else f" ({funds[0][1]})")
                             + ", applied over the whole period")
        return fractions, notes

    def theme_returns(self, scope: Scope, choice: PeriodChoice = PeriodChoice(), *,
                      taxonomy: str = DEFAULT_TAXONOMY, depth: int | None = None, look_through: bool = False,
                      today: date | None = None, engine: PerformanceBook | None = None) -> ThemeReturns:
        if scope.kind == "security":
            raise PerformanceError("returns by theme are for the book, a portfolio or an account: drop --security")
        engine = engine or self.engine()
        period = self.period(engine, scope, choice, today)
        window = engine.window(scope, period)
        fractions, notes = self.theme_fractions(taxonomy, depth=depth, look_through=look_through,
                                                symbols=window.symbols)
        return ThemeReturns(scope, period, engine.base, taxonomy, look_through,
                            float(window.series.cumulative[-1]), window.by_key(fractions), notes)

    def period_windows(self, scope: Scope, names: tuple[str, ...], *, today: date | None = None,
                       engine: PerformanceBook | None = None) -> dict[str, tuple[Period, Window]]:
        """The scope over each named period (ytd, 1y, max…), from one engine; a period the scope cannot be
        measured over (nothing held yet) is left out."""
        engine = engine or self.engine()
        found = {}
        for name in names:
            try:
                found[name] = self.window(scope, PeriodChoice(name), today=today, engine=engine)
            except PeriodError:
                continue
        return found

    def window(self, scope: Scope, choice: PeriodChoice = PeriodChoice(), *, today: date | None = None,
               engine: PerformanceBook | None = None) -> tuple[Period, Window]:
        engine = engine or self.engine()
        period = self.period(engine, scope, choice, today)
        return period, engine.window(scope, period)

    # -- benchmarks -----------------------------------------------------------------------------------
    def benchmarks(self) -> dict[str | None, list[BenchmarkPart]]:
        """Every saved benchmark: per portfolio, and the book's (key None)."""
        with self.app.book.read() as conn:
            saved = repo.saved_benchmarks(conn)
        return {portfolio or None: parse_benchmark([spec]) for portfolio, spec in saved.items()}

    def benchmark_of(self, portfolio: str | None) -> list[BenchmarkPart] | None:
        """The portfolio's benchmark, else the book's; None when neither is set."""
        saved = self.benchmarks()
        return saved.get(portfolio) or saved.get(None)

    def set_benchmark(self, portfolio: str | None, specs: list[str]) -> list[BenchmarkPart]:
        """Save a benchmark for a portfolio (None: the whole book, and any portfolio without its own)."""
        parts = parse_benchmark(specs)
        self._check_portfolio(portfolio)
        with self.app.book.write() as conn:
            repo.save_benchmark(conn, portfolio or "", spec_text(parts))
        self.app._publish(Changed(benchmarks=True))
        return parts

    def clear_benchmark(self, portfolio: str | None) -> bool:
        self._check_portfolio(portfolio)
        with self.app.book.write() as conn:
            removed = repo.clear_benchmark(conn, portfolio or "")
        self.app._publish(Changed(benchmarks=True))
        return removed

    def _check_portfolio(self, portfolio: str | None) -> None:
        known = self.app.portfolios()
        if portfolio is not None and portfolio not in known:
            match = difflib.get_close_matches(portfolio, known, 1)
            raise PerformanceError(f"unknown portfolio '{portfolio}'" + (f"; did you mean '{match[0]}'?" if match
                                                                       else ""))

    def has_prices(self, symbol: str) -> bool:
        with self.app.book.read() as conn:
            return repo.has_prices(conn, symbol)

    def scope_benchmark(self, scope: Scope) -> list[BenchmarkPart] | None:
        """The benchmark saved for the scope's portfolio (an account's: its portfolio's), else the book's."""
        holder = scope.within if scope.kind == "security" else scope
        portfolio = None
        if holder is not None and holder.kind == "portfolio":
            portfolio = holder.name
        elif holder is not None and holder.kind == "account":
            portfolio = next((a.portfolio for a in self.app.accounts() if a.name == holder.name), None)
        return self.benchmark_of(portfolio)

    def compare(self, scope: Scope, choice: PeriodChoice = PeriodChoice(), parts: list[BenchmarkPart] | None = None,
                *, today: date | None = None, engine: PerformanceBook | None = None) -> Comparison:
        """The scope against a benchmark (`parts`, else the one saved for it) over the period."""
        parts = parts or self.scope_benchmark(scope)
        if not parts:
            raise PerformanceError("no benchmark: name one (--benchmark SOXX) or save one with "
                                   "`gigatracker benchmark set`")
        engine = engine or self.engine()
        period, window = self.window(scope, choice, today=today, engine=engine)
        try:
            return engine.against(parts, window.series)[1]
        except BenchmarkError as error:
            raise PerformanceError(str(error)) from None
