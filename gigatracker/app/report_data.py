"""The figures of an adviser's report for one portfolio, gathered from the open book (the renderer in
services/reports/adviser.py takes them as they are, never the App)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from ..core.benchmark import BenchmarkError, describe
from ..core.exposure import View, concentration, exposure
from ..core.flows import Scope
from ..core.returns import irr_of
from ..core.rules import check_rules
from ..core.themes import DEFAULT_TAXONOMY
from ..services.reports.data import PERIOD_ROWS, PerformanceSection, PeriodReturn, ReportData

if TYPE_CHECKING:
    from .open_book import App


def gather_performance(app: App, portfolio: str, day: date, look_through: bool, with_themes: bool = True
                       ) -> PerformanceSection | None:
    """The performance section of a portfolio (None: nothing to measure yet)."""
    scope = Scope("portfolio", portfolio)
    engine = app.performance.engine()
    windows = app.performance.period_windows(scope, PERIOD_ROWS, today=day, engine=engine)
    if not windows:
        return None
    parts = app.performance.scope_benchmark(scope)
    chosen = min(("1y", "max"), key=lambda n: windows[n][0].days if n in windows else 10 ** 9)
    returns, comparison, benchmark_error, themes = [], None, None, []
    for name, (period, window) in windows.items():
        s = window.series
        bench = None
        if parts:
            try:
                bench_series, compared = engine.against(parts, s)
                bench = float(bench_series.cumulative[-1])
                if name == chosen:
                    comparison = compared
            except BenchmarkError as error:
                benchmark_error = str(error)
        row = PeriodReturn(name, period.start, period.end, float(s.cumulative[-1]),
                           irr_of(s.days, s.values, s.inbound, s.outbound), bench)
        returns.append(row)
        if name == chosen:
            chart, days, values, invested = row, s.days, s.values, s.invested
            if with_themes:
                fractions, _notes = app.performance.theme_fractions(DEFAULT_TAXONOMY, look_through=look_through,
                                                                    symbols=window.symbols)
                themes = window.by_key(fractions)
    return PerformanceSection(returns, chart, days, values, invested, themes, describe(parts) if parts else None,
                              comparison, benchmark_error)


def gather(app: App, portfolio: str, *, day: date | None = None) -> ReportData:
    snapshot = app.snapshot(portfolio)
    data = app.themes.book_data()
    look = bool(data.funds)
    base, items = snapshot.base_currency, snapshot.items
    rules = app.themes.rules()
    themes = app.themes.list_themes()
    in_thesis = {t.path: t for t in themes if t.taxonomy == DEFAULT_TAXONOMY}
    targets: dict[str, tuple[int | None, int | None]] = {}
    for rule in rules:
        if rule.dimension == "theme" and rule.taxonomy == DEFAULT_TAXONOMY:
            low, high = targets.get(rule.key, (None, None))
            targets[rule.key] = (rule.min_bp if rule.min_bp is not None else low,
                                 rule.max_bp if rule.max_bp is not None else high)
    day = day or date.today()
    has_thesis = DEFAULT_TAXONOMY in app.themes.taxonomies()
    return ReportData(
        portfolio=portfolio, day=day, base_currency=base,
        total_base=sum((item.value_base for item in items), Decimal(0)),
        themes=exposure(items, View("theme", DEFAULT_TAXONOMY, None, look), data, base),
        countries=exposure(items, View("country", look_through=look), data, base),
        currencies=exposure(items, View("currency", look_through=look), data, base),
        concentration=concentration(items, data, look_through=look),
        breaches=check_rules(rules, items, data, base, look_through=look),
        theses=[t for t in app.themes.theses() if t.taxonomy == DEFAULT_TAXONOMY],
        holdings=snapshot.holdings, theme_info=in_thesis, problems=snapshot.problems, targets=targets,
        performance=gather_performance(app, portfolio, day, look, has_thesis))
