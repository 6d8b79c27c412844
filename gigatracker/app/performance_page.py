"""What the window's performance page, the dashboard's value chart, the clients view and the PDF report show
about returns: one scope over one period (its daily series, figures, benchmark, themes and a table per
security, account or portfolio), computed from an engine kept between loads. No Qt here.

`PerformanceCache` keeps the book's engine and its covering timeline (core/performance.py): a period or a
scope is then a slice of it, and only a write that changes what the figures depend on rebuilds it.
"""
from __future__ import annotations

import math
import threading
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from .performance import PeriodChoice
from .changes import Changed
from ..core.attribution import CASH_SLEEVE, SleeveReturn
from ..core.benchmark import BenchmarkError, BenchmarkPart, Comparison, describe
from ..core.flows import Scope
from ..core.performance import PerformanceBook, PerformanceError, Window
from ..core.periods import Period, PeriodError
from ..core.returns import annualized, drawdown, irr_of, volatility
from ..core.themes import DEFAULT_TAXONOMY, UNASSIGNED

if TYPE_CHECKING:
    from .open_book import App

@dataclass(frozen=True)
class Figures:
    ttwror: float
    ttwror_annualized: float | None  # None under a year
    irr: float | None
    max_drawdown: float
    volatility: float
    gain: float  # final − initial − flows in + flows out, base currency
    final_value: float


@dataclass(frozen=True)
class TableRow:
    kind: str  # security, account, portfolio
    name: str
    value: float  # at the end of the period
    ttwror: float
    irr: float | None
    gain: float
    contribution: float | None  # securities only: their part of the scope's TTWROR


@dataclass
class PerformancePage:
    scope: Scope
    period: Period
    base_currency: str
    days: np.ndarray  # day numbers
    values: np.ndarray
    invested: np.ndarray
    cumulative: np.ndarray  # TTWROR since the start
    drawdown: np.ndarray
    figures: Figures
    benchmark: str | None = None
    benchmark_cumulative: np.ndarray | None = None
    comparison: Comparison | None = None
    benchmark_error: str | None = None
    taxonomy: str = DEFAULT_TAXONOMY
    themes: list[SleeveReturn] = field(default_factory=list)
    theme_notes: list[str] = field(default_factory=list)
    table: dict[str, list[TableRow]] = field(default_factory=dict)


def figures_of(window: Window, period: Period) -> Figures:
    s = window.series
    total = float(s.cumulative[-1])
    gain = s.values[-1] - s.values[0] - s.inbound[1:].sum() + s.outbound[1:].sum()
    risk = volatility(s.days, s.delta, s.values).standard_deviation
    return Figures(total, annualized(total, period.days) if period.days >= 365 else None,
                   irr_of(s.days, s.values, s.inbound, s.outbound), drawdown(s.days, s.cumulative, s.values).maximum,
                   risk, float(gain), float(s.values[-1]))


class PerformanceCache:
    """The book's performance engine, its themes' fractions and benchmarks, kept between loads (loads run
    in workers: one at a time here)."""

    def __init__(self, app: "App"):
        self.app = app
        self._lock = threading.Lock()  # one load at a time (the engine's covering timeline is shared)
        self._engine: PerformanceBook | None = None
        self._engine_version = 0  # bumped by each write that changes the engine: a load under way that
        # read the book before it must not keep what it built
        self._fractions: dict[tuple[str, bool], tuple[dict, list[str]]] = {}
        self._benchmarks: dict | None = None
        self.version = 0  # bumped by every write that makes a page computed before out of date

    def invalidate(self, change: Changed) -> None:
        """Forget what a write changed. Called on the GUI thread from the app's change events: it never
        waits for a load under way (plain assignments)."""
        if change.valuation or change.classification or change.benchmarks:
            self.version += 1
        if change.valuation:  # the base currency too: every value is in it
            self._engine_version += 1
            self._engine = None
        if change.themes or change.transactions or change.securities or change.funds:
            self._fractions = {}
        if change.benchmarks or change.accounts:
            self._benchmarks = None

    def engine(self) -> PerformanceBook:
        engine = self._engine
        if engine is None:
            version = self._engine_version
            engine = self.app.performance.engine(exact=False)  # the page's figures come from its series
            if version == self._engine_version:
                self._engine = engine
        return engine

    def _theme_fractions(self, taxonomy: str, look_through: bool, engine: PerformanceBook):
        key, held = (taxonomy, look_through), self._fractions
        if key not in held:
            held[key] = self.app.performance.theme_fractions(taxonomy, look_through=look_through,
                                                             symbols=engine.columns.symbols)
        return held[key]

    def _benchmark_of(self, scope: Scope) -> list[BenchmarkPart] | None:
        saved = self._benchmarks
        if saved is None:
            saved = self._benchmarks = self.app.performance.benchmarks()
        portfolio = scope.name if scope.kind == "portfolio" else None
        return saved.get(portfolio) or saved.get(None)

    def page(self, portfolio: str | None, choice: PeriodChoice = PeriodChoice(), *,
             taxonomy: str = DEFAULT_TAXONOMY, look_through: bool = False, with_table: bool = True,
             with_themes: bool = True, today: date | None = None) -> PerformancePage | None:
        """The book (or a portfolio) over the period; None when it has no transaction yet."""
        scope = Scope("portfolio", portfolio) if portfolio else Scope("book")
        with self._lock:
            engine = self.engine()
            if engine.first_activity(scope) is None:
                return None
            period = self.app.performance.period(engine, scope, choice, today)
            window = engine.window(scope, period)
            s = window.series
            page = PerformancePage(scope, period, engine.base, s.days, s.values, s.invested, s.cumulative,
                                   s.drawdown, figures_of(window, period), taxonomy=taxonomy)
            self._add_benchmark(page, scope, window, engine)
            if with_themes and taxonomy in self.app.themes.taxonomies():
                fractions, notes = self._theme_fractions(taxonomy, look_through, engine)
                page.themes, page.theme_notes = window.by_key(fractions), notes
            if with_table:
                page.table = self._table(engine, scope, period, window)
            return page

    def _add_benchmark(self, page: PerformancePage, scope: Scope, window: Window, engine: PerformanceBook) -> None:
        parts = self._benchmark_of(scope)
        if not parts:
            return
        page.benchmark = describe(parts)
        try:
            bench, page.comparison = engine.against(parts, window.series)
        except BenchmarkError as error:
            page.benchmark_error = str(error)
            return
        page.benchmark_cumulative = bench.cumulative

    def _table(self, engine: PerformanceBook, scope: Scope, period: Period, window: Window) -> dict[str, list[TableRow]]:
        rows = {"security": [TableRow("security", r.name, r.end_value, r.ttwror, r.irr, r.gain, r.contribution)
                             for r in window.by_security()[:-1]]}
        accounts = [a for a in engine.accounts if scope.kind == "book" or a.portfolio == scope.name]
        for kind, names in (("account", sorted({a.name for a in accounts})),
                            ("portfolio", sorted({a.portfolio for a in accounts}))):
            found = []
            for name in names:
                part = engine.window(Scope(kind, name), period, securities=False)
                figures = figures_of(part, period)
                if part.series.values.any() or figures.gain:
                    found.append(TableRow(kind, name, figures.final_value, figures.ttwror, figures.irr,
                                          figures.gain, None))
            rows[kind] = found
        return rows


@dataclass(frozen=True)
class ClientReturns:
    """A client's returns for the clients view: YTD and 1 year, each with its benchmark's, and its best
    and worst theme over the year (by their own TTWROR)."""
    ytd: float | None = None
    ytd_benchmark: float | None = None
    one_year: float | None = None
    one_year_benchmark: float | None = None
    benchmark: str | None = None
    best: tuple[str, float] | None = None
    worst: tuple[str, float] | None = None


def client_returns(cache: PerformanceCache, portfolio: str, *, today: date | None = None) -> ClientReturns:
    pages = {}
    for name in ("ytd", "1y"):
        try:
            pages[name] = cache.page(portfolio, PeriodChoice(name), with_table=False, with_themes=name == "1y",
                                     today=today)
        except (PeriodError, PerformanceError):
            pages[name] = None

    def returns(name: str) -> tuple[float | None, float | None]:
        page = pages[name]
        if page is None:
            return None, None
        bench = page.comparison.benchmark_ttwror if page.comparison else None
        return page.figures.ttwror, bench

    year = pages["1y"]
    themes = [(r.name, r.ttwror) for r in (year.themes if year else [])
              if r.name not in (UNASSIGNED, CASH_SLEEVE) and (r.start_value or r.end_value) and math.isfinite(r.ttwror)]
    ranked = sorted(themes, key=lambda pair: pair[1])
    benchmark = next((p.benchmark for p in pages.values() if p is not None and p.benchmark), None)
    return ClientReturns(*returns("ytd"), *returns("1y"), benchmark, ranked[-1] if ranked else None,
                         ranked[0] if len(ranked) > 1 else None)
