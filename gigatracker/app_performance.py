"""The performance commands of an open book, reached as `app.performance`: how the book, a portfolio, an
account or a security has done over a period (TTWROR, IRR, risk, the breakdown of its value) and its
daily history. Figures follow Portfolio Performance's definitions (gigatracker/core/performance.py)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .core.flows import Scope
from .core.performance import Measure, PerformanceBook, PerformanceError, Series
from .core.periods import Period, PeriodError, period_between, period_named
from .core.quotes import QuoteTable
from .services.store import repository as repo

if TYPE_CHECKING:
    from .app import App


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


class PerformanceCommands:
    def __init__(self, app: "App"):
        self.app = app

    def engine(self) -> PerformanceBook:
        """The book's ledger and price cache, ready for any scope and period."""
        with self.app.book.read() as conn:
            accounts = repo.load_accounts(conn)
            transactions = repo.load_transactions(conn)
            rows = repo.price_rows(conn)
        return PerformanceBook(accounts, transactions, QuoteTable(rows), self.app.base_currency)

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
